// Messages the console sends: invite links, "call back" reminders and test notifications. They
// are ordinary outbox rows, so the dispatcher sends them like any other (leased, retried, sent
// to the dev outbox in development) and a row due later (a reminder) waits for its time: the
// alarm already wakes for the earliest pending row. Written here, not through Rows.enqueue,
// because these kinds are the console's own.
export type ConsoleMessageKind = 'invite' | 'retry-reminder' | 'test-push';

export interface ConsoleMessage {
  dedupeKey: string;
  /** The lead the message is about; '' for invites and test notifications. */
  leadId: string;
  kind: ConsoleMessageKind;
  channel: 'sms' | 'email' | 'push';
  /** Phone, email address or push subscription id. */
  to: string;
  memberId: string;
  /** SMS text; JSON `{ subject, text }` for email; JSON PushMessage for push. */
  body: string;
  sendAt: number;
  now: number;
}

export function queueConsoleMessage(sql: SqlStorage, m: ConsoleMessage): boolean {
  return (
    sql.exec(
      `INSERT OR IGNORE INTO outbox (dedupe_key, lead_id, kind, channel, to_addr, member_id, step, urgent, body,
         status, attempts, next_attempt_at, created_at)
       VALUES (?, ?, ?, ?, ?, ?, NULL, 0, ?, 'pending', 0, ?, ?)`,
      m.dedupeKey,
      m.leadId,
      m.kind,
      m.channel,
      m.to,
      m.memberId,
      m.body,
      m.sendAt,
      m.now,
    ).rowsWritten > 0
  );
}

/** Calls off reminders not yet sent for a lead (another outcome was recorded since). */
export function cancelReminders(sql: SqlStorage, leadId: string): number {
  return sql.exec(
    "UPDATE outbox SET status = 'cancelled' WHERE lead_id = ? AND kind = 'retry-reminder' AND status = 'pending'",
    leadId,
  ).rowsWritten;
}
