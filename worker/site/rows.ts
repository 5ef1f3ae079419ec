// Typed access to the Site object's rows. Everything here is synchronous SQLite: a caller
// wraps several of these in one transactionSync so a state change and its effects land together.
import type { EscalationPolicy, LeadInput, LeadStatus, SiteConfig } from '../../shared/schemas';

export interface LeadRow {
  id: string;
  created_at: number;
  status: LeadStatus;
  name: string;
  phone: string;
  input: string;
  assignee_id: string | null;
  claimed_by: string | null;
  claimed_at: number | null;
  clock_starts_at: number;
  respond_by: number;
  ack_message: string;
  policy: string;
}

export interface Lead {
  id: string;
  createdAt: number;
  status: LeadStatus;
  input: LeadInput;
  assigneeId: string | null;
  claimedBy: string | null;
  claimedAt: number | null;
  clockStartsAt: number;
  respondBy: number;
  ackMessage: string;
  policy: EscalationPolicy;
}

export interface OutboxRow {
  id: number;
  dedupe_key: string;
  lead_id: string;
  kind: 'csr-alert' | 'sms-ack';
  channel: 'sms';
  to_addr: string;
  member_id: string | null;
  step: number | null;
  urgent: number;
  body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled';
  attempts: number;
  next_attempt_at: number;
  provider_id: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export interface TimerRow {
  id: number;
  lead_id: string;
  kind: 'escalate';
  firing: number;
  due_at: number;
}

export interface EventRow {
  id: number;
  lead_id: string | null;
  at: number;
  type: string;
  data: string;
}

type Row = Record<string, SqlStorageValue>;

export class Rows {
  constructor(private readonly sql: SqlStorage) {}

  private one<T>(query: string, ...args: SqlStorageValue[]): T | null {
    const rows = this.sql.exec<Row>(query, ...args).toArray();
    return (rows[0] as T | undefined) ?? null;
  }

  private all<T>(query: string, ...args: SqlStorageValue[]): T[] {
    return this.sql.exec<Row>(query, ...args).toArray() as T[];
  }

  getMeta(key: string): string | null {
    return this.one<{ value: string }>('SELECT value FROM meta WHERE key = ?', key)?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.sql.exec(
      'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value',
      key,
      value,
    );
  }

  config(): SiteConfig | null {
    const raw = this.getMeta('config');
    return raw ? (JSON.parse(raw) as SiteConfig) : null;
  }

  lead(id: string): Lead | null {
    const row = this.one<LeadRow>('SELECT * FROM leads WHERE id = ?', id);
    return row ? toLead(row) : null;
  }

  insertLead(lead: Lead): void {
    this.sql.exec(
      `INSERT INTO leads (id, created_at, status, name, phone, input, assignee_id, claimed_by, claimed_at,
        clock_starts_at, respond_by, ack_message, policy) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      lead.id,
      lead.createdAt,
      lead.status,
      lead.input.name,
      lead.input.phone,
      JSON.stringify(lead.input),
      lead.assigneeId,
      lead.claimedBy,
      lead.claimedAt,
      lead.clockStartsAt,
      lead.respondBy,
      lead.ackMessage,
      JSON.stringify(lead.policy),
    );
  }

  setLeadStatus(id: string, status: LeadStatus): void {
    this.sql.exec('UPDATE leads SET status = ? WHERE id = ?', status, id);
  }

  setClaimed(id: string, memberId: string, at: number): void {
    this.sql.exec(
      "UPDATE leads SET status = 'claimed', claimed_by = ?, claimed_at = ? WHERE id = ?",
      memberId,
      at,
      id,
    );
  }

  idempotent(key: string): { body_hash: string; response: string } | null {
    return this.one('SELECT body_hash, response FROM idempotency WHERE key = ?', key);
  }

  saveIdempotent(
    key: string,
    bodyHash: string,
    leadId: string,
    response: string,
    at: number,
  ): void {
    this.sql.exec(
      'INSERT INTO idempotency (key, body_hash, lead_id, response, created_at) VALUES (?, ?, ?, ?, ?)',
      key,
      bodyHash,
      leadId,
      response,
      at,
    );
  }

  addEvent(
    leadId: string | null,
    at: number,
    type: string,
    data: Record<string, unknown> = {},
  ): void {
    this.sql.exec(
      'INSERT INTO events (lead_id, at, type, data) VALUES (?, ?, ?, ?)',
      leadId,
      at,
      type,
      JSON.stringify(data),
    );
  }

  timeline(leadId: string): EventRow[] {
    return this.all<EventRow>('SELECT * FROM events WHERE lead_id = ? ORDER BY id', leadId);
  }

  addTimer(leadId: string, firing: number, dueAt: number): void {
    this.sql.exec(
      "INSERT OR IGNORE INTO timers (lead_id, kind, firing, due_at) VALUES (?, 'escalate', ?, ?)",
      leadId,
      firing,
      dueAt,
    );
  }

  dueTimers(now: number, limit: number): TimerRow[] {
    return this.all<TimerRow>(
      'SELECT * FROM timers WHERE due_at <= ? ORDER BY due_at, id LIMIT ?',
      now,
      limit,
    );
  }

  deleteTimer(id: number): void {
    this.sql.exec('DELETE FROM timers WHERE id = ?', id);
  }

  deleteLeadTimers(leadId: string): void {
    this.sql.exec('DELETE FROM timers WHERE lead_id = ?', leadId);
  }

  enqueue(
    row: Omit<OutboxRow, 'id' | 'status' | 'attempts' | 'provider_id' | 'last_error' | 'sent_at'>,
  ): boolean {
    const cursor = this.sql.exec(
      `INSERT OR IGNORE INTO outbox (dedupe_key, lead_id, kind, channel, to_addr, member_id, step, urgent, body,
        status, attempts, next_attempt_at, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      row.dedupe_key,
      row.lead_id,
      row.kind,
      row.channel,
      row.to_addr,
      row.member_id,
      row.step,
      row.urgent,
      row.body,
      row.next_attempt_at,
      row.created_at,
    );
    return cursor.rowsWritten > 0;
  }

  dueOutbox(now: number, limit: number): OutboxRow[] {
    // Urgent first, then oldest first: the order in which a human needs them.
    return this.all<OutboxRow>(
      `SELECT * FROM outbox WHERE status IN ('pending', 'sending') AND next_attempt_at <= ?
       ORDER BY urgent DESC, id LIMIT ?`,
      now,
      limit,
    );
  }

  leaseOutbox(id: number, until: number): void {
    this.sql.exec(
      "UPDATE outbox SET status = 'sending', attempts = attempts + 1, next_attempt_at = ? WHERE id = ?",
      until,
      id,
    );
  }

  outboxRow(id: number): OutboxRow | null {
    return this.one<OutboxRow>('SELECT * FROM outbox WHERE id = ?', id);
  }

  markSent(id: number, providerId: string, at: number): void {
    this.sql.exec(
      "UPDATE outbox SET status = 'sent', provider_id = ?, sent_at = ?, last_error = NULL WHERE id = ?",
      providerId,
      at,
      id,
    );
  }

  markRetry(id: number, error: string, nextAt: number): void {
    this.sql.exec(
      "UPDATE outbox SET status = 'pending', last_error = ?, next_attempt_at = ? WHERE id = ?",
      error,
      nextAt,
      id,
    );
  }

  markFailed(id: number, error: string): void {
    this.sql.exec("UPDATE outbox SET status = 'failed', last_error = ? WHERE id = ?", error, id);
  }

  cancelPendingAlerts(leadId: string): number {
    return this.sql.exec(
      "UPDATE outbox SET status = 'cancelled' WHERE lead_id = ? AND kind = 'csr-alert' AND status = 'pending'",
      leadId,
    ).rowsWritten;
  }

  nextWakeUp(): number | null {
    const t = this.one<{ at: number | null }>(
      `SELECT MIN(at) AS at FROM (
         SELECT MIN(due_at) AS at FROM timers
         UNION ALL SELECT MIN(next_attempt_at) FROM outbox WHERE status IN ('pending', 'sending'))`,
    );
    return t?.at ?? null;
  }
}

function toLead(row: LeadRow): Lead {
  return {
    id: row.id,
    createdAt: row.created_at,
    status: row.status,
    input: JSON.parse(row.input) as LeadInput,
    assigneeId: row.assignee_id,
    claimedBy: row.claimed_by,
    claimedAt: row.claimed_at,
    clockStartsAt: row.clock_starts_at,
    respondBy: row.respond_by,
    ackMessage: row.ack_message,
    policy: JSON.parse(row.policy) as EscalationPolicy,
  };
}
