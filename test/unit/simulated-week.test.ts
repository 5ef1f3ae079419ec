// A week in the life of Harbour Plumbing & Air (support/harbour-config): 420 leads at seeded
// random times, routed and escalated by the core, and checked lead by lead against what the
// hand-written tables and rules of support/harbour-expectations say should happen: the rule,
// the assignees, when alerting starts, and every alert's time, recipients and urgency, in both
// the claim phase and the contact phase; plus what the console would show mid-escalation.
import { describe, expect, it } from 'vitest';
import { escalationProgress } from '../../worker/core/escalation-progress';
import {
  type Assignment,
  afterAssignment,
  assignLead,
  type RouteDecision,
  type RoutingState,
  route,
} from '../../worker/core/lead-routing';
import {
  contactDeadline,
  firingUrgent,
  policyFiring,
  resolvePolicyTargets,
} from '../../worker/core/policy';
import { HARBOUR, OFF_DUTY } from './support/harbour-config';
import {
  type Book,
  CLAIM_SLA,
  CONTACT_SLA,
  type ExpectedAlert,
  expectedAssignees,
  expectedFirings,
  expectedRule,
  isOpen,
  type Lead,
  nextOpening,
  policyOf,
} from './support/harbour-expectations';
import { instantOfLocal, localMinutes } from './support/local-clock';
import { seeded } from './support/prng';

const ZONE = 'Australia/Sydney';
const S = 1000;
const WEEK_START = instantOfLocal(ZONE, '2026-10-04T00:00');
const WEEK_END = instantOfLocal(ZONE, '2026-10-11T00:00');
const LEAD_COUNT = 420;
const GRACE = 120 * S;

interface SimLead extends Lead {
  n: number;
  /** Seconds from the first alert to a claim; null: nobody ever claims it. */
  claimAfter: number | null;
  /** Seconds from the claim to reaching the homeowner; null: never reached. */
  contactAfter: number | null;
  /** When the console is looked at, seconds after arrival. */
  probeAfter: number;
}

/**
 * Hand-picked instants where things change, each met by an emergency one millisecond before,
 * one at the instant, and a routine lead at the instant: the DST jump (01:59:59.999 AEST is
 * followed by 03:00 AEDT), the holiday's hand-off, office closing as an override begins, the
 * Saturday override and closing, and an ordinary close.
 */
const EDGES = [
  '2026-10-04T03:00',
  '2026-10-04T08:00',
  '2026-10-05T08:00',
  '2026-10-06T08:00',
  '2026-10-07T18:00',
  '2026-10-08T07:00',
  '2026-10-09T18:00',
  '2026-10-10T12:00',
];

const daytime = (t: number) => {
  const minute = localMinutes(ZONE, t) % 1440;
  return minute >= 7 * 60 && minute < 21 * 60;
};

function generateLeads(): SimLead[] {
  const rng = seeded(20261004);
  const leads: SimLead[] = [];
  const edges = EDGES.flatMap((local) => [
    { at: instantOfLocal(ZONE, local) - 1, urgent: true },
    { at: instantOfLocal(ZONE, local), urgent: true },
    { at: instantOfLocal(ZONE, local), urgent: false },
  ]);
  for (let n = 0; n < LEAD_COUNT + edges.length; n++) {
    // Most homeowners write in the daytime: keep a random instant if it falls between 7:00 and
    // 21:00 local, and only three in ten of the others.
    let arrival = WEEK_START;
    do arrival = WEEK_START + Math.floor(rng.next() * (WEEK_END - WEEK_START));
    while (!daytime(arrival) && !rng.chance(0.3));
    const edge = edges[n - LEAD_COUNT];
    if (edge) arrival = edge.at;
    const service = rng.pick([
      'Plumbing',
      'Plumbing',
      'Hot water',
      'Blocked drain',
      'Air conditioning',
      'Air conditioning',
      'Heating',
      'Electrical',
      undefined,
    ]);
    const urgent = edge ? edge.urgent : rng.chance(0.18);
    const zip = rng.pick(['2000', '2010', '2031', '2112', '2150', '2170', '2250', '2560']);
    const url = rng.chance(0.1)
      ? 'https://harbour.example/commercial/maintenance-contracts'
      : rng.pick([
          'https://harbour.example/',
          'https://harbour.example/hot-water',
          'https://harbour.example/contact',
        ]);
    const u = rng.next();
    const utm: Record<string, string> | undefined =
      u < 0.2 ? { source: 'google', medium: 'cpc' } : u < 0.3 ? { source: 'facebook' } : undefined;
    const c = rng.next();
    const claimAfter =
      c < 0.6
        ? rng.int(20, 240)
        : c < 0.85
          ? rng.int(240, 720)
          : c < 0.95
            ? rng.int(720, 2400)
            : null;
    const k = rng.next();
    const contactAfter = k < 0.8 ? rng.int(60, 600) : k < 0.95 ? rng.int(600, 3600) : null;
    leads.push({
      n,
      arrival,
      ...(service === undefined ? {} : { service }),
      urgent,
      zip,
      url,
      ...(utm === undefined ? {} : { utm }),
      claimAfter,
      contactAfter,
      probeAfter: rng.int(0, 3 * 3600),
    });
  }
  return leads;
}

const spells = OFF_DUTY.map((s) => ({
  member: s.member,
  from: instantOfLocal(ZONE, s.from),
  to: instantOfLocal(ZONE, s.to),
}));
const offDutyAt = (t: number) =>
  new Set(spells.filter((s) => s.from <= t && t < s.to).map((s) => s.member));

// ---------- the simulated world: arrivals, morning hand-outs, claims ----------

interface WorldEvent {
  at: number;
  /** Claims (or closing unclaimed leads) free capacity first; the morning queue is handed out
   * before new arrivals. */
  kind: 'claim' | 'assign' | 'arrive';
  n: number;
}
const ORDER = { claim: 0, assign: 1, arrive: 2 };

function runWorld(
  first: WorldEvent[],
  handle: (e: WorldEvent, later: (e: WorldEvent) => void) => void,
) {
  const queue = [...first];
  const later = (e: WorldEvent) => queue.push(e);
  while (queue.length > 0) {
    queue.sort((a, b) => a.at - b.at || ORDER[a.kind] - ORDER[b.kind] || a.n - b.n);
    const next = queue.shift() as WorldEvent;
    handle(next, later);
  }
}

interface Outcome {
  rule: string | null;
  alertAt: number;
  assignAt: number;
  assignees: string[];
  claimedAt: number | null;
  contactedAt: number | null;
  alerts: Array<ExpectedAlert & { phase: 'claim' | 'contact' }>;
  consoleNext: number | null;
}

/**
 * When a lead stops counting against its assignees' open unclaimed leads: its claim, or for one
 * nobody claims, two hours after the first alert, when the manager marks it lost (after every
 * firing of either policy).
 */
const releasedAt = (claimedAt: number | null, alertAt: number) =>
  claimedAt ?? alertAt + 2 * 3600 * S;

const claimTimes = (lead: SimLead, alertAt: number) => {
  const claimedAt = lead.claimAfter === null ? null : alertAt + lead.claimAfter * S;
  const contactedAt =
    claimedAt === null || lead.contactAfter === null ? null : claimedAt + lead.contactAfter * S;
  return { claimedAt, contactedAt };
};

// ---------- the core's week ----------

function coreWeek(leads: SimLead[]): { outcomes: Outcome[]; levels: Map<string, number> } {
  let state: RoutingState = {
    cursors: {},
    lastAssignedAt: {},
    openUnclaimed: {},
    offDuty: new Set(),
  };
  const decisions = new Map<number, RouteDecision>();
  const assignments = new Map<number, Assignment>();
  const take = (lead: SimLead, a: Assignment, t: number, later: (e: WorldEvent) => void) => {
    assignments.set(lead.n, a);
    state = afterAssignment(state, a, t);
    const decision = decisions.get(lead.n) as RouteDecision;
    const { claimedAt } = claimTimes(lead, decision.alertAt);
    later({ at: releasedAt(claimedAt, decision.alertAt), kind: 'claim', n: lead.n });
  };
  runWorld(
    leads.map((l) => ({ at: l.arrival, kind: 'arrive', n: l.n })),
    (e, later) => {
      const lead = leads[e.n] as SimLead;
      const now = { ...state, offDuty: offDutyAt(e.at) };
      if (e.kind === 'arrive') {
        const input = {
          service: lead.service,
          zip: lead.zip,
          urgent: lead.urgent,
          page: { url: lead.url, utm: lead.utm },
        };
        const routed = route(HARBOUR, input, now, e.at);
        decisions.set(lead.n, routed.decision);
        if (routed.assignment) take(lead, routed.assignment, e.at, later);
        else later({ at: routed.decision.assignAt, kind: 'assign', n: lead.n });
      } else if (e.kind === 'assign') {
        take(
          lead,
          assignLead(HARBOUR, decisions.get(lead.n) as RouteDecision, now, e.at),
          e.at,
          later,
        );
      } else {
        const open = { ...state.openUnclaimed };
        for (const id of assignments.get(lead.n)?.assignees ?? []) open[id] = (open[id] ?? 0) - 1;
        state = { ...state, openUnclaimed: open };
      }
    },
  );

  const levels = new Map<string, number>();
  for (const [n, a] of assignments) {
    // Split by whether the lead waited for the opening: morning queues are handed out at once.
    const queued = (decisions.get(n)?.assignAt ?? 0) > (leads[n]?.arrival ?? 0);
    const key = `${a.level}${queued ? ' (morning queue)' : ''}`;
    levels.set(key, (levels.get(key) ?? 0) + 1);
  }
  const outcomes = leads.map((lead): Outcome => {
    const decision = decisions.get(lead.n) as RouteDecision;
    const assignment = assignments.get(lead.n) as Assignment;
    const { policy, alertAt } = decision;
    const { claimedAt, contactedAt } = claimTimes(lead, alertAt);
    const claimer = assignment.primary ?? assignment.assignees[0] ?? '';
    const alerts: Outcome['alerts'] = [];
    const run = (
      start: number,
      until: number | null,
      assigneeIds: string[],
      phase: 'claim' | 'contact',
    ) => {
      for (let i = 0; ; i++) {
        const f = policyFiring(policy, start, i);
        if (!f || (until !== null && f.dueAt >= until)) return;
        const to = resolvePolicyTargets(f.notify, {
          assigneeIds,
          config: HARBOUR,
          at: f.dueAt,
          offDuty: offDutyAt(f.dueAt),
        });
        alerts.push({ at: f.dueAt, to, urgent: firingUrgent(f, lead.urgent), phase });
      }
    };
    run(alertAt, claimedAt, assignment.assignees, 'claim');
    if (claimedAt !== null) {
      const deadline = contactDeadline(policy, alertAt, claimedAt);
      if (deadline !== null && (contactedAt === null || contactedAt > deadline)) {
        run(deadline, contactedAt, [claimer], 'contact');
      }
    }
    const probe = lead.arrival + lead.probeAfter * S;
    const progress = escalationProgress(
      policy,
      { clockStart: alertAt, claimedAt, contactedAt },
      probe,
    );
    return {
      rule: decision.rule?.id ?? null,
      alertAt,
      assignAt: decision.assignAt,
      assignees: assignment.assignees,
      claimedAt,
      contactedAt,
      alerts,
      consoleNext: progress.next?.dueAt ?? null,
    };
  });
  return { outcomes, levels };
}

// ---------- the hand-worked week ----------

function expectedWeek(leads: SimLead[]): Outcome[] {
  const book: Book = { cursors: new Map(), lastAssigned: new Map(), open: new Map() };
  const rules = leads.map((l) => expectedRule(l));
  const starts = leads.map((l) =>
    l.urgent || isOpen(l.arrival) ? l.arrival : nextOpening(l.arrival),
  );
  const assigned = new Map<number, string[]>();
  const give = (lead: SimLead, t: number, later: (e: WorldEvent) => void) => {
    const ids = expectedAssignees(rules[lead.n] as never, t, offDutyAt(t), book);
    assigned.set(lead.n, ids);
    for (const id of ids) {
      book.lastAssigned.set(id, t);
      book.open.set(id, (book.open.get(id) ?? 0) + 1);
    }
    const { claimedAt } = claimTimes(lead, starts[lead.n] as number);
    later({ at: releasedAt(claimedAt, starts[lead.n] as number), kind: 'claim', n: lead.n });
  };
  runWorld(
    leads.map((l) => ({ at: l.arrival, kind: 'arrive', n: l.n })),
    (e, later) => {
      const lead = leads[e.n] as SimLead;
      const start = starts[lead.n] as number;
      if (e.kind === 'arrive') {
        if (start > lead.arrival) later({ at: start, kind: 'assign', n: lead.n });
        else give(lead, e.at, later);
      } else if (e.kind === 'assign') give(lead, e.at, later);
      else
        for (const id of assigned.get(lead.n) ?? [])
          book.open.set(id, (book.open.get(id) ?? 0) - 1);
    },
  );

  return leads.map((lead) => {
    const rule = rules[lead.n] as NonNullable<ReturnType<typeof expectedRule>>;
    const alertAt = starts[lead.n] as number;
    const assignees = assigned.get(lead.n) ?? [];
    const { claimedAt, contactedAt } = claimTimes(lead, alertAt);
    const claimFirings = expectedFirings(rule, alertAt, assignees, lead.urgent, offDutyAt);
    const alerts: Outcome['alerts'] = claimFirings
      .filter((f) => claimedAt === null || f.at < claimedAt)
      .map((f) => ({ ...f, phase: 'claim' }));
    let contactFirings: ExpectedAlert[] = [];
    if (claimedAt !== null) {
      const deadline = Math.max(alertAt + CONTACT_SLA[policyOf(rule)] * S, claimedAt + GRACE);
      contactFirings = expectedFirings(
        rule,
        deadline,
        [assignees[0] ?? ''],
        lead.urgent,
        offDutyAt,
      );
      if (contactedAt === null || contactedAt > deadline) {
        for (const f of contactFirings) {
          if (contactedAt === null || f.at < contactedAt) alerts.push({ ...f, phase: 'contact' });
        }
      }
    }
    const probe = lead.arrival + lead.probeAfter * S;
    const upcoming =
      contactedAt !== null && contactedAt <= probe
        ? []
        : claimedAt !== null && claimedAt <= probe
          ? contactFirings
          : claimFirings;
    return {
      rule,
      alertAt,
      assignAt: Math.max(alertAt, lead.arrival),
      assignees,
      claimedAt,
      contactedAt,
      alerts,
      consoleNext: upcoming.find((f) => f.at > probe)?.at ?? null,
    };
  });
}

// ---------- the run ----------

const local = (t: number) =>
  new Intl.DateTimeFormat('en-AU', {
    timeZone: ZONE,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(t));

describe('a simulated week at Harbour Plumbing & Air', () => {
  const leads = generateLeads();
  const { outcomes: actual, levels } = coreWeek(leads);
  const expected = expectedWeek(leads);

  it('routes, assigns and alerts every lead exactly as the hand-worked week says', () => {
    const mismatches: string[] = [];
    leads.forEach((lead, i) => {
      const a = actual[i] as Outcome;
      const e = expected[i] as Outcome;
      try {
        expect(a).toEqual(e);
      } catch {
        mismatches.push(
          `lead ${lead.n} (${local(lead.arrival)}, ${lead.service ?? '-'}, urgent ${lead.urgent}): ` +
            `core ${JSON.stringify({ ...a, alerts: a.alerts.length })} ` +
            `expected ${JSON.stringify({ ...e, alerts: e.alerts.length })}`,
        );
      }
    });
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('covers the week’s situations and prints its figures', () => {
    const count = (f: (o: Outcome, l: SimLead) => boolean) =>
      actual.filter((o, i) => f(o, leads[i] as SimLead)).length;
    const rules = new Map<string, number>();
    for (const o of actual)
      rules.set(o.rule ?? 'default', (rules.get(o.rule ?? 'default') ?? 0) + 1);
    const deferred = actual.filter((o, i) => o.alertAt > (leads[i] as SimLead).arrival);
    const nightPages = count((o) => o.rule === 'emergency');
    const alerts = actual.reduce((sum, o) => sum + o.alerts.length, 0);
    const notifications = actual.reduce(
      (sum, o) => sum + o.alerts.reduce((s, a) => s + a.to.length, 0),
      0,
    );
    const slaOf = (o: Outcome) => (o.rule === 'emergency' ? 'emergency' : 'standard');
    const neverClaimed = count((o) => o.claimedAt === null);
    const lateClaim = count(
      (o) => o.claimedAt !== null && o.claimedAt - o.alertAt > CLAIM_SLA[slaOf(o)] * S,
    );
    const neverReached = count((o) => o.claimedAt !== null && o.contactedAt === null);
    const lateContact = count(
      (o) => o.contactedAt !== null && o.contactedAt - o.alertAt > CONTACT_SLA[slaOf(o)] * S,
    );
    const contactEscalations = count((o) => o.alerts.some((a) => a.phase === 'contact'));
    const longestWait = Math.max(
      ...actual.map((o, i) => o.alertAt - (leads[i] as SimLead).arrival),
    );
    const duringDstNight = count(
      (o, l) => o.rule === 'emergency' && l.arrival < instantOfLocal(ZONE, '2026-10-04T08:00'),
    );
    const onHoliday = count((_, l) => local(l.arrival).startsWith('Mon'));

    console.log(
      [
        `Simulated week, ${ZONE}, Sun 4 – Sat 10 Oct 2026 (DST starts Sunday 02:00; Monday is Labour Day)`,
        `  leads: ${leads.length}; by rule: ${[...rules].map(([r, n]) => `${r} ${n}`).join(', ')}`,
        `  after hours: ${deferred.length} routine leads held for the opening (longest wait ${(longestWait / 3_600_000).toFixed(1)} h, not counted against the SLA: the clock starts at opening); ${nightPages} emergencies paged at once (${duringDstNight} on the DST night before 8:00, ${onHoliday} leads on the holiday)`,
        `  assigned by: ${[...levels].map(([l, n]) => `${l} ${n}`).join(', ')}`,
        `  alerts: ${alerts} firings reaching ${notifications} member notifications; ${contactEscalations} claimed leads escalated again for want of contact`,
        `  waited past the claim SLA: ${neverClaimed + lateClaim} (${lateClaim} claimed late by a slow CSR, ${neverClaimed} never claimed: escalated through the final action)`,
        `  waited past the contact SLA: ${lateContact + neverReached} (${lateContact} reached late, ${neverReached} claimed but never reached)`,
      ].join('\n'),
    );

    for (const rule of ['emergency', 'commercial', 'plumbing', 'hvac', 'google-ads', 'office']) {
      expect(rules.get(rule) ?? 0).toBeGreaterThan(0);
    }
    expect(deferred.length).toBeGreaterThan(20);
    expect([...levels].some(([level, n]) => level.startsWith('fallback') && n > 0)).toBe(true);
    expect(duringDstNight).toBeGreaterThan(0);
    expect(contactEscalations).toBeGreaterThan(0);
    expect(actual.every((o) => o.assignees.length > 0)).toBe(true);
  });
});
