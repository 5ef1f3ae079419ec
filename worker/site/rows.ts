// Typed access to the Site object's rows. Everything here is synchronous SQLite: a caller
// wraps several of these in one transactionSync so a state change and its effects land together.
import type { Policy } from '../../shared/schedule-schemas';
import type { LeadInput, LeadStatus, SiteConfig } from '../../shared/schemas';

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
  rule_id: string | null;
  assignees: string;
  contact_clock_at: number | null;
  contacted_at: number | null;
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
  /** A snapshot: a policy edited later applies to later leads only. */
  policy: Policy;
  ruleId: string | null;
  /** Everyone the lead was assigned to (several when broadcast); empty until assigned. */
  assignees: string[];
  /** Start of the contact phase: escalation again when a claimed lead is not reached. */
  contactClockAt: number | null;
  contactedAt: number | null;
}

export type OutboxKind = 'csr-alert' | 'sms-ack' | 'webhook';
export type OutboxChannel = 'sms' | 'voice' | 'push' | 'email' | 'webhook';

export interface OutboxRow {
  id: number;
  dedupe_key: string;
  lead_id: string;
  kind: OutboxKind;
  channel: OutboxChannel;
  to_addr: string;
  member_id: string | null;
  step: number | null;
  urgent: number;
  body: string;
  status: 'pending' | 'sending' | 'sent' | 'failed' | 'cancelled' | 'suppressed';
  delivery_status: string | null;
  phase: Phase;
  firing: number | null;
  rule: number | null;
  attempts: number;
  next_attempt_at: number;
  provider_id: string | null;
  last_error: string | null;
  created_at: number;
  sent_at: number | null;
}

export type NewOutboxRow = Omit<
  OutboxRow,
  | 'id'
  | 'status'
  | 'attempts'
  | 'provider_id'
  | 'last_error'
  | 'sent_at'
  | 'delivery_status'
  | 'phase'
  | 'firing'
  | 'rule'
> &
  Partial<Pick<OutboxRow, 'phase' | 'firing' | 'rule'>>;

export interface TimerRow {
  id: number;
  key: string;
  lead_id: string;
  /** escalate: the policy's next firing; rule: a member's next notification rule. */
  kind: 'escalate' | 'rule' | 'assign';
  /** The clock it belongs to: claim (until someone claims) or contact (until someone reaches them). */
  phase: Phase;
  firing: number;
  member_id: string | null;
  rule: number | null;
  due_at: number;
}

export type Phase = 'claim' | 'contact';

export interface PushSubscriptionRow {
  id: string;
  member_id: string;
  endpoint: string;
  p256dh: string;
  auth: string;
  created_at: number;
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
        clock_starts_at, respond_by, ack_message, policy, rule_id, assignees, contact_clock_at, contacted_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
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
      lead.ruleId,
      JSON.stringify(lead.assignees),
      lead.contactClockAt,
      lead.contactedAt,
    );
  }

  setAssignees(id: string, assignees: string[], primary: string | null): void {
    this.sql.exec(
      'UPDATE leads SET assignees = ?, assignee_id = ? WHERE id = ?',
      JSON.stringify(assignees),
      primary ?? assignees[0] ?? null,
      id,
    );
  }

  setContactClock(id: string, at: number): void {
    this.sql.exec('UPDATE leads SET contact_clock_at = ? WHERE id = ?', at, id);
  }

  setContacted(id: string, at: number): void {
    this.sql.exec("UPDATE leads SET status = 'contacted', contacted_at = ? WHERE id = ?", at, id);
  }

  /** Open, unclaimed leads each member holds: what the routing cap counts. */
  openUnclaimed(): Record<string, number> {
    const rows = this.sql
      .exec<{ member: string; n: number }>(
        `SELECT j.value AS member, COUNT(*) AS n FROM leads, json_each(leads.assignees) AS j
         WHERE leads.status IN ('received', 'alerted') GROUP BY j.value`,
      )
      .toArray();
    return Object.fromEntries(rows.map((r) => [r.member, Number(r.n)]));
  }

  /** Members who switched themselves off duty (from the console). */
  offDuty(): Set<string> {
    return new Set(
      this.sql
        .exec<{ member_id: string }>('SELECT member_id FROM console_duty WHERE off_duty = 1')
        .toArray()
        .map((r) => r.member_id),
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

  addTimer(t: Omit<TimerRow, 'id'>): void {
    this.sql.exec(
      `INSERT OR IGNORE INTO timers (key, lead_id, kind, phase, firing, member_id, rule, due_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
      t.key,
      t.lead_id,
      t.kind,
      t.phase,
      t.firing,
      t.member_id,
      t.rule,
      t.due_at,
    );
  }

  /** Brings a pending timer forward to `at`; false when it already ran or never existed. */
  pullTimerForward(key: string, at: number): boolean {
    return (
      this.sql.exec('UPDATE timers SET due_at = ? WHERE key = ? AND due_at > ?', at, key, at)
        .rowsWritten > 0
    );
  }

  hasTimer(key: string): boolean {
    return this.one('SELECT 1 AS x FROM timers WHERE key = ?', key) !== null;
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

  enqueue(row: NewOutboxRow): boolean {
    const cursor = this.sql.exec(
      `INSERT OR IGNORE INTO outbox (dedupe_key, lead_id, kind, channel, to_addr, member_id, step, phase, firing, rule,
        urgent, body, status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'pending', 0, ?, ?)`,
      row.dedupe_key,
      row.lead_id,
      row.kind,
      row.channel,
      row.to_addr,
      row.member_id,
      row.step,
      row.phase ?? 'claim',
      row.firing ?? null,
      row.rule ?? null,
      row.urgent,
      row.body,
      row.next_attempt_at,
      row.created_at,
    );
    return cursor.rowsWritten > 0;
  }

  setDeliveryStatus(id: number, status: string): OutboxRow | null {
    this.sql.exec('UPDATE outbox SET delivery_status = ? WHERE id = ?', status, id);
    return this.outboxRow(id);
  }

  /** The newest alert sent to this phone for a lead that is still waiting for a claim. */
  latestOpenAlertTo(phone: string): { lead_id: string; member_id: string } | null {
    return this.one(
      `SELECT o.lead_id, o.member_id FROM outbox o JOIN leads l ON l.id = o.lead_id
       WHERE o.to_addr = ? AND o.kind = 'csr-alert' AND l.status IN ('received', 'alerted')
       ORDER BY o.id DESC LIMIT 1`,
      phone,
    );
  }

  latestLeadFrom(phone: string): string | null {
    return (
      this.one<{ id: string }>(
        'SELECT id FROM leads WHERE phone = ? ORDER BY created_at DESC LIMIT 1',
        phone,
      )?.id ?? null
    );
  }

  hasOpened(leadId: string, memberId: string): boolean {
    return (
      this.one(
        "SELECT 1 AS x FROM events WHERE lead_id = ? AND type = 'alert_opened' AND json_extract(data, '$.memberId') = ?",
        leadId,
        memberId,
      ) !== null
    );
  }

  pushSubscriptions(memberId: string): PushSubscriptionRow[] {
    return this.all<PushSubscriptionRow>(
      'SELECT * FROM push_subscriptions WHERE member_id = ? ORDER BY created_at',
      memberId,
    );
  }

  pushSubscription(id: string): PushSubscriptionRow | null {
    return this.one<PushSubscriptionRow>('SELECT * FROM push_subscriptions WHERE id = ?', id);
  }

  savePushSubscription(row: PushSubscriptionRow): void {
    this.sql.exec(
      `INSERT INTO push_subscriptions (id, member_id, endpoint, p256dh, auth, created_at) VALUES (?, ?, ?, ?, ?, ?)
       ON CONFLICT(endpoint) DO UPDATE SET member_id = excluded.member_id, p256dh = excluded.p256dh, auth = excluded.auth`,
      row.id,
      row.member_id,
      row.endpoint,
      row.p256dh,
      row.auth,
      row.created_at,
    );
  }

  deletePushSubscription(id: string): void {
    this.sql.exec('DELETE FROM push_subscriptions WHERE id = ?', id);
  }

  optedOut(phone: string): boolean {
    return this.one('SELECT 1 AS x FROM sms_optouts WHERE phone = ?', phone) !== null;
  }

  setOptOut(phone: string, out: boolean, at: number): void {
    if (out)
      this.sql.exec('INSERT OR REPLACE INTO sms_optouts (phone, at) VALUES (?, ?)', phone, at);
    else this.sql.exec('DELETE FROM sms_optouts WHERE phone = ?', phone);
  }

  markSuppressed(id: number, reason: string): void {
    this.sql.exec(
      "UPDATE outbox SET status = 'suppressed', last_error = ? WHERE id = ?",
      reason,
      id,
    );
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

  /** The most urgent, oldest message waiting on one provider: the one to try when it may be back. */
  probeRow(channels: string[], toAddr: string | null, now: number): OutboxRow | null {
    const marks = channels.map(() => '?').join(', ');
    return this.one<OutboxRow>(
      `SELECT * FROM outbox WHERE channel IN (${marks}) AND (? IS NULL OR to_addr = ?)
         AND (status = 'pending' OR (status = 'sending' AND next_attempt_at <= ?))
       ORDER BY urgent DESC, id LIMIT 1`,
      ...channels,
      toAddr,
      toAddr,
      now,
    );
  }

  /** Holds every message waiting on a provider until `at`, or (release) lets them all go now. */
  holdProvider(channels: string[], toAddr: string | null, at: number, release = false): void {
    const marks = channels.map(() => '?').join(', ');
    this.sql.exec(
      `UPDATE outbox SET next_attempt_at = ? WHERE status = 'pending' AND channel IN (${marks})
         AND (? IS NULL OR to_addr = ?) AND ${release ? 'next_attempt_at > ?' : 'next_attempt_at < ?'}`,
      at,
      ...channels,
      toAddr,
      toAddr,
      at,
    );
  }

  metaWithPrefix(prefix: string): Array<{ key: string; value: string }> {
    return this.all(
      'SELECT key, value FROM meta WHERE key >= ? AND key < ?',
      prefix,
      `${prefix}\uffff`,
    );
  }

  deleteMeta(key: string): void {
    this.sql.exec('DELETE FROM meta WHERE key = ?', key);
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
         UNION ALL SELECT MIN(next_attempt_at) FROM outbox WHERE status IN ('pending', 'sending')
         UNION ALL SELECT CAST(value AS INTEGER) FROM meta WHERE key = 'next_purge_at')`,
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
    policy: JSON.parse(row.policy) as Policy,
    ruleId: row.rule_id,
    assignees: JSON.parse(row.assignees) as string[],
    contactClockAt: row.contact_clock_at,
    contactedAt: row.contacted_at,
  };
}
