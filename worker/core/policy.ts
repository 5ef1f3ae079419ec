// Escalation policies: when each firing is due, whom it reaches, and the two clocks a lead
// runs against (claimed by someone; homeowner actually reached). The foundation's escalation
// steps are the policy of a site that defines none, and give the same firings as the foundation did
// (test/unit/support/legacy-escalation.ts is that reference).
import type { Policy, PolicyTarget, ScheduleConfig } from '../../shared/schedule-schemas';
import type { SiteConfig } from '../../shared/schemas';
import { nextHandoffs, onCallAt } from './schedule';

const SECOND = 1000;
const MIN_REPEAT_SECONDS = 60;
/**
 * A claim made at or just before the contact deadline still gets this long to place the call
 * before the lead escalates again: the member who just took it is not to be paged at once for
 * a wait that happened before them.
 */
export const LATE_CLAIM_GRACE_SECONDS = 120;

export type PolicySite = Pick<SiteConfig, 'timezone' | 'team' | 'onCall' | 'escalation'> &
  ScheduleConfig;

export interface PolicyFiring {
  /** Position in the whole sequence: steps, then repeats, then the final action. */
  index: number;
  /** Policy step; every repeat is the last step; the final action is steps.length. */
  stepIndex: number;
  final: boolean;
  dueAt: number;
  notify: PolicyTarget[];
  /** The step's own urgency, when it sets one; otherwise the lead's applies. */
  urgent?: boolean;
}

/** The site's own escalation steps as a policy; also the policy of a rule that names none. */
export function legacyPolicy(config: Pick<SiteConfig, 'escalation'>): Policy {
  const { steps, repeat, repeatIntervalSeconds } = config.escalation;
  return {
    id: 'default',
    steps: steps.map((s) => ({ afterSeconds: s.afterSeconds, notify: [...s.notify] })),
    repeat,
    ...(repeatIntervalSeconds === undefined ? {} : { repeatIntervalSeconds }),
  };
}

/** A policy by id; a missing or unknown id means the site's own escalation steps. */
export function policyById(config: PolicySite, id: string | undefined): Policy {
  return (id && config.policies?.find((p) => p.id === id)) || legacyPolicy(config);
}

/** The configured gap between repeats, else the gap before the last step (at least 60 s). */
export function policyRepeatSeconds(policy: Policy): number {
  if (policy.repeatIntervalSeconds !== undefined) return policy.repeatIntervalSeconds;
  const last = policy.steps.at(-1)?.afterSeconds ?? 0;
  const previous = policy.steps.at(-2)?.afterSeconds ?? 0;
  return Math.max(MIN_REPEAT_SECONDS, last - previous);
}

export function policyFiringCount(policy: Policy): number {
  return policy.steps.length + Math.max(0, policy.repeat) + (policy.finalAction ? 1 : 0);
}

/**
 * The n-th firing (0-based) for a clock started at clockStart, or null past the end. The final
 * action comes one repeat interval after the last repeat (or the last step).
 */
export function policyFiring(
  policy: Policy,
  clockStart: number,
  index: number,
): PolicyFiring | null {
  if (!Number.isInteger(index) || index < 0 || index >= policyFiringCount(policy)) return null;
  const { steps } = policy;
  const lastStep = steps.length - 1;
  const repeats = Math.max(0, policy.repeat);
  const final = index === lastStep + repeats + 1;
  const stepIndex = Math.min(index, lastStep);
  const step = steps[stepIndex];
  if (!step) return null;
  // Repeats of the last step, counting the final action as one more interval.
  const intervals = index - stepIndex;
  const dueAt =
    clockStart + step.afterSeconds * SECOND + intervals * policyRepeatSeconds(policy) * SECOND;
  const action = final ? policy.finalAction : step;
  if (!action) return null;
  return {
    index,
    stepIndex: final ? steps.length : stepIndex,
    final,
    dueAt,
    notify: [...action.notify],
    ...(action.urgent === undefined ? {} : { urgent: action.urgent }),
  };
}

/** Whether members are alerted through their urgent-only rules for this firing. */
export function firingUrgent(firing: Pick<PolicyFiring, 'urgent'>, leadUrgent: boolean): boolean {
  return firing.urgent ?? leadUrgent;
}

/** When the lead should be claimed by; null when the policy sets no claim SLA. */
export function claimDeadline(policy: Policy, clockStart: number): number | null {
  return policy.claimSlaSeconds === undefined ? null : clockStart + policy.claimSlaSeconds * SECOND;
}

/**
 * When a claimed lead must have reached the homeowner, or null without a contact SLA. The SLA
 * runs from the clock start, like the promise made to the homeowner, not from the claim; a late
 * claim gets LATE_CLAIM_GRACE_SECONDS. Past this, the policy runs again from the deadline, its
 * 'assignee' now being whoever claimed the lead.
 */
export function contactDeadline(
  policy: Policy,
  clockStart: number,
  claimedAt: number,
): number | null {
  if (policy.contactSlaSeconds === undefined) return null;
  return Math.max(
    clockStart + policy.contactSlaSeconds * SECOND,
    claimedAt + LATE_CLAIM_GRACE_SECONDS * SECOND,
  );
}

export interface TargetContext {
  /** The lead's assignees (everyone alerted for a broadcast), or its claimer after a claim. */
  assigneeIds: readonly string[];
  config: PolicySite;
  at: number;
  offDuty: ReadonlySet<string>;
}

/**
 * Member ids a firing alerts, deduplicated in order, unknown ids dropped. Schedules, teams and
 * the onCall list skip members who are off duty; a named member, a role and the assignee are
 * alerted regardless, since the policy asked for them by name. Never empty while the site has
 * anyone: no target left means the onCall list, then the owners, then the whole team.
 */
export function resolvePolicyTargets(
  targets: readonly PolicyTarget[],
  ctx: TargetContext,
): string[] {
  const { config, at, offDuty } = ctx;
  const known = new Set(config.team.map((m) => m.id));
  const ids: string[] = [];
  const add = (id: string) => {
    if (known.has(id) && !ids.includes(id)) ids.push(id);
  };
  const addOnDuty = (id: string) => {
    if (!offDuty.has(id)) add(id);
  };
  for (const target of targets) {
    if (target === 'assignee') ctx.assigneeIds.forEach(add);
    else if (target === 'on-call') config.onCall.forEach(addOnDuty);
    else if (typeof target === 'string') add(target);
    else if ('member' in target) add(target.member);
    else if ('role' in target) {
      for (const m of config.team) if (m.role === target.role) add(m.id);
    } else if ('team' in target) {
      config.teams?.find((t) => t.id === target.team)?.members.forEach(addOnDuty);
    } else {
      const schedule = config.schedules?.find((s) => s.id === target.schedule);
      if (!schedule) continue;
      if (target.who === 'on-call') onCallAt(schedule, config.timezone, at).forEach(addOnDuty);
      else {
        const [next] = nextHandoffs(schedule, config.timezone, at, 1);
        // "The next person": whoever the next hand-off brings in.
        const incoming = next ? next.to.filter((id) => !next.from.includes(id)) : [];
        (incoming.length > 0 ? incoming : (next?.to ?? [])).forEach(addOnDuty);
      }
    }
  }
  if (ids.length > 0) return ids;
  config.onCall.forEach(add);
  if (ids.length === 0) for (const m of config.team) if (m.role === 'owner') add(m.id);
  if (ids.length === 0) for (const m of config.team) add(m.id);
  return ids;
}
