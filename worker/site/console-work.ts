// The console's write side: outcomes (with their status moves and retry reminders), notes and
// the on/off-duty switch. Callers run these inside one transaction with the broadcast after.
import type { z } from 'zod';
import type { Member, outcomeInputSchema, SiteConfig } from '../../shared/schemas';
import { OPEN_STATUSES, TERMINAL_STATUSES, transition } from '../core/lifecycle';
import { cancelReminders, queueConsoleMessage } from './console-outbox';
import type { Lead, Rows } from './rows';

export type OutcomeInput = z.output<typeof outcomeInputSchema>;

export type WorkResult = { ok: true } | { ok: false; status: 403 | 404 | 409; message: string };

/** The lifecycle event each outcome is; "no answer" leaves the status where it is. */
const LIFECYCLE = {
  reached: 'contacted',
  booked: 'booked',
  lost: 'lost',
  spam: 'spam',
  no_answer: null,
} as const;

export class ConsoleWork {
  constructor(
    private readonly sql: SqlStorage,
    private readonly rows: Rows,
  ) {}

  /**
   * Checks an outcome against the lead and the member; returns what to write, or why not. Spam
   * can be called on any open lead by anyone; everything else needs the lead claimed, and a CSR
   * may only record outcomes on leads they claimed (managers and owners on any).
   */
  checkOutcome(lead: Lead, actor: Member, input: OutcomeInput): WorkResult {
    if (TERMINAL_STATUSES.includes(lead.status))
      return { ok: false, status: 409, message: `This lead is already ${lead.status}` };
    const unclaimed = OPEN_STATUSES.includes(lead.status);
    if (input.outcome !== 'spam' && unclaimed)
      return { ok: false, status: 409, message: 'Claim the lead before recording an outcome' };
    if (!unclaimed && lead.claimedBy !== actor.id && actor.role === 'csr')
      return {
        ok: false,
        status: 403,
        message: 'Only the member who claimed this lead, or a manager, can record its outcome',
      };
    const event = LIFECYCLE[input.outcome];
    if (event && !(event === 'contacted' && lead.status === 'contacted')) {
      const moved = transition(lead.status, { type: event });
      if (!moved.ok) return { ok: false, status: 409, message: moved.reason };
    }
    return { ok: true };
  }

  /** Writes a checked outcome. `origin` builds the link in a reminder. */
  recordOutcome(
    lead: Lead,
    actor: Member,
    input: OutcomeInput,
    config: SiteConfig,
    origin: string,
    now: number,
  ): void {
    // The speed-to-lead clock stops the first time a person reaches the homeowner (a booking
    // says they did): recorded like a connected call or a reply, so the contact clock stops too.
    const reachedNow =
      (input.outcome === 'reached' || input.outcome === 'booked') &&
      lead.contactedAt == null &&
      !this.reached(lead.id);
    if (reachedNow) {
      this.rows.setContacted(lead.id, now);
      this.rows.addEvent(lead.id, now, 'contacted', {
        via: 'console',
        memberId: actor.id,
        secondsToContact: Math.round((now - lead.createdAt) / 1000),
      });
    }
    const event = LIFECYCLE[input.outcome];
    const status = reachedNow ? 'contacted' : lead.status;
    if (event && !(event === 'contacted' && status === 'contacted')) {
      const moved = transition(status, { type: event });
      if (moved.ok) this.rows.setLeadStatus(lead.id, moved.status);
    }
    // Anything but "no answer" settles the lead for now: no more alerts or escalations for it.
    if (input.outcome !== 'no_answer') {
      this.rows.deleteLeadTimers(lead.id);
      this.rows.cancelPendingAlerts(lead.id);
    }
    cancelReminders(this.sql, lead.id);
    const retryAt = input.outcome === 'no_answer' ? now + input.retryInMinutes * 60_000 : null;
    const appointmentAt = input.outcome === 'booked' ? Date.parse(input.appointmentAt) : null;
    const reason = input.outcome === 'lost' ? input.reason : null;
    this.rows.addEvent(lead.id, now, 'outcome', {
      memberId: actor.id,
      outcome: input.outcome,
      retryAt: retryAt === null ? undefined : new Date(retryAt).toISOString(),
      appointmentAt: appointmentAt === null ? undefined : new Date(appointmentAt).toISOString(),
      reason: reason ?? undefined,
      note: input.note || undefined,
    });
    this.sql.exec(
      `INSERT INTO console_lead_state (lead_id, outcome, outcome_by, outcome_at, retry_at, appointment_at, reason)
       VALUES (?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT(lead_id) DO UPDATE SET outcome = excluded.outcome, outcome_by = excluded.outcome_by,
         outcome_at = excluded.outcome_at, retry_at = excluded.retry_at,
         appointment_at = COALESCE(excluded.appointment_at, console_lead_state.appointment_at),
         reason = excluded.reason`,
      lead.id,
      input.outcome,
      actor.id,
      now,
      retryAt,
      appointmentAt,
      reason,
    );
    if (retryAt !== null) this.queueReminder(lead, actor, config, origin, retryAt, now);
  }

  private reached(leadId: string): boolean {
    return (
      this.sql
        .exec("SELECT 1 AS x FROM events WHERE lead_id = ? AND type = 'contacted' LIMIT 1", leadId)
        .toArray().length > 0
    );
  }

  /** A push to each of the member's devices at the retry time, or a text when they have none. */
  private queueReminder(
    lead: Lead,
    member: Member,
    config: SiteConfig,
    origin: string,
    at: number,
    now: number,
  ): void {
    const url = `${origin}/console/leads/${lead.id}`;
    const when = new Intl.DateTimeFormat('en-US', {
      timeZone: config.timezone,
      hour: 'numeric',
      minute: '2-digit',
    }).format(now);
    const name = lead.input.name.slice(0, 60);
    const subs = this.rows.pushSubscriptions(member.id);
    const base = { leadId: lead.id, kind: 'retry-reminder' as const, memberId: member.id, now };
    if (subs.length === 0) {
      queueConsoleMessage(this.sql, {
        ...base,
        dedupeKey: `reminder:${lead.id}:${now}:sms`,
        channel: 'sms',
        to: member.phone,
        body: `Reminder: call ${name} back (${lead.input.phone}); no answer at ${when}. ${url}`,
        sendAt: at,
      });
      return;
    }
    for (const sub of subs) {
      queueConsoleMessage(this.sql, {
        ...base,
        dedupeKey: `reminder:${lead.id}:${now}:${sub.id}`,
        channel: 'push',
        to: sub.id,
        body: JSON.stringify({
          title: `Call ${name} back`,
          body: `No answer at ${when}. Try again now.`,
          url,
          tag: `retry-${lead.id}`,
          urgent: false,
        }),
        sendAt: at,
      });
    }
  }

  addNote(leadId: string, memberId: string, text: string, now: number): void {
    this.rows.addEvent(leadId, now, 'note', { memberId, text });
  }

  markTest(leadId: string, memberId: string, now: number): void {
    this.sql.exec(
      `INSERT INTO console_lead_state (lead_id, test) VALUES (?, 1)
       ON CONFLICT(lead_id) DO UPDATE SET test = 1`,
      leadId,
    );
    this.rows.addEvent(leadId, now, 'test_lead', { memberId });
  }

  setDuty(memberId: string, onDuty: boolean, now: number): void {
    this.sql.exec(
      `INSERT INTO console_duty (member_id, off_duty, at) VALUES (?, ?, ?)
       ON CONFLICT(member_id) DO UPDATE SET off_duty = excluded.off_duty, at = excluded.at`,
      memberId,
      onDuty ? 0 : 1,
      now,
    );
    // On the site's own timeline (no lead), for "why did Dana get no leads on Tuesday?".
    this.rows.addEvent(null, now, 'duty', { memberId, onDuty });
  }

  /** Members of `team` who switched themselves off duty. */
  offDuty(team: readonly Member[]): string[] {
    const off = new Set(
      this.sql
        .exec<{ member_id: string }>('SELECT member_id FROM console_duty WHERE off_duty = 1')
        .toArray()
        .map((r) => r.member_id),
    );
    return team.filter((m) => off.has(m.id)).map((m) => m.id);
  }

  /** One test notification to each of the member's push subscriptions; returns how many. */
  queueTestPush(member: Member, origin: string, now: number): number {
    let queued = 0;
    for (const sub of this.rows.pushSubscriptions(member.id)) {
      const ok = queueConsoleMessage(this.sql, {
        dedupeKey: `test-push:${member.id}:${now}:${sub.id}`,
        leadId: '',
        kind: 'test-push',
        channel: 'push',
        to: sub.id,
        memberId: member.id,
        body: JSON.stringify({
          title: 'FirstCall test notification',
          body: `Alerts for ${member.name} reach this device.`,
          url: `${origin}/console/settings`,
          tag: 'firstcall-test',
          urgent: false,
        }),
        sendAt: now,
        now,
      });
      if (ok) queued++;
    }
    return queued;
  }
}
