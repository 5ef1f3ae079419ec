// Runs due timers inside a transaction, so a firing and the alerts it queues are written together
// and the unique timer keys make a re-run harmless:
//   assign    — a lead held for the opening is assigned to whoever is on then;
//   escalate  — a policy firing alerts its targets (each through their own notification rules),
//               goes on the timeline and schedules the next firing. Two clocks: the claim phase
//               runs until someone claims; the contact phase, from the contact deadline, until
//               someone reaches the homeowner, with 'assignee' then meaning the claimer;
//   rule      — one member's notification rule sends on its channel.
import { afterAssignment, assignLead, routeLead } from '../core/lead-routing';
import { OPEN_STATUSES, transition } from '../core/lifecycle';
import { firingUrgent, policyFiring, resolvePolicyTargets } from '../core/policy';
import type { Env } from '../env';
import { MemberAlerts } from './member-alerts';
import { routingState, saveRoutingState } from './routing-state';
import type { Lead, Phase, Rows, TimerRow } from './rows';
import { queueWebhookEvent } from './webhook-events';

const BATCH = 200;
// A firing schedules rule timers that are due at once; a few passes run them in the same call.
const PASSES = 5;

export const escalationKey = (leadId: string, phase: Phase, firing: number) =>
  phase === 'claim' ? `esc:${leadId}:${firing}` : `esc:${leadId}:contact:${firing}`;

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
        else if (timer.kind === 'assign') this.assign(timer, now);
        else this.escalate(timer, now);
      }
    }
  }

  /** Schedules the first firing of a phase; the policy's own steps follow from it. */
  startPhase(lead: Lead, phase: Phase, clockStart: number): void {
    const first = policyFiring(lead.policy, clockStart, 0);
    if (!first) return;
    this.rows.addTimer({
      key: escalationKey(lead.id, phase, 0),
      lead_id: lead.id,
      kind: 'escalate',
      phase,
      firing: 0,
      member_id: null,
      rule: null,
      due_at: first.dueAt,
    });
  }

  /** A lead held for the opening: assigned now, to whoever the rule finds on duty. */
  private assign(timer: TimerRow, now: number): void {
    const lead = this.rows.lead(timer.lead_id);
    const config = this.rows.config();
    if (!lead || !config || !OPEN_STATUSES.includes(lead.status) || lead.assignees.length > 0)
      return;
    const decision = { ...routeLead(config, lead.input, lead.createdAt), policy: lead.policy };
    const state = routingState(this.rows, config);
    const assignment = assignLead(config, decision, state, now);
    this.rows.setAssignees(lead.id, assignment.assignees, assignment.primary);
    saveRoutingState(this.rows, afterAssignment(state, assignment, now), assignment);
    this.rows.addEvent(lead.id, now, 'assigned', {
      memberIds: assignment.assignees,
      memberId: assignment.primary,
      by: assignment.strategy,
      level: assignment.level,
      rule: lead.ruleId,
      deferredToOpening: true,
    });
  }

  private escalate(timer: TimerRow, now: number): void {
    const lead = this.rows.lead(timer.lead_id);
    const config = this.rows.config();
    if (!lead || !config) return;
    const phase = timer.phase;
    // The claim clock stops at a claim; the contact clock when the homeowner is reached.
    const running =
      phase === 'claim' ? OPEN_STATUSES.includes(lead.status) : lead.status === 'claimed';
    if (!running) return;
    const clockStart =
      phase === 'claim' ? lead.clockStartsAt : (lead.contactClockAt ?? lead.clockStartsAt);
    const firing = policyFiring(lead.policy, clockStart, timer.firing);
    if (!firing) return;

    const assigneeIds = phase === 'claim' ? lead.assignees : lead.claimedBy ? [lead.claimedBy] : [];
    const targets = resolvePolicyTargets(firing.notify, {
      assigneeIds,
      config,
      at: now,
      offDuty: this.rows.offDuty(),
    });
    if (firing.index > 0 || phase === 'contact') {
      const minutesWaiting = Math.max(0, Math.round((now - lead.clockStartsAt) / 60_000));
      this.rows.addEvent(lead.id, now, 'escalated', {
        phase,
        firing: firing.index,
        step: firing.stepIndex,
        final: firing.final,
        targets,
        minutesWaiting,
      });
      queueWebhookEvent(
        this.rows,
        config,
        lead,
        'lead.escalated',
        now,
        { phase, step: firing.stepIndex, targets },
        phase === 'claim' ? firing.index : 1000 + firing.index,
      );
    }
    const urgent = firingUrgent(firing, Boolean(lead.input.urgent));
    for (const memberId of targets) {
      const member = config.team.find((m) => m.id === memberId);
      if (member)
        this.alerts.start(
          lead,
          { phase, firing: firing.index, step: firing.stepIndex, urgent },
          member,
          now,
        );
    }
    if (phase === 'claim') {
      const moved = transition(lead.status, { type: 'alerted' });
      if (moved.ok && moved.status !== lead.status) this.rows.setLeadStatus(lead.id, moved.status);
    }
    const next = policyFiring(lead.policy, clockStart, firing.index + 1);
    if (next) {
      this.rows.addTimer({
        key: escalationKey(lead.id, phase, next.index),
        lead_id: lead.id,
        kind: 'escalate',
        phase,
        firing: next.index,
        member_id: null,
        rule: null,
        due_at: next.dueAt,
      });
    }
  }
}
