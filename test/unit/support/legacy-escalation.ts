// The foundation's escalation steps. Production uses worker/core/policy.ts; this stays as the
// reference the legacy-equivalence tests hold it to.
// When each escalation alert fires for an unclaimed lead, and whom it reaches. The shell keeps
// one timer row per lead holding the next firing's index; this module says when that is.
import type { EscalationPolicy, Member, NotifyTarget } from '../../../shared/schemas';

export interface EscalationStepDue {
  /** The firing's position in the whole sequence (steps, then repeats). */
  index: number;
  /** Which policy step it is; every repeat is the last step. */
  stepIndex: number;
  dueAt: number;
  notify: NotifyTarget[];
}

const SECOND = 1000;
const MIN_REPEAT_SECONDS = 60;

/** Gap between repeats of the last step: the configured one, else the gap before the last step. */
export function repeatIntervalSeconds(policy: EscalationPolicy): number {
  if (policy.repeatIntervalSeconds !== undefined) return policy.repeatIntervalSeconds;
  const last = policy.steps.at(-1);
  const previous = policy.steps.at(-2);
  const gap = (last?.afterSeconds ?? 0) - (previous?.afterSeconds ?? 0);
  return Math.max(MIN_REPEAT_SECONDS, gap);
}

/** How many firings the policy has in all, repeats included. */
export function escalationFiringCount(policy: EscalationPolicy): number {
  return policy.steps.length + Math.max(0, policy.repeat);
}

/**
 * The n-th firing (0-based) of the policy for a clock that started at clockStart, or null when
 * the policy (incl. repeats) is exhausted.
 */
export function escalationFiring(
  policy: EscalationPolicy,
  clockStart: number,
  index: number,
): EscalationStepDue | null {
  if (!Number.isInteger(index) || index < 0 || index >= escalationFiringCount(policy)) return null;
  const { steps } = policy;
  const stepIndex = Math.min(index, steps.length - 1);
  const step = steps[stepIndex];
  if (!step) return null;
  const repeatNumber = index - stepIndex; // 0 for a step, 1.. for the repeats
  const dueAt =
    clockStart + step.afterSeconds * SECOND + repeatNumber * repeatIntervalSeconds(policy) * SECOND;
  return { index, stepIndex, dueAt, notify: [...step.notify] };
}

/**
 * Member ids to alert for a step's targets: 'assignee' → the assignee, 'on-call' → every id in
 * onCall, else a member id. Deduplicated, order kept, ids not in team dropped (a member removed
 * after the policy was written must not break the alert to the others).
 */
export function resolveTargets(
  notify: NotifyTarget[],
  ctx: { assigneeId: string | null; onCall: string[]; team: Member[] },
): string[] {
  const known = new Set(ctx.team.map((member) => member.id));
  const ids: string[] = [];
  const add = (id: string | null) => {
    if (id !== null && known.has(id) && !ids.includes(id)) ids.push(id);
  };
  for (const target of notify) {
    if (target === 'assignee') add(ctx.assigneeId);
    else if (target === 'on-call') ctx.onCall.forEach(add);
    else add(target);
  }
  return ids;
}
