import { DurableObject } from 'cloudflare:workers';
import type { Env } from './env';

/** What would have been sent, as listed by /dev/outbox.json. */
export interface DevOutboxEntry {
  at: string;
  site: string;
  leadId: string;
  kind: string;
  channel: string;
  to: string;
  memberId?: string;
  body: string;
}

/**
 * Development only: one object collects every message that would have gone to a provider,
 * so a developer sees the whole product on one machine with no accounts.
 */
export class DevOutbox extends DurableObject<Env> {
  constructor(ctx: DurableObjectState, env: Env) {
    super(ctx, env);
    ctx.storage.sql.exec(`CREATE TABLE IF NOT EXISTS entries (
      id INTEGER PRIMARY KEY AUTOINCREMENT, dedupe_key TEXT NOT NULL UNIQUE, at INTEGER NOT NULL,
      site TEXT NOT NULL, lead_id TEXT NOT NULL, kind TEXT NOT NULL, channel TEXT NOT NULL,
      to_addr TEXT NOT NULL, member_id TEXT, body TEXT NOT NULL)`);
  }

  /** Idempotent on dedupeKey: a retried send is listed once. */
  record(msg: {
    dedupeKey: string;
    at: number;
    site: string;
    leadId: string;
    kind: string;
    channel: string;
    to: string;
    memberId: string | null;
    body: string;
  }): number {
    const sql = this.ctx.storage.sql;
    sql.exec(
      `INSERT OR IGNORE INTO entries (dedupe_key, at, site, lead_id, kind, channel, to_addr, member_id, body)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      `${msg.site}/${msg.dedupeKey}`,
      msg.at,
      msg.site,
      msg.leadId,
      msg.kind,
      msg.channel,
      msg.to,
      msg.memberId,
      msg.body,
    );
    const row = sql
      .exec<{ id: number }>(
        'SELECT id FROM entries WHERE dedupe_key = ?',
        `${msg.site}/${msg.dedupeKey}`,
      )
      .one();
    return row.id;
  }

  list(limit = 500): DevOutboxEntry[] {
    type Row = {
      at: number;
      site: string;
      lead_id: string;
      kind: string;
      channel: string;
      to_addr: string;
      member_id: string | null;
      body: string;
    };
    const rows = this.ctx.storage.sql
      .exec<Row>(
        'SELECT * FROM (SELECT * FROM entries ORDER BY id DESC LIMIT ?) ORDER BY id',
        limit,
      )
      .toArray();
    return rows.map((r) => ({
      at: new Date(r.at).toISOString(),
      site: r.site,
      leadId: r.lead_id,
      kind: r.kind,
      channel: r.channel,
      to: r.to_addr,
      ...(r.member_id ? { memberId: r.member_id } : {}),
      body: r.body,
    }));
  }
}
