// What should happen to each of Harbour's leads, worked out by hand rather than by the core:
// the week's opening hours and both schedules written out as explicit tables of local times
// (read from the config by a person, with the DST night and the holiday in mind), each local
// time turned into an instant by searching Intl minute by minute, and Harbour's six routing
// rules and two policies spelt out as plain if/else code.
import { instantOfLocal } from './local-clock';

const ZONE = 'Australia/Sydney';
const at = (local: string) => instantOfLocal(ZONE, local);
const cache = new Map<string, number>();
const instant = (local: string) => {
  let value = cache.get(local);
  if (value === undefined) {
    value = at(local);
    cache.set(local, value);
  }
  return value;
};

/** When the office is open this week and next Monday (Labour Day, the 5th, is closed). */
const OPEN: Array<[string, string]> = [
  ['2026-10-06T08:00', '2026-10-06T18:00'],
  ['2026-10-07T08:00', '2026-10-07T18:00'],
  ['2026-10-08T08:00', '2026-10-08T18:00'],
  ['2026-10-09T08:00', '2026-10-09T18:00'],
  ['2026-10-10T08:00', '2026-10-10T12:00'],
  ['2026-10-12T08:00', '2026-10-12T18:00'],
];

/** Who carries the after-hours phone, start to end, from the rotation, layers and overrides. */
const AFTER_HOURS: Array<[string, string, string]> = [
  ['2026-10-03T20:00', '2026-10-04T08:00', 'ray'], // ray's week; Sunday 02:00–03:00 never happens
  ['2026-10-04T08:00', '2026-10-04T20:00', 'quinn'], // weekend days: Saturday ray, Sunday quinn
  ['2026-10-04T20:00', '2026-10-05T08:00', 'ray'],
  ['2026-10-05T08:00', '2026-10-07T18:00', 'pia'], // pia's week starts Labour Day morning
  ['2026-10-07T18:00', '2026-10-08T07:00', 'quinn'], // quinn covers pia's Wednesday night
  ['2026-10-08T07:00', '2026-10-10T08:00', 'pia'],
  ['2026-10-10T08:00', '2026-10-10T12:00', 'quinn'], // weekend days, 8th day: quinn
  ['2026-10-10T12:00', '2026-10-10T20:00', 'hal'], // hal's override
  ['2026-10-10T20:00', '2026-10-11T08:00', 'pia'],
  ['2026-10-11T08:00', '2026-10-11T20:00', 'ray'],
  ['2026-10-11T20:00', '2026-10-12T08:00', 'pia'],
  ['2026-10-12T08:00', '2026-10-19T08:00', 'hal'],
];

/** Who the office schedule has on, and when; nobody at any other time. */
const OFFICE: Array<[string, string, string[]]> = [
  ['2026-10-05T08:00', '2026-10-05T18:00', ['ava', 'ben', 'cleo']], // schedules know no holidays
  ['2026-10-06T08:00', '2026-10-06T18:00', ['ava', 'ben', 'cleo']],
  ['2026-10-07T08:00', '2026-10-07T12:00', ['ava', 'ben', 'cleo']],
  ['2026-10-07T12:00', '2026-10-07T14:00', ['ava', 'ben', 'max']], // max covers cleo
  ['2026-10-07T14:00', '2026-10-07T18:00', ['ava', 'ben', 'cleo']],
  ['2026-10-08T08:00', '2026-10-08T18:00', ['ava', 'ben', 'cleo']],
  ['2026-10-09T08:00', '2026-10-09T18:00', ['ava', 'ben', 'cleo']],
  ['2026-10-10T08:00', '2026-10-10T12:00', ['ava']], // Saturday turn: ben, cleo, ava, … → ava
  ['2026-10-12T08:00', '2026-10-12T18:00', ['ava', 'ben', 'cleo']],
];

const within = (t: number, from: string, to: string) => instant(from) <= t && t < instant(to);

export function isOpen(t: number): boolean {
  return OPEN.some(([from, to]) => within(t, from, to));
}

export function nextOpening(t: number): number {
  for (const [from] of OPEN) if (instant(from) > t) return instant(from);
  throw new Error('the simulation ran past the opening table');
}

export function afterHoursPhone(t: number): string {
  const row = AFTER_HOURS.find(([from, to]) => within(t, from, to));
  if (!row) throw new Error('outside the after-hours table');
  return row[2];
}

/** Whoever picks up the after-hours phone next, after the current holder. */
export function afterHoursNext(t: number): string {
  const now = afterHoursPhone(t);
  const later = AFTER_HOURS.find(([from, , who]) => instant(from) > t && who !== now);
  if (!later) throw new Error('past the after-hours table');
  return later[2];
}

export function officeOnCall(t: number): string[] {
  return OFFICE.find(([from, to]) => within(t, from, to))?.[2] ?? [];
}

// ---------- the rules by hand ----------

export interface Lead {
  arrival: number;
  service?: string;
  urgent: boolean;
  zip: string;
  url: string;
  utm?: Record<string, string>;
}

export type RuleId = 'emergency' | 'commercial' | 'plumbing' | 'hvac' | 'google-ads' | 'office';

export function expectedRule(lead: Lead): RuleId {
  if (lead.urgent && !isOpen(lead.arrival)) return 'emergency';
  if (new URL(lead.url).pathname.toLowerCase().startsWith('/commercial')) return 'commercial';
  if (
    lead.service === 'Plumbing' ||
    lead.service === 'Hot water' ||
    lead.service === 'Blocked drain'
  )
    return 'plumbing';
  if (
    (lead.service === 'Air conditioning' || lead.service === 'Heating') &&
    (lead.zip.startsWith('20') || lead.zip.startsWith('21'))
  )
    return 'hvac';
  if (lead.utm?.source === 'google') return 'google-ads';
  return 'office';
}

export interface Book {
  cursors: Map<string, number>;
  lastAssigned: Map<string, number>;
  open: Map<string, number>;
}

const ON_CALL_LIST = ['ava', 'ben', 'cleo'];
const OWNERS = ['olivia'];

function roundRobin(book: Book, key: string, list: string[], ok: (id: string) => boolean) {
  const start = (book.cursors.get(key) ?? 0) % Math.max(1, list.length);
  for (let i = 0; i < list.length; i++) {
    const index = (start + i) % list.length;
    const id = list[index] as string;
    if (ok(id)) {
      book.cursors.set(key, (index + 1) % list.length);
      return [id];
    }
  }
  return [];
}

function leastRecent(book: Book, list: string[], ok: (id: string) => boolean) {
  const candidates = list.filter(ok);
  // Sort is stable: equal times keep list order; never assigned is longest ago.
  candidates.sort((a, b) => (book.lastAssigned.get(a) ?? -1) - (book.lastAssigned.get(b) ?? -1));
  return candidates.slice(0, 1);
}

/** The assignees, with the cursors moved as a side effect on `book`. */
export function expectedAssignees(
  rule: RuleId,
  t: number,
  offDuty: Set<string>,
  book: Book,
): string[] {
  const free = (id: string) => !offDuty.has(id);
  const under = (cap: number) => (id: string) => free(id) && (book.open.get(id) ?? 0) < cap;
  const onCallList = () => roundRobin(book, 'on-call', ON_CALL_LIST, free);
  const chain = (...levels: Array<() => string[]>) => {
    for (const level of levels) {
      const ids = level();
      if (ids.length > 0) return ids;
    }
    return OWNERS;
  };

  switch (rule) {
    case 'emergency':
      return chain(
        () => roundRobin(book, 'schedule:after-hours', [afterHoursPhone(t)], free),
        () => ['max'].filter(free),
        onCallList,
      );
    case 'commercial':
      return chain(() => ['ava', 'ben', 'cleo'].filter(free), onCallList);
    case 'plumbing':
      return chain(
        () => leastRecent(book, ['pia', 'quinn', 'ray'], under(2)),
        () => leastRecent(book, officeOnCall(t), under(2)),
        () => leastRecent(book, ['pia', 'quinn', 'ray'], free), // all at the cap
        onCallList,
      );
    case 'hvac':
      return chain(
        () => roundRobin(book, 'team:hvac', ['hal', 'ivy'], under(2)),
        () => roundRobin(book, 'fallback:hvac', officeOnCall(t), under(2)),
        () => roundRobin(book, 'team:hvac', ['hal', 'ivy'], free),
        onCallList,
      );
    case 'google-ads':
      return chain(() => leastRecent(book, officeOnCall(t), free), onCallList);
    case 'office':
      return chain(
        () => roundRobin(book, 'schedule:office', officeOnCall(t), under(3)),
        () => roundRobin(book, 'fallback:office', ['ava', 'ben', 'cleo'], under(3)),
        () => roundRobin(book, 'schedule:office', officeOnCall(t), free),
        onCallList,
      );
  }
}

// ---------- the policies by hand ----------

export interface ExpectedAlert {
  at: number;
  to: string[];
  urgent: boolean;
}

/** Never nobody: the onCall list (duty or not), else the owners. */
const orFallback = (ids: string[]) => (ids.length > 0 ? ids : ON_CALL_LIST);

/** Every firing a policy would make from `start` if nobody ever answered. */
export function expectedFirings(
  rule: RuleId,
  start: number,
  assignees: string[],
  leadUrgent: boolean,
  offDutyAt: (t: number) => Set<string>,
): ExpectedAlert[] {
  const s = 1000;
  const onDuty = (t: number, ids: string[]) => ids.filter((id) => !offDutyAt(t).has(id));
  if (rule === 'emergency') {
    const plan: Array<[number, (t: number) => string[], boolean]> = [
      [0, () => assignees, true],
      [180, (t) => [...onDuty(t, [afterHoursNext(t)]), 'max'], leadUrgent],
      [420, () => ['olivia'], leadUrgent],
      [720, () => ['olivia'], leadUrgent], // two repeats, 300 s apart
      [1020, () => ['olivia'], leadUrgent],
      [1320, (t) => orFallback(onDuty(t, ['pia', 'quinn', 'ray', 'hal', 'ivy'])), leadUrgent],
    ];
    return plan.map(([after, to, urgent]) => ({
      at: start + after * s,
      to: to(start + after * s),
      urgent,
    }));
  }
  const plan: Array<[number, (t: number) => string[]]> = [
    [0, () => assignees],
    [600, (t) => orFallback(onDuty(t, officeOnCall(t)))],
    [1800, () => ['max']],
    [3000, () => ['max']], // one repeat, at the 1200 s gap before the last step
    [4200, () => ['olivia']], // final action, one interval later
  ];
  return plan.map(([after, to]) => ({
    at: start + after * s,
    to: to(start + after * s),
    urgent: leadUrgent,
  }));
}

export const CLAIM_SLA = { emergency: 300, standard: 600 };
export const CONTACT_SLA = { emergency: 900, standard: 3600 };
export const policyOf = (rule: RuleId) => (rule === 'emergency' ? 'emergency' : 'standard');
