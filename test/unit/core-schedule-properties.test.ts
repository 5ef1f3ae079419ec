// Property tests of the schedule core against an independent oracle (support/schedule-oracle:
// Intl readings, turns stepped one by one) and against itself with overrides added or removed.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Schedule, scheduleSchema } from '../../shared/schedule-schemas';
import type { Weekday } from '../../shared/schemas';
import { nextHandoffs, onCallAt } from '../../worker/core/schedule';
import { offsetChanges } from '../../worker/core/zoned-time';
import { localMinutes } from './support/local-clock';
import { expectedOnCall } from './support/schedule-oracle';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const POOL = ['a', 'b', 'c', 'd', 'e', 'f'] as const;
const WEEK: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

// Zones with unusual changes: half-hour (Lord Howe), two hours (Troll), at midnight (Havana,
// Santiago, São Paulo until 2019), southern-hemisphere, and a few without DST at all.
const DST_ZONES: Array<[zone: string, fromYear: number, toYear: number]> = [
  ['America/New_York', 2024, 2027],
  ['Europe/London', 2024, 2027],
  ['Europe/Berlin', 2025, 2026],
  ['Australia/Sydney', 2024, 2027],
  ['Australia/Lord_Howe', 2024, 2027],
  ['Pacific/Auckland', 2025, 2026],
  ['America/Santiago', 2024, 2027],
  ['America/Sao_Paulo', 2017, 2019],
  ['America/Havana', 2024, 2027],
  ['America/St_Johns', 2025, 2026],
  ['Asia/Tehran', 2020, 2022],
  ['Antarctica/Troll', 2024, 2027],
];
const OTHER_ZONES = ['UTC', 'Asia/Kolkata', 'America/Phoenix'];

// Where to look for trouble: every offset change of those zones in those years. offsetChanges
// only picks the test instants here; the expectations come from the oracle.
const TRANSITIONS = DST_ZONES.flatMap(([zone, from, to]) =>
  offsetChanges(zone, Date.UTC(from, 0, 1), Date.UTC(to + 1, 0, 1)).map((at) => ({ zone, at })),
);

const clock = fc
  .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
  .map(([h, m]) => `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`);
const dateOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dateTimeOf = (ms: number) => new Date(ms).toISOString().slice(0, 16);

const entry = fc.oneof(
  fc.constantFrom(...POOL),
  fc.uniqueArray(fc.constantFrom(...POOL), { minLength: 1, maxLength: 3 }),
);
const rotationType = fc.oneof(
  fc.constant({ type: 'daily' as const }),
  fc.constant({ type: 'weekly' as const }),
  fc.integer({ min: 1, max: 72 }).map((turnHours) => ({ type: 'custom' as const, turnHours })),
);
const restriction = fc.record({
  days: fc.uniqueArray(fc.constantFrom(...WEEK), { minLength: 1, maxLength: 7 }),
  from: clock,
  to: clock,
});

/** A schedule around local day `base` (as local midnight in ms): layers started before it. */
const scheduleNear = (base: number, withOverrides: boolean) =>
  fc
    .record({
      layers: fc.array(
        fc.record({
          type: rotationType,
          handoff: clock,
          startBack: fc.integer({ min: 0, max: 40 }),
          members: fc.array(entry, { minLength: 1, maxLength: 4 }),
          restrictions: fc.option(fc.array(restriction, { maxLength: 2 }), { nil: undefined }),
        }),
        { minLength: 1, maxLength: 3 },
      ),
      overrides: fc.array(
        fc.record({
          memberId: fc.constantFrom(...POOL),
          startMinutes: fc.integer({ min: -2 * 1440, max: 20 * 1440 }),
          lengthMinutes: fc.integer({ min: 1, max: 3 * 1440 }),
          replaces: fc.option(fc.constantFrom(...POOL), { nil: undefined }),
        }),
        { maxLength: withOverrides ? 3 : 0 },
      ),
    })
    .map(
      ({ layers, overrides }): Schedule =>
        scheduleSchema.parse({
          id: 'p',
          name: 'P',
          layers: layers.map((l, i) => ({
            id: `l${i}`,
            rotation: {
              ...l.type,
              handoff: l.handoff,
              startDate: dateOf(base - l.startBack * DAY),
              members: l.members,
            },
            restrictions: l.restrictions,
          })),
          overrides: overrides.map((o) => ({
            memberId: o.memberId,
            start: dateTimeOf(base + o.startMinutes * MINUTE),
            end: dateTimeOf(base + (o.startMinutes + o.lengthMinutes) * MINUTE),
            replaces: o.replaces,
          })),
        }),
    );

/** A zone, a local day and an instant: anywhere in a month, or within a day of an offset change. */
const placeAndTime = fc.oneof(
  fc
    .record({
      zone: fc.constantFrom(...OTHER_ZONES, ...DST_ZONES.map(([z]) => z)),
      day: fc.integer({ min: Date.UTC(2024, 0, 1) / DAY, max: Date.UTC(2027, 11, 31) / DAY }),
      offset: fc.integer({ min: -2 * DAY, max: 30 * DAY }),
    })
    .map(({ zone, day, offset }) => ({ zone, base: day * DAY, at: day * DAY + offset })),
  fc
    .record({
      t: fc.constantFrom(...TRANSITIONS),
      offset: fc.integer({ min: -26 * HOUR, max: 26 * HOUR }),
    })
    .map(({ t, offset }) => ({
      zone: t.zone,
      base: Math.floor(t.at / DAY) * DAY,
      at: t.at + offset,
    })),
);

const withoutOverrides = (s: Schedule): Schedule => ({ ...s, overrides: [] });

describe('onCallAt (property)', () => {
  it('has exactly the oracle’s members on call, in order, at any instant', () => {
    fc.assert(
      fc.property(
        placeAndTime.chain((p) =>
          scheduleNear(p.base, true).map((schedule) => ({ ...p, schedule })),
        ),
        ({ zone, at, schedule }) => {
          const actual = onCallAt(schedule, zone, at);
          const expected = expectedOnCall(schedule, zone, at);
          expect(actual).toEqual(expected);
          expect(new Set(actual).size).toBe(actual.length);
        },
      ),
      { numRuns: 400 },
    );
  }, 30_000);

  it('lets an override win: its member alone while it covers, no trace outside it', () => {
    fc.assert(
      fc.property(
        placeAndTime.chain((p) =>
          fc
            .record({
              schedule: scheduleNear(p.base, false),
              memberId: fc.constantFrom(...POOL),
              before: fc.integer({ min: 0, max: 3 * 1440 }),
              after: fc.integer({ min: 1, max: 3 * 1440 }),
            })
            .map((x) => ({ ...p, ...x })),
        ),
        ({ zone, at, schedule, memberId, before, after }) => {
          const local = localMinutes(zone, at) * MINUTE;
          const override = {
            memberId,
            start: dateTimeOf(local - before * MINUTE),
            end: dateTimeOf(local + after * MINUTE),
          };
          const covered = { ...schedule, overrides: [override] };
          // Inside the window (read on the clock shown now), only the override's member.
          if (localMinutes(zone, at) === expectedLocal(zone, at)) {
            expect(onCallAt(covered, zone, at)).toEqual([memberId]);
          }
          // Well outside it, exactly what the layers say.
          const outside = at + (after + 4 * 60) * MINUTE;
          expect(onCallAt(covered, zone, outside)).toEqual(onCallAt(schedule, zone, outside));
        },
      ),
      { numRuns: 300 },
    );
  });

  it('a covering swap removes the covered member and brings in the cover', () => {
    fc.assert(
      fc.property(
        placeAndTime.chain((p) =>
          scheduleNear(p.base, true).map((schedule) => ({ ...p, schedule })),
        ),
        fc.constantFrom(...POOL),
        ({ zone, at, schedule }, cover) => {
          const base = onCallAt(withoutOverrides(schedule), zone, at);
          const covered = base[0];
          fc.pre(covered !== undefined && localMinutes(zone, at) === expectedLocal(zone, at));
          const local = localMinutes(zone, at) * MINUTE;
          const swap = {
            memberId: cover,
            start: dateTimeOf(local - HOUR),
            end: dateTimeOf(local + HOUR),
            replaces: covered,
          };
          const result = onCallAt({ ...withoutOverrides(schedule), overrides: [swap] }, zone, at);
          expect(result).toContain(cover);
          if (cover !== covered) expect(result).not.toContain(covered);
          expect(result).toHaveLength(
            new Set(base.map((id) => (id === covered ? cover : id))).size,
          );
        },
      ),
      { numRuns: 200 },
    );
  });
});

/** The local minute as a steady clock reads it; differs from the shown one in a repeated hour. */
function expectedLocal(zone: string, at: number): number {
  let highest = localMinutes(zone, at);
  for (let back = 1; back <= 180; back++) {
    highest = Math.max(highest, localMinutes(zone, at - back * MINUTE));
  }
  return highest;
}

describe('hand-offs across DST changes (property)', () => {
  it('happen exactly once per turn boundary, when the clock first reaches it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...TRANSITIONS),
        fc.integer({ min: -180, max: 180 }),
        fc.constantFrom(3, 4, 6, 8, 12, 24, 168),
        ({ zone, at: change }, shift, turnHours) => {
          // A hand-off time near the local time of the change (often inside the gap or repeat).
          const changeLocal = localMinutes(zone, change);
          const handoffMinute = (((changeLocal + shift) % 1440) + 1440) % 1440;
          const handoff = `${String(Math.floor(handoffMinute / 60)).padStart(2, '0')}:${String(handoffMinute % 60).padStart(2, '0')}`;
          const startDay = Math.floor(changeLocal / 1440) - 20;
          const schedule = scheduleSchema.parse({
            id: 'dst',
            name: 'DST',
            layers: [
              {
                id: 'l',
                rotation: {
                  ...(turnHours === 24
                    ? { type: 'daily' }
                    : turnHours === 168
                      ? { type: 'weekly' }
                      : { type: 'custom', turnHours }),
                  handoff,
                  startDate: dateOf(startDay * DAY),
                  members: ['a', 'b', 'c'],
                },
              },
            ],
          });

          const from = change - 14 * HOUR;
          const to = change + 14 * HOUR;
          const changes: number[] = [];
          const readings: number[] = [];
          let previous = onCallAt(schedule, zone, from);
          for (let at = from; at <= to; at += MINUTE) {
            readings.push(localMinutes(zone, at));
            if (at === from) continue;
            const now = onCallAt(schedule, zone, at);
            expect(now).toHaveLength(1);
            if (now[0] !== previous[0]) changes.push(at);
            previous = now;
          }

          // Oracle: every boundary the local clock passes in the window, each at the first
          // minute whose reading is at or past it.
          const startLocal = expectedLocal(zone, from);
          const endLocal = Math.max(...readings);
          const expected: number[] = [];
          const turn = turnHours * 60;
          for (let b = startDay * 1440 + handoffMinute; b <= endLocal; b += turn) {
            if (b > startLocal) expected.push(from + readings.findIndex((r) => r >= b) * MINUTE);
          }
          expect(changes.map(showInstant)).toEqual(expected.map(showInstant));
          expect(
            nextHandoffs(schedule, zone, from, expected.length + 1)
              .map((h) => h.at)
              .filter((at) => at <= to)
              .map(showInstant),
          ).toEqual(expected.map(showInstant));
        },
      ),
      { numRuns: 60 },
    );
  }, 30_000);
});

const showInstant = (at: number) => `${new Date(at).toISOString()}`;
