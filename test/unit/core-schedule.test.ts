import { describe, expect, it } from 'vitest';
import { type Schedule, scheduleSchema } from '../../shared/schedule-schemas';
import { legacySchedule, nextHandoffs, onCallAt } from '../../worker/core/schedule';

// Instants are written with the offset in force locally, so each reads as the contractor says it.
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const NY = 'America/New_York';
const SYDNEY = 'Australia/Sydney';

const schedule = (layers: Schedule['layers'], overrides?: Schedule['overrides']): Schedule =>
  scheduleSchema.parse({ id: 's', name: 'S', layers, overrides });

// Monday 2026-06-01 is the first turn of the weekly after-hours phone.
const weekly = schedule([
  {
    id: 'phone',
    rotation: {
      type: 'weekly',
      handoff: '08:00',
      startDate: '2026-06-01',
      members: ['dana', 'lee', 'kim'],
    },
  },
]);

describe('onCallAt: rotations', () => {
  it('hands a weekly turn over at the hand-off time, in member order, wrapping round', () => {
    expect(onCallAt(weekly, NY, t('2026-06-01T07:59:59-04:00'))).toEqual([]); // not started
    expect(onCallAt(weekly, NY, t('2026-06-01T08:00:00-04:00'))).toEqual(['dana']);
    expect(onCallAt(weekly, NY, t('2026-06-08T07:59:59-04:00'))).toEqual(['dana']);
    expect(onCallAt(weekly, NY, t('2026-06-08T08:00:00-04:00'))).toEqual(['lee']);
    expect(onCallAt(weekly, NY, t('2026-06-15T08:00:00-04:00'))).toEqual(['kim']);
    expect(onCallAt(weekly, NY, t('2026-06-22T08:00:00-04:00'))).toEqual(['dana']);
  });

  it('reads the hand-off in the site’s time zone', () => {
    // 08:00 in Sydney on Monday 2026-06-08 is Sunday 22:00 UTC.
    expect(onCallAt(weekly, SYDNEY, t('2026-06-07T21:59:00Z'))).toEqual(['dana']);
    expect(onCallAt(weekly, SYDNEY, t('2026-06-07T22:00:00Z'))).toEqual(['lee']);
  });

  it('supports daily and custom turn lengths, and crews on call together', () => {
    const shifts = schedule([
      {
        id: 'shifts',
        rotation: {
          type: 'custom',
          turnHours: 12,
          handoff: '07:00',
          startDate: '2026-06-01',
          members: [['ann', 'bob'], 'cat'],
        },
      },
    ]);
    expect(onCallAt(shifts, NY, t('2026-06-01T12:00:00-04:00'))).toEqual(['ann', 'bob']);
    expect(onCallAt(shifts, NY, t('2026-06-01T19:00:00-04:00'))).toEqual(['cat']);
    expect(onCallAt(shifts, NY, t('2026-06-02T06:59:00-04:00'))).toEqual(['cat']);
    expect(onCallAt(shifts, NY, t('2026-06-02T07:00:00-04:00'))).toEqual(['ann', 'bob']);
  });
});

describe('onCallAt: layers and restrictions', () => {
  // Office staff weekdays 08:00–18:00 (higher layer); the weekly phone the rest of the time.
  const office = schedule([
    weekly.layers[0] as Schedule['layers'][number],
    {
      id: 'office',
      rotation: {
        type: 'daily',
        handoff: '00:00',
        startDate: '2026-01-01',
        members: [['ann', 'bob']],
      },
      restrictions: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '18:00' }],
    },
  ]);

  it('lets the higher layer decide inside its window and the lower one show through outside', () => {
    expect(onCallAt(office, NY, t('2026-06-03T09:00:00-04:00'))).toEqual(['ann', 'bob']);
    expect(onCallAt(office, NY, t('2026-06-03T17:59:59-04:00'))).toEqual(['ann', 'bob']);
    expect(onCallAt(office, NY, t('2026-06-03T18:00:00-04:00'))).toEqual(['dana']);
    expect(onCallAt(office, NY, t('2026-06-06T10:00:00-04:00'))).toEqual(['dana']); // Saturday
  });

  it('runs a window past midnight when it ends before it starts, and 24 h when equal', () => {
    const nights = schedule([
      {
        id: 'nights',
        rotation: { type: 'daily', handoff: '00:00', startDate: '2026-01-01', members: ['nia'] },
        restrictions: [
          { days: ['fri'], from: '22:00', to: '06:00' },
          { days: ['sun'], from: '12:00', to: '12:00' },
        ],
      },
    ]);
    expect(onCallAt(nights, NY, t('2026-06-05T21:59:00-04:00'))).toEqual([]);
    expect(onCallAt(nights, NY, t('2026-06-05T22:00:00-04:00'))).toEqual(['nia']); // Friday
    expect(onCallAt(nights, NY, t('2026-06-06T05:59:00-04:00'))).toEqual(['nia']); // Saturday
    expect(onCallAt(nights, NY, t('2026-06-06T06:00:00-04:00'))).toEqual([]);
    expect(onCallAt(nights, NY, t('2026-06-07T11:59:00-04:00'))).toEqual([]);
    expect(onCallAt(nights, NY, t('2026-06-07T12:00:00-04:00'))).toEqual(['nia']);
    expect(onCallAt(nights, NY, t('2026-06-08T11:59:00-04:00'))).toEqual(['nia']); // Monday
    expect(onCallAt(nights, NY, t('2026-06-08T12:00:00-04:00'))).toEqual([]);
  });

  it('keeps the rotation turning while a restricted layer is off', () => {
    const daytime = schedule([
      {
        id: 'days',
        rotation: { type: 'daily', handoff: '00:00', startDate: '2026-06-01', members: ['a', 'b'] },
        restrictions: [{ days: ['mon', 'tue', 'wed'], from: '09:00', to: '17:00' }],
      },
    ]);
    expect(onCallAt(daytime, NY, t('2026-06-01T10:00:00-04:00'))).toEqual(['a']);
    expect(onCallAt(daytime, NY, t('2026-06-02T10:00:00-04:00'))).toEqual(['b']);
    expect(onCallAt(daytime, NY, t('2026-06-03T10:00:00-04:00'))).toEqual(['a']);
  });
});

describe('onCallAt: overrides', () => {
  it('puts the override’s member on call for its window instead of the layers', () => {
    const s = schedule(weekly.layers, [
      { memberId: 'kim', start: '2026-06-06T09:00', end: '2026-06-06T17:00' },
    ]);
    expect(onCallAt(s, NY, t('2026-06-06T08:59:00-04:00'))).toEqual(['dana']);
    expect(onCallAt(s, NY, t('2026-06-06T09:00:00-04:00'))).toEqual(['kim']);
    expect(onCallAt(s, NY, t('2026-06-06T16:59:00-04:00'))).toEqual(['kim']);
    expect(onCallAt(s, NY, t('2026-06-06T17:00:00-04:00'))).toEqual(['dana']);
  });

  it('"Lee covers for Dana": swaps one member while they are on, and nothing otherwise', () => {
    const crew = schedule(
      [
        {
          id: 'crew',
          rotation: {
            type: 'weekly',
            handoff: '08:00',
            startDate: '2026-06-01',
            members: [['dana', 'ann'], ['bob']],
          },
        },
      ],
      [
        { memberId: 'lee', start: '2026-06-06T09:00', end: '2026-06-06T17:00', replaces: 'dana' },
        { memberId: 'lee', start: '2026-06-13T09:00', end: '2026-06-13T17:00', replaces: 'dana' },
      ],
    );
    expect(onCallAt(crew, NY, t('2026-06-06T12:00:00-04:00'))).toEqual(['lee', 'ann']);
    expect(onCallAt(crew, NY, t('2026-06-06T17:00:00-04:00'))).toEqual(['dana', 'ann']);
    // The week after, Dana is not on call, so there is nobody to cover.
    expect(onCallAt(crew, NY, t('2026-06-13T12:00:00-04:00'))).toEqual(['bob']);
  });

  it('puts everyone on call whose whole-set overrides overlap', () => {
    const s = schedule(weekly.layers, [
      { memberId: 'kim', start: '2026-06-06T09:00', end: '2026-06-06T12:00' },
      { memberId: 'lee', start: '2026-06-06T11:00', end: '2026-06-06T17:00' },
    ]);
    expect(onCallAt(s, NY, t('2026-06-06T10:00:00-04:00'))).toEqual(['kim']);
    expect(onCallAt(s, NY, t('2026-06-06T11:30:00-04:00'))).toEqual(['kim', 'lee']);
    expect(onCallAt(s, NY, t('2026-06-06T12:00:00-04:00'))).toEqual(['lee']);
  });
});

describe('onCallAt across DST changes', () => {
  const nightly = (handoff: string) =>
    schedule([
      {
        id: 'n',
        rotation: { type: 'daily', handoff, startDate: '2026-01-01', members: ['a', 'b'] },
      },
    ]);

  it('spring forward: a hand-off at 02:30, a time that never shows, happens at 03:00 EDT', () => {
    const s = nightly('02:30');
    const before = onCallAt(s, NY, t('2026-03-08T01:59:59-05:00'));
    const after = onCallAt(s, NY, t('2026-03-08T03:00:00-04:00'));
    expect(after).not.toEqual(before);
    expect(nextHandoffs(s, NY, t('2026-03-08T00:00:00-05:00'), 1).map((h) => iso(h.at))).toEqual([
      '2026-03-08T07:00:00.000Z',
    ]);
  });

  it('fall back: a hand-off at 01:30, a time that shows twice, happens once, the first time', () => {
    const s = nightly('01:30');
    const first = t('2026-11-01T01:30:00-04:00');
    const second = t('2026-11-01T01:30:00-05:00');
    const before = onCallAt(s, NY, first - 1);
    const after = onCallAt(s, NY, first);
    expect(after).not.toEqual(before);
    // Through the repeated hour and past the second 01:30 nothing changes.
    for (let at = first; at <= second + 3_600_000; at += 60_000) {
      expect(onCallAt(s, NY, at)).toEqual(after);
    }
    expect(nextHandoffs(s, NY, first - 3_600_000, 2).map((h) => iso(h.at))).toEqual([
      iso(first),
      '2026-11-02T06:30:00.000Z',
    ]);
  });

  it('a window ending inside the repeated hour ends the first time that time shows', () => {
    const s = schedule([
      {
        id: 'late',
        rotation: { type: 'daily', handoff: '00:00', startDate: '2026-01-01', members: ['x'] },
        restrictions: [{ days: ['sat'], from: '22:00', to: '01:30' }],
      },
    ]);
    expect(onCallAt(s, NY, t('2026-11-01T01:29:00-04:00'))).toEqual(['x']);
    expect(onCallAt(s, NY, t('2026-11-01T01:30:00-04:00'))).toEqual([]);
    expect(onCallAt(s, NY, t('2026-11-01T01:10:00-05:00'))).toEqual([]);
  });
});

describe('nextHandoffs', () => {
  it('lists the next changes with who hands over to whom', () => {
    const handoffs = nextHandoffs(weekly, NY, t('2026-06-03T12:00:00-04:00'), 3);
    expect(handoffs).toEqual([
      { at: t('2026-06-08T08:00:00-04:00'), from: ['dana'], to: ['lee'] },
      { at: t('2026-06-15T08:00:00-04:00'), from: ['lee'], to: ['kim'] },
      { at: t('2026-06-22T08:00:00-04:00'), from: ['kim'], to: ['dana'] },
    ]);
  });

  it('reports only real changes: a turn that gives the same crew is not a hand-off', () => {
    const single = schedule([
      {
        id: 'one',
        rotation: { type: 'daily', handoff: '08:00', startDate: '2026-01-01', members: ['solo'] },
        restrictions: [{ days: ['mon'], from: '08:00', to: '12:00' }],
      },
    ]);
    expect(nextHandoffs(single, NY, t('2026-06-03T12:00:00-04:00'), 2)).toEqual([
      { at: t('2026-06-08T08:00:00-04:00'), from: [], to: ['solo'] },
      { at: t('2026-06-08T12:00:00-04:00'), from: ['solo'], to: [] },
    ]);
  });

  it('includes override starts and ends, and stops at the horizon', () => {
    const s = schedule(weekly.layers, [
      { memberId: 'kim', start: '2026-06-06T09:00', end: '2026-06-06T17:00' },
    ]);
    expect(nextHandoffs(s, NY, t('2026-06-06T00:00:00-04:00'), 2)).toEqual([
      { at: t('2026-06-06T09:00:00-04:00'), from: ['dana'], to: ['kim'] },
      { at: t('2026-06-06T17:00:00-04:00'), from: ['kim'], to: ['dana'] },
    ]);
    expect(nextHandoffs(weekly, NY, t('2026-06-03T12:00:00-04:00'), 5, 10)).toHaveLength(1);
  });
});

describe('legacySchedule', () => {
  it('keeps the whole onCall list on call at every instant, with no hand-offs', () => {
    const legacy = legacySchedule(['ann', 'bob']);
    expect(scheduleSchema.safeParse(legacy).success).toBe(true);
    for (const at of [0, t('2026-03-08T07:00:00Z'), t('2031-12-31T23:59:59Z')]) {
      expect(onCallAt(legacy, NY, at)).toEqual(['ann', 'bob']);
    }
    expect(nextHandoffs(legacy, NY, t('2026-06-01T00:00:00Z'), 1)).toEqual([]);
  });
});

describe('scheduleSchema', () => {
  it('requires turnHours for a custom rotation and refuses it elsewhere', () => {
    const layer = (rotation: object) => ({ id: 's', name: 'S', layers: [{ id: 'l', rotation }] });
    const base = { handoff: '08:00', startDate: '2026-06-01', members: ['a'] };
    expect(scheduleSchema.safeParse(layer({ ...base, type: 'custom' })).success).toBe(false);
    expect(scheduleSchema.safeParse(layer({ ...base, type: 'daily', turnHours: 12 })).success).toBe(
      false,
    );
    expect(
      scheduleSchema.safeParse(layer({ ...base, type: 'custom', turnHours: 12 })).success,
    ).toBe(true);
    expect(
      scheduleSchema.safeParse(layer({ ...base, type: 'daily', startDate: '2026-02-30' })).success,
    ).toBe(false);
  });

  it('refuses an override that ends before it starts', () => {
    const parsed = scheduleSchema.safeParse({
      ...weekly,
      overrides: [{ memberId: 'kim', start: '2026-06-06T17:00', end: '2026-06-06T09:00' }],
    });
    expect(parsed.success).toBe(false);
  });
});
