// Runs due escalation timers: each firing queues alerts to its targets in the outbox, records
// the step on the timeline and schedules the next firing. Called inside a transaction, so a
// firing and its alerts are written together, and the unique keys make a re-run harmless.
import { escalationFiring, resolveTargets } from '../core/escalation';
import { OPEN_STATUSES, transition } from '../core/lifecycle';
import { type Env, isDevMode } from '../env';
import { CLAIM_LINK_TTL_SECONDS, SigningConfigError, signClaim, signingKeys } from '../links';
import { csrAlertBody } from './alert-text';
import type { Lead, Rows, TimerRow } from './rows';

const BATCH = 200;

export class Escalator {
  constructor(
    private readonly rows: Rows,
    private readonly env: Env,
  ) {}

  runDue(now: number): void {
    for (const timer of this.rows.dueTimers(now, BATCH)) this.fire(timer, now);
  }

  private fire(timer: TimerRow, now: number): void {
    this.rows.deleteTimer(timer.id);
    const lead = this.rows.lead(timer.lead_id);
    const config = this.rows.config();
    if (!lead || !config || !OPEN_STATUSES.includes(lead.status)) return;
    const firing = escalationFiring(lead.policy, lead.clockStartsAt, timer.firing);
    if (!firing) return;

    const ctx = { assigneeId: lead.assigneeId, onCall: config.onCall, team: config.team };
    let targets = resolveTargets(firing.notify, ctx);
    // Never alert nobody: members named in the policy may have been removed since.
    if (targets.length === 0) targets = resolveTargets(['on-call'], ctx);

    const minutesWaiting = Math.max(0, Math.round((now - lead.clockStartsAt) / 60_000));
    if (firing.index > 0) {
      this.rows.addEvent(lead.id, now, 'escalated', {
        firing: firing.index,
        step: firing.stepIndex,
        targets,
        minutesWaiting,
      });
    }
    for (const memberId of targets) {
      const member = config.team.find((m) => m.id === memberId);
      if (!member) continue;
      const queued = this.rows.enqueue({
        dedupe_key: `alert:${lead.id}:${firing.index}:${memberId}:sms`,
        lead_id: lead.id,
        kind: 'csr-alert',
        channel: 'sms',
        to_addr: member.phone,
        member_id: memberId,
        step: firing.stepIndex,
        urgent: lead.input.urgent ? 1 : 0,
        body: csrAlertBody({
          siteName: config.name,
          lead: lead.input,
          firing: firing.index,
          minutesWaiting,
          claimUrl: this.claimUrl(lead, memberId, now),
        }),
        next_attempt_at: now,
        created_at: now,
      });
      if (queued) {
        this.rows.addEvent(lead.id, now, 'alert_queued', {
          memberId,
          channel: 'sms',
          step: firing.stepIndex,
          firing: firing.index,
        });
      }
    }
    const moved = transition(lead.status, { type: 'alerted' });
    if (moved.ok && moved.status !== lead.status) this.rows.setLeadStatus(lead.id, moved.status);

    const next = escalationFiring(lead.policy, lead.clockStartsAt, firing.index + 1);
    if (next) this.rows.addTimer(lead.id, next.index, next.dueAt);
  }

  private claimUrl(lead: Lead, memberId: string, now: number): string {
    const origin = this.env.PUBLIC_ORIGIN ?? this.rows.getMeta('origin') ?? '';
    const site = this.rows.getMeta('site') ?? '';
    try {
      const keys = signingKeys(this.env.LINK_SIGNING_KEYS, isDevMode(this.env));
      const token = signClaim(
        { site, leadId: lead.id, memberId, exp: Math.floor(now / 1000) + CLAIM_LINK_TTL_SECONDS },
        keys,
      );
      return `${origin}/c/${token}`;
    } catch (err) {
      if (!(err instanceof SigningConfigError)) throw err;
      // The alert must still go out: without a signing key there is no link, only the lead.
      console.error(JSON.stringify({ msg: 'claim link not signed', reason: err.message }));
      return '(claim link unavailable: LINK_SIGNING_KEYS not set)';
    }
  }
}
