// Console sign-in state in the site's SQLite: single-use invites and sessions. A session's secret
// lives only in the member's cookie; the table keeps its SHA-256, so a copy of the table signs
// nobody in. Sessions slide (30 days idle), rotate every 12 hours and can be revoked per member.
import { createHash, randomBytes } from 'node:crypto';

export const SESSION_IDLE_MS = 30 * 24 * 3600_000;
export const SESSION_ROTATE_MS = 12 * 3600_000;
/** After a rotation the old secret still works briefly: requests already in flight carry it. */
const ROTATION_GRACE_MS = 60_000;
/** last_seen is written at most this often, so reading the queue is not a write every time. */
const SEEN_EVERY_MS = 60_000;

export const hashSecret = (secret: string): string =>
  createHash('sha256').update(secret).digest('hex');

interface SessionRow {
  id_hash: string;
  member_id: string;
  created_at: number;
  rotated_at: number;
  last_seen_at: number;
  expires_at: number;
  replaced_at: number | null;
  revoked_at: number | null;
  user_agent: string | null;
}

interface InviteRow {
  id: string;
  member_id: string;
  expires_at: number;
  used_at: number | null;
  revoked_at: number | null;
}

export interface SessionCheck {
  memberId: string;
  idHash: string;
  /** A fresh secret when this use rotated the session: the caller sets it as the new cookie. */
  rotated: string | null;
}

export type RedeemResult = 'ok' | 'unknown' | 'used' | 'revoked' | 'expired' | 'wrong_member';

type Row = Record<string, SqlStorageValue>;

export class ConsoleSessions {
  constructor(private readonly sql: SqlStorage) {}

  private one<T>(query: string, ...args: SqlStorageValue[]): T | null {
    return (this.sql.exec<Row>(query, ...args).toArray()[0] as T | undefined) ?? null;
  }

  /** A new session; returns the secret for the cookie. */
  create(
    memberId: string,
    now: number,
    userAgent: string | null,
    createdAt = now,
  ): { secret: string; idHash: string } {
    // Rows that can no longer sign anyone in are kept a day for the sessions list, then dropped.
    this.sql.exec('DELETE FROM console_sessions WHERE expires_at < ?', now - 24 * 3600_000);
    const secret = randomBytes(32).toString('base64url');
    const idHash = hashSecret(secret);
    this.sql.exec(
      `INSERT INTO console_sessions (id_hash, member_id, created_at, rotated_at, last_seen_at, expires_at, user_agent)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
      idHash,
      memberId,
      createdAt,
      now,
      now,
      now + SESSION_IDLE_MS,
      userAgent?.slice(0, 200) ?? null,
    );
    return { secret, idHash };
  }

  check(secret: string, now: number): SessionCheck | null {
    const row = this.one<SessionRow>(
      'SELECT * FROM console_sessions WHERE id_hash = ?',
      hashSecret(secret),
    );
    if (!row || row.revoked_at !== null || row.expires_at <= now) return null;
    // A replaced secret is honoured only for its grace period (its expiry was cut to that).
    if (row.replaced_at !== null)
      return { memberId: row.member_id, idHash: row.id_hash, rotated: null };
    if (now - row.rotated_at >= SESSION_ROTATE_MS) {
      const next = this.create(row.member_id, now, row.user_agent, row.created_at);
      this.sql.exec(
        'UPDATE console_sessions SET replaced_at = ?, expires_at = ? WHERE id_hash = ?',
        now,
        now + ROTATION_GRACE_MS,
        row.id_hash,
      );
      return { memberId: row.member_id, idHash: next.idHash, rotated: next.secret };
    }
    if (now - row.last_seen_at >= SEEN_EVERY_MS) {
      this.sql.exec(
        'UPDATE console_sessions SET last_seen_at = ?, expires_at = ? WHERE id_hash = ?',
        now,
        now + SESSION_IDLE_MS,
        row.id_hash,
      );
    }
    return { memberId: row.member_id, idHash: row.id_hash, rotated: null };
  }

  end(secret: string, now: number): void {
    this.sql.exec(
      'UPDATE console_sessions SET revoked_at = ? WHERE id_hash = ?',
      now,
      hashSecret(secret),
    );
  }

  /** Signs the member out everywhere; returns how many live sessions ended. */
  revokeMember(memberId: string, now: number): number {
    return this.sql.exec(
      'UPDATE console_sessions SET revoked_at = ? WHERE member_id = ? AND revoked_at IS NULL AND expires_at > ?',
      now,
      memberId,
      now,
    ).rowsWritten;
  }

  /** Live sessions of a member, newest first (a rotated one is listed once, as its successor). */
  list(memberId: string, now: number): SessionRow[] {
    return this.sql
      .exec<Row>(
        `SELECT * FROM console_sessions WHERE member_id = ? AND revoked_at IS NULL AND replaced_at IS NULL
         AND expires_at > ? ORDER BY last_seen_at DESC LIMIT 50`,
        memberId,
        now,
      )
      .toArray() as unknown as SessionRow[];
  }

  /** Records a new invite; older unused invites of the member stop working (the latest wins). */
  createInvite(
    id: string,
    memberId: string,
    createdBy: string | null,
    expiresAt: number,
    now: number,
  ): void {
    this.sql.exec(
      'UPDATE console_invites SET revoked_at = ? WHERE member_id = ? AND used_at IS NULL AND revoked_at IS NULL',
      now,
      memberId,
    );
    this.sql.exec(
      'INSERT INTO console_invites (id, member_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?)',
      id,
      memberId,
      createdBy,
      now,
      expiresAt,
    );
  }

  /** Marks the invite used if it still can be; the signature was checked by the caller. */
  redeemInvite(id: string, memberId: string, now: number): RedeemResult {
    const row = this.one<InviteRow>('SELECT * FROM console_invites WHERE id = ?', id);
    if (!row) return 'unknown';
    if (row.member_id !== memberId) return 'wrong_member';
    if (row.used_at !== null) return 'used';
    if (row.revoked_at !== null) return 'revoked';
    if (row.expires_at <= now) return 'expired';
    this.sql.exec('UPDATE console_invites SET used_at = ? WHERE id = ?', now, id);
    return 'ok';
  }
}
