import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { EscalationPolicy, Member } from '../../shared/schemas';
import { escalationFiring, resolveTargets } from './support/legacy-escalation';

const START = Date.parse('2026-03-10T15:40:00Z');
const S = 1000;

const THREE_STEPS: EscalationPolicy = {
  steps: [
    { afterSeconds: 0, notify: ['assignee'] },
    { afterSeconds: 120, notify: ['on-call'] },
    { afterSeconds: 300, notify: ['mia', 'otto'] },
  ],
  repeat: 2,
};

const dueTimes = (policy: EscalationPolicy) => {
  const times: number[] = [];
  for (let i = 0; ; i++) {
    const firing = escalationFiring(policy, START, i);
    if (!firing) return times;
    times.push((firing.dueAt - START) / S);
  }
};

describe('escalationFiring', () => {
  it('fires each step at clockStart + afterSeconds', () => {
    expect(escalationFiring(THREE_STEPS, START, 0)).toEqual({
      index: 0,
      stepIndex: 0,
      dueAt: START,
      notify: ['assignee'],
    });
    expect(escalationFiring(THREE_STEPS, START, 1)).toEqual({
      index: 1,
      stepIndex: 1,
      dueAt: START + 120 * S,
      notify: ['on-call'],
    });
    expect(escalationFiring(THREE_STEPS, START, 2)).toEqual({
      index: 2,
      stepIndex: 2,
      dueAt: START + 300 * S,
      notify: ['mia', 'otto'],
    });
  });

  it('repeats the last step, by default at the gap before it (300 − 120 = 180 s)', () => {
    expect(escalationFiring(THREE_STEPS, START, 3)).toEqual({
      index: 3,
      stepIndex: 2,
      dueAt: START + 480 * S,
      notify: ['mia', 'otto'],
    });
    expect(escalationFiring(THREE_STEPS, START, 4)?.dueAt).toBe(START + 660 * S);
  });

  it('is exhausted after the steps and `repeat` more firings', () => {
    expect(escalationFiring(THREE_STEPS, START, 5)).toBeNull();
    expect(escalationFiring(THREE_STEPS, START, 50)).toBeNull();
    expect(dueTimes(THREE_STEPS)).toEqual([0, 120, 300, 480, 660]);
  });

  it('uses repeatIntervalSeconds when set', () => {
    expect(dueTimes({ ...THREE_STEPS, repeatIntervalSeconds: 600 })).toEqual([
      0, 120, 300, 900, 1500,
    ]);
  });

  it('never repeats faster than every 60 s by default', () => {
    const close: EscalationPolicy = {
      steps: [
        { afterSeconds: 0, notify: ['assignee'] },
        { afterSeconds: 300, notify: ['on-call'] },
        { afterSeconds: 330, notify: ['otto'] },
      ],
      repeat: 2,
    };
    expect(dueTimes(close)).toEqual([0, 300, 330, 390, 450]);
    const same: EscalationPolicy = {
      steps: [
        { afterSeconds: 60, notify: ['assignee'] },
        { afterSeconds: 60, notify: ['otto'] },
      ],
      repeat: 1,
    };
    expect(dueTimes(same)).toEqual([60, 60, 120]);
  });

  it('a single step repeats every afterSeconds, at least 60 s', () => {
    const one = (afterSeconds: number): EscalationPolicy => ({
      steps: [{ afterSeconds, notify: ['on-call'] }],
      repeat: 3,
    });
    expect(dueTimes(one(240))).toEqual([240, 480, 720, 960]);
    expect(dueTimes(one(0))).toEqual([0, 60, 120, 180]);
    expect(dueTimes(one(30))).toEqual([30, 90, 150, 210]);
  });

  it('with repeat 0 stops after the last step', () => {
    expect(dueTimes({ ...THREE_STEPS, repeat: 0 })).toEqual([0, 120, 300]);
    expect(escalationFiring({ ...THREE_STEPS, repeat: 0 }, START, 3)).toBeNull();
  });

  it('returns null for a negative or fractional index', () => {
    expect(escalationFiring(THREE_STEPS, START, -1)).toBeNull();
    expect(escalationFiring(THREE_STEPS, START, 1.5)).toBeNull();
  });

  it('hands back a copy of the targets, so the caller cannot edit the policy', () => {
    const firing = escalationFiring(THREE_STEPS, START, 2);
    firing?.notify.push('bob');
    expect(THREE_STEPS.steps[2]?.notify).toEqual(['mia', 'otto']);
  });

  it('due times are non-decreasing, never before clockStart, and there are steps + repeat of them', () => {
    const target = fc.constantFrom('assignee', 'on-call', 'mia');
    const policyArb = fc
      .record({
        offsets: fc.array(fc.integer({ min: 0, max: 7 * 24 * 3600 }), {
          minLength: 1,
          maxLength: 10,
        }),
        repeat: fc.integer({ min: 0, max: 20 }),
        repeatIntervalSeconds: fc.option(fc.integer({ min: 30, max: 24 * 3600 }), {
          nil: undefined,
        }),
        notify: fc.array(target, { minLength: 1, maxLength: 3 }),
      })
      .map(
        ({ offsets, repeat, repeatIntervalSeconds, notify }): EscalationPolicy => ({
          steps: [...offsets]
            .sort((a, b) => a - b)
            .map((afterSeconds) => ({ afterSeconds, notify })),
          repeat,
          ...(repeatIntervalSeconds === undefined ? {} : { repeatIntervalSeconds }),
        }),
      );
    fc.assert(
      fc.property(policyArb, (policy) => {
        const times = dueTimes(policy);
        expect(times).toHaveLength(policy.steps.length + policy.repeat);
        expect(times[0]).toBeGreaterThanOrEqual(0);
        expect(times).toEqual([...times].sort((x, y) => x - y));
        // Repeats really are spaced apart: no alert storm.
        for (let i = policy.steps.length; i < times.length; i++) {
          expect((times[i] ?? 0) - (times[i - 1] ?? 0)).toBeGreaterThanOrEqual(30);
        }
      }),
    );
  });
});

const member = (id: string, role: Member['role'] = 'csr'): Member => ({
  id,
  name: id.toUpperCase(),
  phone: '+15555550100',
  role,
});
const TEAM = [member('ann'), member('bob'), member('mia', 'manager'), member('otto', 'owner')];

describe('resolveTargets', () => {
  it('"assignee" is the assignee, and nobody when there is none', () => {
    expect(resolveTargets(['assignee'], { assigneeId: 'bob', onCall: [], team: TEAM })).toEqual([
      'bob',
    ]);
    expect(resolveTargets(['assignee'], { assigneeId: null, onCall: ['ann'], team: TEAM })).toEqual(
      [],
    );
  });

  it('"on-call" is everyone on call, in the on-call order', () => {
    expect(
      resolveTargets(['on-call'], { assigneeId: null, onCall: ['bob', 'ann'], team: TEAM }),
    ).toEqual(['bob', 'ann']);
  });

  it('a member id is that member', () => {
    expect(resolveTargets(['otto', 'mia'], { assigneeId: null, onCall: [], team: TEAM })).toEqual([
      'otto',
      'mia',
    ]);
  });

  it('deduplicates, keeping the first position', () => {
    expect(
      resolveTargets(['assignee', 'on-call', 'mia', 'ann'], {
        assigneeId: 'ann',
        onCall: ['ann', 'bob', 'ann'],
        team: TEAM,
      }),
    ).toEqual(['ann', 'bob', 'mia']);
  });

  it('drops ids that are not in the team, wherever they come from', () => {
    expect(
      resolveTargets(['assignee', 'on-call', 'ghost', 'otto'], {
        assigneeId: 'left-last-week',
        onCall: ['gone', 'bob'],
        team: TEAM,
      }),
    ).toEqual(['bob', 'otto']);
  });

  it('resolves to nobody for no targets or an empty team', () => {
    expect(resolveTargets([], { assigneeId: 'ann', onCall: ['bob'], team: TEAM })).toEqual([]);
    expect(
      resolveTargets(['assignee', 'on-call'], { assigneeId: 'ann', onCall: ['bob'], team: [] }),
    ).toEqual([]);
  });
});
