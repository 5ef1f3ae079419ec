// The Site object's tables. Timers and the outbox are rows so that they survive restarts and
// are written in the same transaction as the state change that causes them.
export const SITE_SCHEMA = `
CREATE TABLE IF NOT EXISTS meta (
  key TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS leads (
  id TEXT PRIMARY KEY,
  created_at INTEGER NOT NULL,
  status TEXT NOT NULL,
  name TEXT NOT NULL,
  phone TEXT NOT NULL,
  input TEXT NOT NULL,
  assignee_id TEXT,
  claimed_by TEXT,
  claimed_at INTEGER,
  clock_starts_at INTEGER NOT NULL,
  respond_by INTEGER NOT NULL,
  ack_message TEXT NOT NULL,
  policy TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS leads_phone ON leads(phone, created_at);
CREATE TABLE IF NOT EXISTS idempotency (
  key TEXT PRIMARY KEY,
  body_hash TEXT NOT NULL,
  lead_id TEXT NOT NULL,
  response TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS events (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  lead_id TEXT,
  at INTEGER NOT NULL,
  type TEXT NOT NULL,
  data TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS events_lead ON events(lead_id, id);
CREATE TABLE IF NOT EXISTS timers (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  -- What the timer is for, e.g. esc:<lead>:<firing> or rule:<lead>:<firing>:<member>:<rule>;
  -- unique, so an effect that runs twice schedules it once.
  key TEXT NOT NULL UNIQUE,
  lead_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  firing INTEGER NOT NULL,
  member_id TEXT,
  rule INTEGER,
  due_at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS timers_due ON timers(due_at);
CREATE TABLE IF NOT EXISTS outbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT NOT NULL UNIQUE,
  lead_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  channel TEXT NOT NULL,
  to_addr TEXT NOT NULL,
  member_id TEXT,
  step INTEGER,
  urgent INTEGER NOT NULL DEFAULT 0,
  body TEXT NOT NULL,
  status TEXT NOT NULL,
  -- The provider's own report (delivered, undelivered, …) from its status callback.
  delivery_status TEXT,
  firing INTEGER,
  rule INTEGER,
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  provider_id TEXT,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX IF NOT EXISTS outbox_due ON outbox(status, next_attempt_at);
CREATE INDEX IF NOT EXISTS outbox_to ON outbox(to_addr, id);
CREATE TABLE IF NOT EXISTS push_subscriptions (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL,
  endpoint TEXT NOT NULL UNIQUE,
  p256dh TEXT NOT NULL,
  auth TEXT NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE TABLE IF NOT EXISTS sms_optouts (
  phone TEXT PRIMARY KEY,
  at INTEGER NOT NULL
);
-- CSR console (issue #4): sessions and single-use invites, the console's own view of each lead
-- (latest outcome, retry, appointment) and who is off duty.
CREATE TABLE IF NOT EXISTS console_sessions (
  -- sha256 of the cookie's secret: a copy of this table signs nobody in.
  id_hash TEXT PRIMARY KEY,
  member_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  rotated_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  replaced_at INTEGER,
  revoked_at INTEGER,
  user_agent TEXT
);
CREATE INDEX IF NOT EXISTS console_sessions_member ON console_sessions(member_id);
CREATE TABLE IF NOT EXISTS console_invites (
  id TEXT PRIMARY KEY,
  member_id TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  expires_at INTEGER NOT NULL,
  used_at INTEGER,
  revoked_at INTEGER
);
CREATE TABLE IF NOT EXISTS console_lead_state (
  lead_id TEXT PRIMARY KEY,
  outcome TEXT,
  outcome_by TEXT,
  outcome_at INTEGER,
  retry_at INTEGER,
  appointment_at INTEGER,
  reason TEXT,
  test INTEGER NOT NULL DEFAULT 0
);
CREATE TABLE IF NOT EXISTS console_duty (
  member_id TEXT PRIMARY KEY,
  off_duty INTEGER NOT NULL,
  at INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS console_leads_status ON leads(status, created_at);
CREATE INDEX IF NOT EXISTS console_leads_created ON leads(created_at);
`;
