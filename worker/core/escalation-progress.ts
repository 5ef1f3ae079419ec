// Where a lead stands in its escalation, for the console: which step has fired last and when
// the next one fires. Two sequences can run, one after the other: until someone claims the lead
// the policy runs from the clock start; once claimed, if the homeowner has not been reached by
// the contact deadline, the policy runs again from that deadline.
import type { Policy } from '../../shared/schedule-schemas';
import { claimDeadline, contactDeadline, type PolicyFiring, policyFiring } from './policy';

export interface LeadClocks {
  clockStart: number;
  claimedAt: number | null;
  contactedAt: number | null;
}

export interface EscalationProgress {
  /** 'claim': waiting for a claim; 'contact': claimed, waiting for contact; 'done': no timer. */
  phase: 'claim' | 'contact' | 'done';
  /** The SLA deadline the current phase runs against, when the policy sets one. */
  deadline: number | null;
  /** When the running sequence started: the clock start, or the contact deadline. */
  sequenceStart: number | null;
  /** The latest firing already due in the running sequence. */
  current: PolicyFiring | null;
  /** The firing that comes next, if any. */
  next: PolicyFiring | null;
}

function position(policy: Policy, start: number, now: number) {
  let current: PolicyFiring | null = null;
  for (let i = 0; ; i++) {
    const firing = policyFiring(policy, start, i);
    if (!firing || firing.dueAt > now) return { current, next: firing };
    current = firing;
  }
}

export function escalationProgress(
  policy: Policy,
  clocks: LeadClocks,
  now: number,
): EscalationProgress {
  const idle = { sequenceStart: null, current: null, next: null };
  if (clocks.contactedAt !== null && clocks.contactedAt <= now) {
    return { phase: 'done', deadline: null, ...idle };
  }
  if (clocks.claimedAt !== null && clocks.claimedAt <= now) {
    const deadline = contactDeadline(policy, clocks.clockStart, clocks.claimedAt);
    if (deadline === null) return { phase: 'done', deadline: null, ...idle };
    if (now < deadline) {
      const next = policyFiring(policy, deadline, 0);
      return { phase: 'contact', deadline, sequenceStart: deadline, current: null, next };
    }
    return {
      phase: 'contact',
      deadline,
      sequenceStart: deadline,
      ...position(policy, deadline, now),
    };
  }
  return {
    phase: 'claim',
    deadline: claimDeadline(policy, clocks.clockStart),
    sequenceStart: clocks.clockStart,
    ...position(policy, clocks.clockStart, now),
  };
}
