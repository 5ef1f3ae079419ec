// Runs due timers: an escalation firing alerts its targets (each through their own notification
// rules), records the step on the timeline and schedules the next firing; a rule timer sends on
// its channel. Called inside a transaction, so a firing and its alerts are written together,
// and the unique keys make a re-run harmless.
import { escalationFiring, resolveTargets } from '../core/escalation';
import { OPEN_STATUSES, transition } from '../core/lifecycle';
import type { Env } from '../env';
import { MemberAlerts } from './member-alerts';
import type { Rows, TimerRow } from './rows';
import { queueWebhookEvent } from './webhook-events';

const BATCH = 200;
// A firing schedules rule timers that are due at once; a few passes run them in the same call.
const PASSES = 5;

export class Escalator {
  readonly alerts: MemberAlerts;

  constructor(
    private readonly rows: Rows,
    env: Env,
  ) {
    this.alerts = new MemberAlerts(rows, env);
  }

  runDue(now: number): void {
    for (let pass = 0; pass < PASSES; pass++) {
      const due = this.rows.dueTimers(now, BATCH);
      if (due.length === 0) return;
      for (const timer of due) {
        this.rows.deleteTimer(timer.id);
        if (timer.kind === 'rule') this.alerts.fire(timer, now);
        else this.escalate(timer, now);
      }
    }
  }

  private escalate(timer: TimerRow, now: number): void {
    const lead = this.rows.lead(timer.lead_id);
    const config = this.rows.config();
    if (!lead || !config || !OPEN_STATUSES.includes(lead.status)) return;
    const firing = escalationFiring(lead.policy, lead.clockStartsAt, timer.firing);
    if (!firing) return;

    const ctx = { assigneeId: lead.assigneeId, onCall: config.onCall, team: config.team };
    let targets = resolveTargets(firing.notify, ctx);
    // Never alert nobody: members named in the policy may have been removed since.
    if (targets.length === 0) targets = resolveTargets(['on-call'], ctx);

    if (firing.index > 0) {
      const minutesWaiting = Math.max(0, Math.round((now - lead.clockStartsAt) / 60_000));
      this.rows.addEvent(lead.id, now, 'escalated', {
        firing: firing.index,
        step: firing.stepIndex,
        targets,
        minutesWaiting,
      });
      queueWebhookEvent(
        this.rows,
        config,
        lead,
        'lead.escalated',
        now,
        { step: firing.stepIndex, targets },
        firing.index,
      );
    }
    for (const memberId of targets) {
      const member = config.team.find((m) => m.id === memberId);
      if (member) this.alerts.start(lead, firing, member, now);
    }
    const moved = transition(lead.status, { type: 'alerted' });
    if (moved.ok && moved.status !== lead.status) this.rows.setLeadStatus(lead.id, moved.status);

    const next = escalationFiring(lead.policy, lead.clockStartsAt, firing.index + 1);
    if (next) {
      this.rows.addTimer({
        key: `esc:${lead.id}:${next.index}`,
        lead_id: lead.id,
        kind: 'escalate',
        firing: next.index,
        member_id: null,
        rule: null,
        due_at: next.dueAt,
      });
    }
  }
}
