import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Policy, policySchema } from '../../shared/schedule-schemas';
import { type EscalationPolicy, escalationSchema } from '../../shared/schemas';
import { escalationProgress } from '../../worker/core/escalation-progress';
import {
  claimDeadline,
  contactDeadline,
  firingUrgent,
  LATE_CLAIM_GRACE_SECONDS,
  legacyPolicy,
  policyById,
  policyFiring,
  resolvePolicyTargets,
} from '../../worker/core/policy';
import { escalationFiring, resolveTargets } from './support/legacy-escalation';
import { member, routingSite } from './support/routing-site';

const S = 1000;
const START = Date.parse('2026-07-01T14:00:00Z');
const t = (iso: string) => Date.parse(iso);

const policy = (p: object): Policy => policySchema.parse({ id: 'p', ...p });
const dueSeconds = (p: Policy, start = START) => {
  const out: number[] = [];
  for (let i = 0; ; i++) {
    const f = policyFiring(p, start, i);
    if (!f) return out;
    out.push((f.dueAt - start) / S);
  }
};

const legacyTarget = fc.constantFrom('assignee', 'on-call', 'ann', 'bob', 'cat', 'max', 'gone');
const escalationArb = fc
  .record({
    delays: fc.array(fc.integer({ min: 0, max: 3600 }), { minLength: 1, maxLength: 5 }),
    notify: fc.array(fc.array(legacyTarget, { minLength: 1, maxLength: 3 }), {
      minLength: 5,
      maxLength: 5,
    }),
    repeat: fc.integer({ min: 0, max: 4 }),
    interval: fc.option(fc.integer({ min: 30, max: 7200 }), { nil: undefined }),
  })
  .map(
    ({ delays, notify, repeat, interval }): EscalationPolicy =>
      escalationSchema.parse({
        steps: [...delays]
          .sort((a, b) => a - b)
          .map((afterSeconds, i) => ({ afterSeconds, notify: notify[i] })),
        repeat,
        repeatIntervalSeconds: interval,
      }),
  );

describe('legacy policy: the foundation’s escalation, unchanged', () => {
  it('fires at exactly escalationFiring’s times with its targets (property)', () => {
    fc.assert(
      fc.property(escalationArb, fc.integer({ min: 0, max: 2e12 }), (escalation, start) => {
        const p = legacyPolicy({ escalation });
        for (let i = -1; i < escalation.steps.length + escalation.repeat + 2; i++) {
          const ours = policyFiring(p, start, i);
          const theirs = escalationFiring(escalation, start, i);
          if (theirs === null) expect(ours).toBeNull();
          else expect(ours).toEqual({ ...theirs, final: false });
        }
      }),
    );
  });

  it('alerts exactly whom resolveTargets (and the escalator’s on-call fallback) would (property)', () => {
    const config = routingSite();
    fc.assert(
      fc.property(
        fc.array(legacyTarget, { minLength: 1, maxLength: 4 }),
        fc.option(fc.constantFrom('ann', 'bob', 'gone'), { nil: null }),
        fc.integer({ min: 0, max: 2e12 }),
        (notify, assigneeId, at) => {
          const ctx = { assigneeId, onCall: config.onCall, team: config.team };
          let expected = resolveTargets(notify, ctx);
          if (expected.length === 0) expected = resolveTargets(['on-call'], ctx);
          const ours = resolvePolicyTargets(notify, {
            assigneeIds: assigneeId === null ? [] : [assigneeId],
            config,
            at,
            offDuty: new Set(),
          });
          expect(ours).toEqual(expected);
        },
      ),
    );
  });

  it('is the policy of a rule naming none, or an unknown one', () => {
    const config = routingSite({
      policies: [{ id: 'fast', steps: [{ afterSeconds: 0, notify: ['assignee'] }] }],
    });
    expect(policyById(config, undefined)).toEqual(legacyPolicy(config));
    expect(policyById(config, 'nope')).toEqual(legacyPolicy(config));
    expect(policyById(config, 'fast').id).toBe('fast');
  });
});

describe('policyFiring', () => {
  const steps = [
    { afterSeconds: 0, notify: ['assignee'] },
    { afterSeconds: 120, notify: [{ role: 'manager' }], urgent: true },
    { afterSeconds: 300, notify: [{ role: 'owner' }] },
  ];

  it('runs the steps, repeats the last, then the final action one interval later', () => {
    const p = policy({ steps, repeat: 2, finalAction: { notify: [{ team: 'office' }] } });
    expect(dueSeconds(p)).toEqual([0, 120, 300, 480, 660, 840]);
    expect(policyFiring(p, START, 5)).toEqual({
      index: 5,
      stepIndex: 3,
      final: true,
      dueAt: START + 840 * S,
      notify: [{ team: 'office' }],
    });
    expect(policyFiring(p, START, 4)?.final).toBe(false);
    expect(policyFiring(p, START, 6)).toBeNull();
  });

  it('uses the configured repeat interval, and comes straight after the steps without repeats', () => {
    expect(dueSeconds(policy({ steps, repeat: 1, repeatIntervalSeconds: 600 }))).toEqual([
      0, 120, 300, 900,
    ]);
    expect(dueSeconds(policy({ steps, finalAction: { notify: ['max'] } }))).toEqual([
      0, 120, 300, 480,
    ]);
  });

  it('carries a step’s urgency, which overrides the lead’s', () => {
    const p = policy({ steps });
    const second = policyFiring(p, START, 1);
    expect(second?.urgent).toBe(true);
    expect(second && firingUrgent(second, false)).toBe(true);
    const first = policyFiring(p, START, 0);
    expect(first?.urgent).toBeUndefined();
    expect(first && firingUrgent(first, true)).toBe(true);
    expect(first && firingUrgent(first, false)).toBe(false);
  });
});

describe('resolvePolicyTargets', () => {
  const config = routingSite({
    teams: [{ id: 'office', name: 'Office', members: ['ann', 'bob', 'cat'] }],
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
              members: ['pia', 'quinn'],
            },
          },
        ],
      },
    ],
  });
  // Wednesday of pia's week; quinn takes over Monday 2026-07-06 08:00.
  const at = t('2026-07-01T10:00:00-04:00');
  const resolve = (targets: Parameters<typeof resolvePolicyTargets>[0], offDuty: string[] = []) =>
    resolvePolicyTargets(targets, { assigneeIds: ['bob'], config, at, offDuty: new Set(offDuty) });

  it('expands schedules (now and next), teams, roles and members, in order, once each', () => {
    expect(resolve([{ schedule: 'nights', who: 'on-call' }])).toEqual(['pia']);
    expect(resolve([{ schedule: 'nights', who: 'next' }])).toEqual(['quinn']);
    expect(resolve([{ team: 'office' }, 'assignee', { member: 'max' }])).toEqual([
      'ann',
      'bob',
      'cat',
      'max',
    ]);
    expect(resolve([{ role: 'manager' }, { role: 'owner' }])).toEqual(['max', 'olivia']);
  });

  it('skips off-duty members in schedules and teams but not those named or by role', () => {
    expect(resolve([{ team: 'office' }], ['ann', 'cat'])).toEqual(['bob']);
    expect(
      resolve(
        [{ schedule: 'nights', who: 'on-call' }, 'max', { role: 'owner' }],
        ['pia', 'max', 'olivia'],
      ),
    ).toEqual(['max', 'olivia']);
    expect(resolve(['on-call'], ['ann'])).toEqual(['bob', 'cat']);
  });

  it('never alerts nobody: the onCall list, then owners, then the team', () => {
    expect(resolve([{ schedule: 'nights', who: 'on-call' }], ['pia'])).toEqual([
      'ann',
      'bob',
      'cat',
    ]);
    const noOnCall = { ...config, onCall: ['gone'] };
    expect(
      resolvePolicyTargets(['gone'], { assigneeIds: [], config: noOnCall, at, offDuty: new Set() }),
    ).toEqual(['olivia']);
    const noOwner = { ...noOnCall, team: [member('ann'), member('bob')] };
    expect(
      resolvePolicyTargets(['gone'], { assigneeIds: [], config: noOwner, at, offDuty: new Set() }),
    ).toEqual(['ann', 'bob']);
  });
});

describe('the two clocks', () => {
  const p = policy({
    claimSlaSeconds: 300,
    contactSlaSeconds: 900,
    steps: [
      { afterSeconds: 0, notify: ['assignee'] },
      { afterSeconds: 300, notify: [{ role: 'manager' }] },
    ],
    repeat: 1,
  });

  it('claim deadline runs from the clock start; none without a claim SLA', () => {
    expect(claimDeadline(p, START)).toBe(START + 300 * S);
    expect(
      claimDeadline(policy({ steps: [{ afterSeconds: 0, notify: ['assignee'] }] }), START),
    ).toBeNull();
  });

  it('contact deadline runs from the clock start too, with grace for a late claim', () => {
    expect(contactDeadline(p, START, START + 60 * S)).toBe(START + 900 * S);
    expect(contactDeadline(p, START, START + 850 * S)).toBe(
      START + (850 + LATE_CLAIM_GRACE_SECONDS) * S,
    );
    expect(contactDeadline(legacyPolicy(routingSite()), START, START)).toBeNull();
  });

  it('escalationProgress tells the console the phase, the step fired and the next one', () => {
    const unclaimed = { clockStart: START, claimedAt: null, contactedAt: null };
    expect(escalationProgress(p, unclaimed, START - 1)).toMatchObject({
      phase: 'claim',
      deadline: START + 300 * S,
      current: null,
      next: { index: 0, dueAt: START },
    });
    expect(escalationProgress(p, unclaimed, START + 400 * S)).toMatchObject({
      phase: 'claim',
      current: { index: 1, stepIndex: 1 },
      next: { index: 2, stepIndex: 1, dueAt: START + 600 * S },
    });
    expect(escalationProgress(p, unclaimed, START + 700 * S).next).toBeNull();

    const claimed = { ...unclaimed, claimedAt: START + 200 * S };
    expect(escalationProgress(p, claimed, START + 300 * S)).toMatchObject({
      phase: 'contact',
      deadline: START + 900 * S,
      current: null,
      next: { index: 0, dueAt: START + 900 * S },
    });
    expect(escalationProgress(p, claimed, START + 1300 * S)).toMatchObject({
      phase: 'contact',
      current: { index: 1, dueAt: START + 1200 * S },
      next: { index: 2, dueAt: START + 1500 * S },
    });
    const contacted = { ...claimed, contactedAt: START + 500 * S };
    expect(escalationProgress(p, contacted, START + 1300 * S)).toMatchObject({
      phase: 'done',
      next: null,
    });
    // Without a contact SLA a claim ends the escalation, as in the foundation.
    const legacy = legacyPolicy(routingSite());
    expect(escalationProgress(legacy, claimed, START + 300 * S)).toMatchObject({ phase: 'done' });
  });
});
