// Ties matching, timing and assignment together for one lead, and never routes it to nobody.
//
// routeLead decides at arrival: which rule (first match, evaluated at the arrival instant),
// which policy, when alerting starts, and when to assign. assignLead picks the people when that
// time comes, walking down the levels until someone is available:
//   the rule's target → its fallback → its target again without the open-lead cap → the site's
//   onCall list → the owners → the team.
// A site with no rules goes straight to the onCall list with round-robin: the foundation's
// behaviour, cursor for cursor.
import type {
  AssignStrategy,
  Policy,
  RoutingRule,
  RuleFallback,
  RuleTarget,
  ScheduleConfig,
} from '../../shared/schedule-schemas';
import type { SiteConfig } from '../../shared/schemas';
import { assign } from './assignment';
import { alertStartFor, type OfficeCalendar } from './opening';
import { legacyPolicy, policyById } from './policy';
import { matchRule, type RoutableLead } from './routing-rules';
import { onCallAt } from './schedule';

export type RoutingSite = Pick<
  SiteConfig,
  'timezone' | 'hours' | 'team' | 'onCall' | 'escalation'
> &
  ScheduleConfig;

/** The stored round-robin cursor of the onCall list (the foundation's `rr_cursor`). */
export const ON_CALL_CURSOR = 'on-call';

export interface RouteDecision {
  /** null: no rule matched, the site's default routing. */
  rule: RoutingRule | null;
  /** Snapshot for the lead: a policy edited later applies to later leads only. */
  policy: Policy;
  urgent: boolean;
  /** When the response clock and the first alert start. */
  alertAt: number;
  afterHours: boolean;
  /**
   * When to pick the assignees: at arrival, or for a rule-routed lead that waits for the
   * opening, at the opening itself, so it goes to whoever is on then, top of the morning queue.
   */
  assignAt: number;
}

export interface RoutingState {
  /** Round-robin cursors by key (see Assignment.cursorKey). */
  cursors: Readonly<Record<string, number>>;
  lastAssignedAt: Readonly<Record<string, number>>;
  openUnclaimed: Readonly<Record<string, number>>;
  offDuty: ReadonlySet<string>;
}

export type AssignmentLevel = 'target' | 'fallback' | 'overflow' | 'on-call' | 'owners' | 'team';

export interface Assignment {
  /** Never empty while the site has a team. */
  assignees: string[];
  /** The one member to name to the homeowner; null when several were alerted. */
  primary: string | null;
  strategy: AssignStrategy;
  level: AssignmentLevel;
  /** The cursor to store back, and its new value (unchanged unless round-robin moved it). */
  cursorKey: string;
  nextCursor: number;
}

export function calendarOf(config: RoutingSite): OfficeCalendar {
  return { timeZone: config.timezone, hours: config.hours, holidays: config.holidays ?? [] };
}

export function routeLead(config: RoutingSite, lead: RoutableLead, at: number): RouteDecision {
  const calendar = calendarOf(config);
  const rule = matchRule(config.routing, lead, { ...calendar, at });
  const urgent = lead.urgent ?? false;
  const start = alertStartFor(urgent, calendar, at);
  return {
    rule,
    policy: rule ? policyById(config, rule.policy) : legacyPolicy(config),
    urgent,
    alertAt: start.alertAt,
    afterHours: start.afterHours,
    // The foundation assigned at arrival; its always-on list gives the same answer either way.
    assignAt: rule && start.deferred ? start.alertAt : at,
  };
}

/** Members of a rule's target at `at`, in order; ids may include unknown members. */
export function targetMembers(config: RoutingSite, target: RuleTarget, at: number): string[] {
  const team = target.team === undefined ? null : config.teams?.find((t) => t.id === target.team);
  if (target.schedule === undefined) {
    if (target.team === undefined) return [...config.onCall];
    return team ? [...team.members] : [];
  }
  const schedule = config.schedules?.find((s) => s.id === target.schedule);
  const onCall = schedule ? onCallAt(schedule, config.timezone, at) : [];
  if (target.team === undefined) return onCall;
  return team ? onCall.filter((id) => team.members.includes(id)) : [];
}

function fallbackMembers(config: RoutingSite, fallback: RuleFallback, at: number): string[] {
  const ids = [
    ...(fallback.schedule === undefined
      ? []
      : targetMembers(config, { schedule: fallback.schedule }, at)),
    ...(fallback.team === undefined ? [] : targetMembers(config, { team: fallback.team }, at)),
    ...(fallback.members ?? []),
  ];
  return [...new Set(ids)];
}

export function targetCursorKey(target: RuleTarget): string {
  const parts = [
    target.schedule === undefined ? null : `schedule:${target.schedule}`,
    target.team === undefined ? null : `team:${target.team}`,
  ].filter((p) => p !== null);
  return parts.length === 0 ? ON_CALL_CURSOR : parts.join('/');
}

export function assignLead(
  config: RoutingSite,
  decision: RouteDecision,
  state: RoutingState,
  at: number,
): Assignment {
  const known = new Set(config.team.map((m) => m.id));
  const { rule } = decision;

  const attempt = (
    level: AssignmentLevel,
    candidates: readonly string[],
    strategy: AssignStrategy,
    cursorKey: string,
    maxOpen: number | undefined,
    ignoreDuty = false,
  ): Assignment | null => {
    // Unknown ids stay in the list, so cursor positions mean what they meant before.
    const unavailable = new Set(candidates.filter((id) => !known.has(id)));
    if (!ignoreDuty) for (const id of state.offDuty) unavailable.add(id);
    const result = assign(
      candidates,
      strategy,
      { ...state, cursor: state.cursors[cursorKey] ?? 0, offDuty: unavailable },
      maxOpen,
    );
    if (result.assignees.length === 0) return null;
    const primary = result.assignees.length === 1 ? (result.assignees[0] ?? null) : null;
    return {
      assignees: result.assignees,
      primary,
      strategy,
      level,
      cursorKey,
      nextCursor: result.nextCursor,
    };
  };

  const owners = config.team.filter((m) => m.role === 'owner').map((m) => m.id);
  const levels: Array<() => Assignment | null> = [];
  if (rule) {
    const target = targetMembers(config, rule.target, at);
    const key = targetCursorKey(rule.target);
    const cap = rule.maxOpenPerMember;
    levels.push(() => attempt('target', target, rule.assign, key, cap));
    const { fallback } = rule;
    if (fallback) {
      const members = fallbackMembers(config, fallback, at);
      levels.push(() => attempt('fallback', members, rule.assign, `fallback:${rule.id}`, cap));
    }
    // Everyone at the cap (a morning queue handed out at once does that): the lead still
    // belongs with the rule's own people, not with whoever happens to be on the onCall list.
    if (cap !== undefined)
      levels.push(() => attempt('overflow', target, rule.assign, key, undefined));
  }
  levels.push(
    () => attempt('on-call', config.onCall, 'round-robin', ON_CALL_CURSOR, undefined),
    () => attempt('owners', owners, 'broadcast', ON_CALL_CURSOR, undefined),
    // Nobody on duty at all: an owner off duty is still better than nobody, then anyone.
    () => attempt('owners', owners, 'broadcast', ON_CALL_CURSOR, undefined, true),
    () => attempt('team', [...known], 'broadcast', ON_CALL_CURSOR, undefined, true),
  );
  for (const level of levels) {
    const assignment = level();
    if (assignment) return assignment;
  }
  // Only a site without a single member ends here; the config schema forbids it.
  return {
    assignees: [],
    primary: null,
    strategy: 'broadcast',
    level: 'team',
    cursorKey: ON_CALL_CURSOR,
    nextCursor: state.cursors[ON_CALL_CURSOR] ?? 0,
  };
}

export interface Routed {
  decision: RouteDecision;
  /** null when the assignment waits for decision.assignAt (then call assignLead at that time). */
  assignment: Assignment | null;
}

export function route(
  config: RoutingSite,
  lead: RoutableLead,
  state: RoutingState,
  at: number,
): Routed {
  const decision = routeLead(config, lead, at);
  const assignment = decision.assignAt > at ? null : assignLead(config, decision, state, at);
  return { decision, assignment };
}

/** The state after an assignment: cursor moved, assignees stamped and holding one more lead. */
export function afterAssignment(
  state: RoutingState,
  assignment: Assignment,
  at: number,
): RoutingState {
  const lastAssignedAt = { ...state.lastAssignedAt };
  const openUnclaimed = { ...state.openUnclaimed };
  for (const id of assignment.assignees) {
    lastAssignedAt[id] = at;
    openUnclaimed[id] = (openUnclaimed[id] ?? 0) + 1;
  }
  return {
    ...state,
    cursors: { ...state.cursors, [assignment.cursorKey]: assignment.nextCursor },
    lastAssignedAt,
    openUnclaimed,
  };
}
