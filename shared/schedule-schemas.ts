// Site-config additions for schedules, teams, holidays, escalation policies and routing rules.
// Every field is optional: a site that sets none of them keeps the foundation's single onCall
// list and escalation steps, which become its default schedule and policy.
//
// This module imports only types from ./schemas, never values: schemas.ts imports this one to
// build siteConfigSchema, and a value import back would be a cycle evaluated half-way.
// A namespace import lets the bundler drop what is unused (zod's locales alone are 279 KB).
import * as z from 'zod';
import type { Weekday } from './schemas';

const ID = /^[a-z0-9][a-z0-9_-]{0,39}$/;
const idSchema = z.string().regex(ID, 'lowercase id');
const nameSchema = z.string().trim().min(1).max(80);
const clockSchema = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'HH:MM, 24-hour');

/** A real calendar date: Date.UTC rolls 2026-02-30 over to March, so a round trip catches it. */
function isCalendarDate(text: string): boolean {
  const [y, m, d] = text.slice(0, 10).split('-').map(Number);
  if (y === undefined || m === undefined || d === undefined) return false;
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** A local calendar date in the site's time zone. */
export const localDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'YYYY-MM-DD')
  .refine(isCalendarDate, 'not a calendar date');

/** A local date and wall-clock time in the site's time zone, without an offset. */
export const localDateTimeSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d$/, 'YYYY-MM-DDTHH:MM')
  .refine(isCalendarDate, 'not a calendar date');

// `satisfies` keeps these the same weekdays as schemas.ts's without a value import.
const weekdaySchema = z.enum([
  'mon',
  'tue',
  'wed',
  'thu',
  'fri',
  'sat',
  'sun',
] as const satisfies readonly Weekday[]);

// ---------- teams ----------

export const teamSchema = z
  .object({ id: idSchema, name: nameSchema, members: z.array(idSchema).min(1).max(200) })
  .strip();
export type Team = z.infer<typeof teamSchema>;

// ---------- schedules ----------

/**
 * Who takes each turn. A turn is `turnHours` of local wall-clock time (24 daily, 168 weekly),
 * the first one starting at `handoff` on `startDate`; turns go through `members` in order and
 * wrap. An entry may be a list of ids: a crew that is on call together for that turn (the
 * office staff, or the foundation's whole onCall list).
 */
export const rotationSchema = z
  .object({
    type: z.enum(['daily', 'weekly', 'custom']),
    /** Only for `custom`: turn length in wall-clock hours. */
    turnHours: z
      .number()
      .int()
      .min(1)
      .max(28 * 24)
      .optional(),
    handoff: clockSchema,
    startDate: localDateSchema,
    members: z
      .array(z.union([idSchema, z.array(idSchema).min(1).max(50)]))
      .min(1)
      .max(100),
  })
  .strip()
  .refine((r) => (r.type === 'custom') === (r.turnHours !== undefined), {
    message: 'turnHours is required for a custom rotation and only allowed there',
    path: ['turnHours'],
  });
export type Rotation = z.infer<typeof rotationSchema>;

/**
 * A window in which a layer is on, starting on each of `days` at `from`. When `to` is not
 * after `from` the window runs past midnight into the next day; `from` equal to `to` is 24 h.
 */
export const restrictionSchema = z
  .object({
    days: z.array(weekdaySchema).min(1).max(7),
    from: clockSchema,
    to: clockSchema,
  })
  .strip();
export type Restriction = z.infer<typeof restrictionSchema>;

export const layerSchema = z
  .object({
    id: idSchema,
    name: nameSchema.optional(),
    rotation: rotationSchema,
    /** Absent or empty: the layer is on at all times. */
    restrictions: z.array(restrictionSchema).max(14).optional(),
  })
  .strip();
export type Layer = z.infer<typeof layerSchema>;

/**
 * "Lee covers for Dana Saturday 9–5". With `replaces`, the override swaps that one member
 * out while they are on call and changes nothing when they are not; without it, the override's
 * member is the whole on-call set for the window (several such overrides at once: all of them).
 */
export const overrideSchema = z
  .object({
    memberId: idSchema,
    start: localDateTimeSchema,
    end: localDateTimeSchema,
    replaces: idSchema.optional(),
  })
  .strip()
  .refine((o) => o.start < o.end, { message: 'start must be before end', path: ['end'] });
export type Override = z.infer<typeof overrideSchema>;

/**
 * Layers later in the array are higher: at each instant the highest layer with anyone on
 * (its restrictions allowing) decides who is on call; overrides then apply on top.
 */
export const scheduleSchema = z
  .object({
    id: idSchema,
    name: nameSchema,
    layers: z.array(layerSchema).min(1).max(10),
    overrides: z.array(overrideSchema).max(500).optional(),
  })
  .strip();
export type Schedule = z.infer<typeof scheduleSchema>;

// ---------- escalation policies ----------

/**
 * Whom a policy step alerts. The foundation's strings keep their meaning ('assignee', 'on-call'
 * for the site's onCall list, or a member id); the object forms are new.
 */
export const policyTargetSchema = z.union([
  z.literal('assignee'),
  z.literal('on-call'),
  idSchema,
  z.object({ member: idSchema }).strip(),
  z.object({ schedule: idSchema, who: z.enum(['on-call', 'next']).default('on-call') }).strip(),
  z.object({ team: idSchema }).strip(),
  z.object({ role: z.enum(['manager', 'owner']) }).strip(),
]);
export type PolicyTarget = z.infer<typeof policyTargetSchema>;

const delaySchema = z
  .number()
  .int()
  .min(0)
  .max(7 * 24 * 3600);

export const policyStepSchema = z
  .object({
    /** Seconds after the clock starts at which this step fires. */
    afterSeconds: delaySchema,
    notify: z.array(policyTargetSchema).min(1).max(20),
    /** Alert through members' urgent-only rules (a phone call) whatever the lead's urgency. */
    urgent: z.boolean().optional(),
  })
  .strip();
export type PolicyStep = z.infer<typeof policyStepSchema>;

export const policySchema = z
  .object({
    id: idSchema,
    name: nameSchema.optional(),
    /** Someone must claim the lead within this many seconds of the clock starting. */
    claimSlaSeconds: delaySchema.min(30).optional(),
    /**
     * The homeowner must be reached within this many seconds of the clock starting (the
     * promise the acknowledgement made); a claimed lead not reached by then escalates again.
     */
    contactSlaSeconds: delaySchema.min(60).optional(),
    steps: z.array(policyStepSchema).min(1).max(10),
    repeat: z.number().int().min(0).max(20).default(0),
    repeatIntervalSeconds: z
      .number()
      .int()
      .min(30)
      .max(24 * 3600)
      .optional(),
    /** Fires once, one repeat interval after the last repeat, if the lead is still waiting. */
    finalAction: z
      .object({
        notify: z.array(policyTargetSchema).min(1).max(20),
        urgent: z.boolean().optional(),
      })
      .strip()
      .optional(),
  })
  .strip()
  .refine(
    (p) =>
      p.steps.every((s, i) => i === 0 || s.afterSeconds >= (p.steps[i - 1]?.afterSeconds ?? 0)),
    { message: 'steps must be in order of afterSeconds', path: ['steps'] },
  );
export type Policy = z.infer<typeof policySchema>;

// ---------- routing rules ----------

export const assignStrategySchema = z.enum(['round-robin', 'least-recent', 'broadcast']);
export type AssignStrategy = z.infer<typeof assignStrategySchema>;

export const ruleMatchSchema = z
  .object({
    /** The lead's service is one of these (case-insensitive). */
    services: z.array(z.string().trim().min(1).max(80)).min(1).max(50).optional(),
    /** The ZIP or postcode starts with one of these (case and spaces ignored). */
    zipPrefixes: z
      .array(
        z
          .string()
          .trim()
          .regex(/^[A-Za-z0-9 ]{1,10}$/),
      )
      .min(1)
      .max(500)
      .optional(),
    urgent: z.boolean().optional(),
    /** The page's path starts with this (case-insensitive), e.g. "/commercial". */
    pagePathPrefix: z.string().trim().startsWith('/').max(200).optional(),
    /** utm_source / utm_campaign equal these (case-insensitive). */
    utmSource: z.string().trim().min(1).max(200).optional(),
    utmCampaign: z.string().trim().min(1).max(200).optional(),
    /** Business hours exclude listed holidays; after hours include them. */
    when: z.enum(['business-hours', 'after-hours', 'holiday', 'any']).default('any'),
  })
  .strip();
export type RuleMatch = z.infer<typeof ruleMatchSchema>;

/**
 * Where a rule sends leads: a schedule's on-call members, a team's members, or (both given) the
 * schedule's on-call members who are in the team. Neither: the site's onCall list.
 */
export const ruleTargetSchema = z
  .object({ schedule: idSchema.optional(), team: idSchema.optional() })
  .strip();
export type RuleTarget = z.infer<typeof ruleTargetSchema>;

/** Tried when nobody in the target is available: schedule, then team, then members, in order. */
export const ruleFallbackSchema = z
  .object({
    schedule: idSchema.optional(),
    team: idSchema.optional(),
    members: z.array(idSchema).max(50).optional(),
  })
  .strip();
export type RuleFallback = z.infer<typeof ruleFallbackSchema>;

export const routingRuleSchema = z
  .object({
    id: idSchema,
    name: nameSchema.optional(),
    match: ruleMatchSchema.default({ when: 'any' }),
    target: ruleTargetSchema,
    assign: assignStrategySchema.default('round-robin'),
    /** Absent: the site's own escalation steps. */
    policy: idSchema.optional(),
    /** Skip members already holding this many open, unclaimed leads. */
    maxOpenPerMember: z.number().int().min(1).max(100).optional(),
    fallback: ruleFallbackSchema.optional(),
  })
  .strip();
export type RoutingRule = z.infer<typeof routingRuleSchema>;

// ---------- the additions together ----------

/** Spread into siteConfigSchema's object shape. */
export const scheduleConfigShape = {
  teams: z.array(teamSchema).max(50).optional(),
  schedules: z.array(scheduleSchema).max(50).optional(),
  /** Local dates the business is closed all day. */
  holidays: z.array(localDateSchema).max(366).optional(),
  policies: z.array(policySchema).max(50).optional(),
  /** First match wins; a lead no rule matches goes the foundation's way. */
  routing: z.array(routingRuleSchema).max(100).optional(),
};
export const scheduleConfigSchema = z.object(scheduleConfigShape).strip();
export type ScheduleConfig = z.infer<typeof scheduleConfigSchema>;

export interface ConfigIssue {
  path: (string | number)[];
  message: string;
}

/**
 * Cross-references the object schemas cannot check: unique ids, and every member, team,
 * schedule and policy named somewhere exists. For siteConfigSchema's superRefine:
 * `scheduleConfigIssues(cfg).forEach((i) => ctx.addIssue({ code: 'custom', ...i }))`.
 */
export function scheduleConfigIssues(
  cfg: ScheduleConfig & { team: readonly { id: string }[] },
): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const members = new Set(cfg.team.map((m) => m.id));
  const uniqueIds = (key: string, items: readonly { id: string }[] | undefined) => {
    const seen = new Set<string>();
    for (const [i, item] of (items ?? []).entries()) {
      if (seen.has(item.id)) issues.push({ path: [key, i, 'id'], message: 'duplicate id' });
      seen.add(item.id);
    }
    return seen;
  };
  const teams = uniqueIds('teams', cfg.teams);
  const schedules = uniqueIds('schedules', cfg.schedules);
  const policies = uniqueIds('policies', cfg.policies);
  uniqueIds('routing', cfg.routing);

  const member = (id: string, path: (string | number)[]) => {
    if (!members.has(id)) issues.push({ path, message: `unknown member ${id}` });
  };
  const known = (
    set: Set<string>,
    kind: string,
    id: string | undefined,
    path: (string | number)[],
  ) => {
    if (id !== undefined && !set.has(id)) issues.push({ path, message: `unknown ${kind} ${id}` });
  };

  for (const [i, t] of (cfg.teams ?? []).entries()) {
    for (const [j, id] of t.members.entries()) member(id, ['teams', i, 'members', j]);
  }
  for (const [i, s] of (cfg.schedules ?? []).entries()) {
    for (const [j, layer] of s.layers.entries()) {
      for (const [k, entry] of layer.rotation.members.entries()) {
        const path = ['schedules', i, 'layers', j, 'rotation', 'members', k];
        const ids = typeof entry === 'string' ? [entry] : entry;
        for (const [n, id] of ids.entries())
          member(id, typeof entry === 'string' ? path : [...path, n]);
      }
    }
    for (const [j, o] of (s.overrides ?? []).entries()) {
      member(o.memberId, ['schedules', i, 'overrides', j, 'memberId']);
      if (o.replaces !== undefined)
        member(o.replaces, ['schedules', i, 'overrides', j, 'replaces']);
    }
  }
  const target = (t: PolicyTarget, path: (string | number)[]) => {
    if (t === 'assignee' || t === 'on-call') return;
    if (typeof t === 'string') member(t, path);
    else if ('member' in t) member(t.member, [...path, 'member']);
    else if ('schedule' in t) known(schedules, 'schedule', t.schedule, [...path, 'schedule']);
    else if ('team' in t) known(teams, 'team', t.team, [...path, 'team']);
  };
  for (const [i, p] of (cfg.policies ?? []).entries()) {
    for (const [j, s] of p.steps.entries()) {
      for (const [k, t] of s.notify.entries()) target(t, ['policies', i, 'steps', j, 'notify', k]);
    }
    for (const [k, t] of (p.finalAction?.notify ?? []).entries()) {
      target(t, ['policies', i, 'finalAction', 'notify', k]);
    }
  }
  for (const [i, r] of (cfg.routing ?? []).entries()) {
    known(schedules, 'schedule', r.target.schedule, ['routing', i, 'target', 'schedule']);
    known(teams, 'team', r.target.team, ['routing', i, 'target', 'team']);
    known(policies, 'policy', r.policy, ['routing', i, 'policy']);
    known(schedules, 'schedule', r.fallback?.schedule, ['routing', i, 'fallback', 'schedule']);
    known(teams, 'team', r.fallback?.team, ['routing', i, 'fallback', 'team']);
    for (const [j, id] of (r.fallback?.members ?? []).entries()) {
      member(id, ['routing', i, 'fallback', 'members', j]);
    }
  }
  return issues;
}
