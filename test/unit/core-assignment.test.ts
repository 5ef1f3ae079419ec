import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { acknowledge } from '../../worker/core/acknowledgement';
import { type AssignmentState, assign } from '../../worker/core/assignment';
import {
  afterAssignment,
  assignLead,
  ON_CALL_CURSOR,
  type RoutingState,
  route,
  routeLead,
  targetMembers,
} from '../../worker/core/lead-routing';
import { policyFiring } from '../../worker/core/policy';
import { escalationFiring } from './support/legacy-escalation';
import { pickAssignee } from './support/legacy-routing';
import { member, routingSite } from './support/routing-site';

const t = (iso: string) => Date.parse(iso);
const OPEN = t('2026-07-01T10:00:00-04:00'); // Wednesday
const NIGHT = t('2026-07-01T22:00:00-04:00');
const NEXT_MORNING = t('2026-07-02T08:00:00-04:00');

const state = (overrides: Partial<AssignmentState> = {}): AssignmentState => ({
  cursor: 0,
  lastAssignedAt: {},
  openUnclaimed: {},
  offDuty: new Set(),
  ...overrides,
});

describe('assign', () => {
  it('round-robin starts at the cursor, skips the unavailable and moves past the chosen', () => {
    const list = ['ann', 'bob', 'cat'];
    expect(assign(list, 'round-robin', state({ cursor: 1 }))).toEqual({
      assignees: ['bob'],
      nextCursor: 2,
    });
    expect(assign(list, 'round-robin', state({ cursor: 1, offDuty: new Set(['bob']) }))).toEqual({
      assignees: ['cat'],
      nextCursor: 0,
    });
    expect(
      assign(list, 'round-robin', state({ cursor: 2, openUnclaimed: { cat: 2, ann: 1 } }), 2),
    ).toEqual({ assignees: ['ann'], nextCursor: 1 });
  });

  it('gives nobody, cursor unchanged, when everyone is off duty or at the cap', () => {
    const s = state({ cursor: 7, offDuty: new Set(['ann']), openUnclaimed: { bob: 3 } });
    expect(assign(['ann', 'bob'], 'round-robin', s, 3)).toEqual({ assignees: [], nextCursor: 7 });
    expect(assign(['ann', 'bob'], 'least-recent', s, 3)).toEqual({ assignees: [], nextCursor: 7 });
    expect(assign(['ann', 'bob'], 'broadcast', s, 3)).toEqual({ assignees: [], nextCursor: 7 });
    expect(assign([], 'round-robin', state())).toEqual({ assignees: [], nextCursor: 0 });
  });

  it('least-recent picks whoever waited longest, never-assigned first, ties in list order', () => {
    const lastAssignedAt = { ann: 300, bob: 100, cat: 100 };
    expect(
      assign(['ann', 'bob', 'cat'], 'least-recent', state({ lastAssignedAt })).assignees,
    ).toEqual(['bob']);
    expect(
      assign(['ann', 'cat', 'bob'], 'least-recent', state({ lastAssignedAt })).assignees,
    ).toEqual(['cat']);
    expect(
      assign(['ann', 'bob', 'dee'], 'least-recent', state({ lastAssignedAt })).assignees,
    ).toEqual(['dee']);
    expect(
      assign(['ann', 'bob'], 'least-recent', state({ lastAssignedAt, offDuty: new Set(['bob']) }))
        .assignees,
    ).toEqual(['ann']);
  });

  it('broadcast gives everyone available, once each', () => {
    expect(
      assign(['ann', 'bob', 'ann', 'cat'], 'broadcast', state({ offDuty: new Set(['bob']) })),
    ).toEqual({ assignees: ['ann', 'cat'], nextCursor: 0 });
  });

  it('round-robin is the foundation’s pickAssignee when everyone is available (property)', () => {
    const ids = fc.constantFrom('ann', 'bob', 'cat', 'dee', 'eve');
    fc.assert(
      fc.property(
        fc.array(ids, { maxLength: 8 }),
        fc.oneof(fc.integer({ min: -50, max: 5000 }), fc.double()),
        (list, cursor) => {
          const team = ['ann', 'bob', 'cat', 'dee', 'eve'].map((id) => member(id));
          const legacy = pickAssignee(list, team, cursor);
          const ours = assign(list, 'round-robin', state({ cursor }));
          expect(ours.assignees).toEqual(legacy.assigneeId === null ? [] : [legacy.assigneeId]);
          expect(Object.is(ours.nextCursor, legacy.nextCursor)).toBe(true);
        },
      ),
    );
  });
});

const routingState = (overrides: Partial<RoutingState> = {}): RoutingState => ({
  cursors: {},
  lastAssignedAt: {},
  openUnclaimed: {},
  offDuty: new Set(),
  ...overrides,
});

describe('route: a site that sets nothing behaves as the foundation', () => {
  it('gives the same assignee, cursor, clock start and escalation firings (property)', () => {
    const knownIds = ['ann', 'bob', 'cat', 'olivia'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...knownIds, 'gone'), { minLength: 1, maxLength: 6 }),
        fc.integer({ min: -10, max: 1000 }),
        fc.integer({ min: t('2026-01-01T00:00:00Z'), max: t('2027-01-01T00:00:00Z') }),
        fc.boolean(),
        fc.boolean(),
        (onCall, cursor, at, urgent, noHours) => {
          fc.pre(onCall.some((id) => id !== 'gone'));
          const config = routingSite(
            {},
            {
              onCall,
              ...(noHours ? { hours: {} } : {}),
              team: [member('olivia', 'owner'), member('ann'), member('bob'), member('cat')],
            },
          );
          const routed = route(
            config,
            { urgent },
            routingState({ cursors: { [ON_CALL_CURSOR]: cursor } }),
            at,
          );
          const legacy = pickAssignee(onCall, config.team, cursor);
          expect(routed.assignment?.assignees).toEqual([legacy.assigneeId]);
          expect(routed.assignment?.nextCursor).toBe(legacy.nextCursor);
          expect(routed.assignment?.cursorKey).toBe(ON_CALL_CURSOR);
          const ack = acknowledge({
            siteName: 'Acme',
            timeZone: config.timezone,
            hours: config.hours,
            responseMinutes: 5,
            homeownerName: 'Sam',
            urgent,
            now: at,
          });
          expect(routed.decision.alertAt).toBe(ack.clockStartsAt);
          expect(routed.decision.afterHours).toBe(ack.afterHours);
          for (let i = 0; i < 6; i++) {
            const ours = policyFiring(routed.decision.policy, ack.clockStartsAt, i);
            const theirs = escalationFiring(config.escalation, ack.clockStartsAt, i);
            expect(ours && { ...ours, final: undefined }).toEqual(
              theirs && { ...theirs, final: undefined },
            );
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('route: rules, levels and fallbacks', () => {
  const config = routingSite({
    teams: [
      { id: 'office', name: 'Office', members: ['ann', 'bob', 'cat'] },
      { id: 'plumbing', name: 'Plumbing', members: ['pia', 'quinn'] },
    ],
    schedules: [
      {
        id: 'nights',
        name: 'Nights',
        layers: [
          {
            id: 'weekly',
            rotation: {
              type: 'weekly',
              handoff: '08:00',
              startDate: '2026-06-29',
              members: ['quinn', 'pia', 'ann'],
            },
          },
        ],
      },
    ],
    policies: [{ id: 'page', steps: [{ afterSeconds: 0, notify: ['assignee'] }] }],
    routing: [
      {
        id: 'emergency',
        match: { urgent: true, when: 'after-hours' },
        target: { schedule: 'nights' },
        policy: 'page',
      },
      {
        id: 'plumbing',
        match: { services: ['Plumbing'] },
        target: { team: 'plumbing' },
        assign: 'least-recent',
        maxOpenPerMember: 1,
        fallback: { schedule: 'nights', members: ['max'] },
      },
      {
        id: 'commercial',
        match: { pagePathPrefix: '/commercial' },
        target: { team: 'office' },
        assign: 'broadcast',
      },
      { id: 'office', target: { team: 'office' } },
    ],
  });
  const plumbing = { service: 'Plumbing' };

  it('assigns within the rule’s target with its strategy', () => {
    const r = route(config, plumbing, routingState({ lastAssignedAt: { pia: 5, quinn: 2 } }), OPEN);
    expect(r.decision.rule?.id).toBe('plumbing');
    expect(r.assignment).toMatchObject({ assignees: ['quinn'], primary: 'quinn', level: 'target' });
  });

  it('uses the fallback when the target has nobody available, then the onCall list, owners', () => {
    const busy = { pia: 1, quinn: 1 };
    const at = (s: Partial<RoutingState>) =>
      route(config, plumbing, routingState(s), OPEN).assignment;
    // Both plumbers at the cap: the fallback's schedule (quinn, same cap) then its member max.
    expect(at({ openUnclaimed: busy })).toMatchObject({ assignees: ['max'], level: 'fallback' });
    expect(at({ offDuty: new Set(['pia']), openUnclaimed: { quinn: 1 } })).toMatchObject({
      assignees: ['max'],
      level: 'fallback',
    });
    // Fallback gone too: the plumbers after all, cap or no cap, before anyone else.
    expect(at({ openUnclaimed: busy, offDuty: new Set(['max']) })).toMatchObject({
      assignees: ['pia'],
      level: 'overflow',
      cursorKey: 'team:plumbing',
    });
    // Every plumber and the fallback off duty: the site's onCall list, on its own cursor.
    expect(
      at({ offDuty: new Set(['pia', 'quinn', 'max']), cursors: { [ON_CALL_CURSOR]: 1 } }),
    ).toMatchObject({
      assignees: ['bob'],
      level: 'on-call',
      cursorKey: ON_CALL_CURSOR,
      nextCursor: 2,
    });
    const everyone = new Set(['pia', 'quinn', 'max', 'ann', 'bob', 'cat']);
    expect(at({ offDuty: everyone })).toMatchObject({ assignees: ['olivia'], level: 'owners' });
    // Even an off-duty owner is better than nobody.
    expect(at({ offDuty: new Set([...everyone, 'olivia']) })).toMatchObject({
      assignees: ['olivia'],
      level: 'owners',
    });
  });

  it('never routes to nobody (property)', () => {
    const everyone = config.team.map((m) => m.id);
    fc.assert(
      fc.property(
        fc.subarray(everyone),
        fc.dictionary(fc.constantFrom(...everyone), fc.integer({ min: 0, max: 3 })),
        fc.record({
          service: fc.option(fc.constantFrom('Plumbing', 'HVAC'), { nil: undefined }),
          urgent: fc.boolean(),
        }),
        fc.integer({ min: t('2026-07-01T00:00:00Z'), max: t('2026-07-15T00:00:00Z') }),
        (offDuty, openUnclaimed, lead, at0) => {
          const s = routingState({ offDuty: new Set(offDuty), openUnclaimed });
          const { decision } = route(config, lead, s, at0);
          const assignment = assignLead(config, decision, s, decision.assignAt);
          expect(assignment.assignees.length).toBeGreaterThan(0);
          for (const id of assignment.assignees) expect(everyone).toContain(id);
        },
      ),
    );
  });

  it('broadcasts to everyone available and names nobody when several are alerted', () => {
    const r = route(
      config,
      { page: { url: 'https://acme.test/commercial/quote' } },
      routingState({ offDuty: new Set(['bob']) }),
      OPEN,
    );
    expect(r.assignment).toMatchObject({
      assignees: ['ann', 'cat'],
      primary: null,
      strategy: 'broadcast',
    });
  });

  it('pages an after-hours emergency at once, to whoever the schedule has on call', () => {
    const r = route(config, { urgent: true, service: 'Plumbing' }, routingState(), NIGHT);
    expect(r.decision).toMatchObject({ alertAt: NIGHT, afterHours: true, assignAt: NIGHT });
    expect(r.decision.policy.id).toBe('page');
    // Week of Monday 2026-06-29 08:00: quinn's turn.
    expect(r.assignment?.assignees).toEqual(['quinn']);
  });

  it('holds a routine after-hours lead until opening and assigns it then', () => {
    const r = route(config, plumbing, routingState(), NIGHT);
    expect(r.decision).toMatchObject({
      alertAt: NEXT_MORNING,
      assignAt: NEXT_MORNING,
      afterHours: true,
    });
    expect(r.assignment).toBeNull();
    const later = assignLead(
      config,
      r.decision,
      routingState({ offDuty: new Set(['pia']) }),
      NEXT_MORNING,
    );
    expect(later.assignees).toEqual(['quinn']);
  });

  it('a target naming a schedule and a team takes the schedule’s on-call members in the team', () => {
    expect(targetMembers(config, { schedule: 'nights', team: 'plumbing' }, OPEN)).toEqual([
      'quinn',
    ]);
    expect(targetMembers(config, { schedule: 'nights', team: 'office' }, OPEN)).toEqual([]);
    expect(targetMembers(config, {}, OPEN)).toEqual(['ann', 'bob', 'cat']);
  });

  it('routeLead uses the site’s own escalation when no rule matches', () => {
    const bare = routingSite();
    expect(routeLead(bare, {}, OPEN).policy.steps).toEqual(
      bare.escalation.steps.map((s) => ({ afterSeconds: s.afterSeconds, notify: s.notify })),
    );
  });

  it('afterAssignment moves the cursor and counts the lead against its assignees', () => {
    const s = routingState({ cursors: { x: 1 }, openUnclaimed: { ann: 1 } });
    const next = afterAssignment(
      s,
      {
        assignees: ['ann', 'cat'],
        primary: null,
        strategy: 'broadcast',
        level: 'target',
        cursorKey: 'team:office',
        nextCursor: 0,
      },
      OPEN,
    );
    expect(next.cursors).toEqual({ x: 1, 'team:office': 0 });
    expect(next.openUnclaimed).toEqual({ ann: 2, cat: 1 });
    expect(next.lastAssignedAt).toEqual({ ann: OPEN, cat: OPEN });
    expect(s.openUnclaimed).toEqual({ ann: 1 }); // not mutated
  });
});
