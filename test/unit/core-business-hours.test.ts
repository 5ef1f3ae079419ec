import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hours, Weekday } from '../../shared/schemas';
import { isOpenAt, nextOpening } from '../../worker/core/business-hours';

// Instants are written with the local offset in force, so each expectation reads as the
// contractor would say it ("Sunday 8:00 in New York, daylight time").
const t = (iso: string) => Date.parse(iso);
const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

const NY = 'America/New_York';
const LA = 'America/Los_Angeles';
const LONDON = 'Europe/London';
const SYDNEY = 'Australia/Sydney';

const weekdays = { open: '08:00', close: '17:00' };
const OFFICE: Hours = {
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: weekdays,
  sat: { open: '09:00', close: '13:00' },
  sun: null,
};
const EVERY_DAY: Hours = {
  mon: weekdays,
  tue: weekdays,
  wed: weekdays,
  thu: weekdays,
  fri: weekdays,
  sat: weekdays,
  sun: weekdays,
};

describe('isOpenAt', () => {
  it('is open from the opening minute up to, not including, the closing minute', () => {
    // Tuesday 2026-03-10 in New York (daylight time since the 8th).
    expect(isOpenAt(OFFICE, NY, t('2026-03-10T07:59:59.999-04:00'))).toBe(false);
    expect(isOpenAt(OFFICE, NY, t('2026-03-10T08:00:00.000-04:00'))).toBe(true);
    expect(isOpenAt(OFFICE, NY, t('2026-03-10T16:59:59.999-04:00'))).toBe(true);
    expect(isOpenAt(OFFICE, NY, t('2026-03-10T17:00:00.000-04:00'))).toBe(false);
  });

  it('uses each weekday’s own hours and treats a null or missing day as closed', () => {
    expect(isOpenAt(OFFICE, NY, t('2026-03-14T12:59:00-04:00'))).toBe(true); // Saturday
    expect(isOpenAt(OFFICE, NY, t('2026-03-14T13:00:00-04:00'))).toBe(false);
    expect(isOpenAt(OFFICE, NY, t('2026-03-15T10:00:00-04:00'))).toBe(false); // Sunday: null
    expect(isOpenAt({ mon: weekdays }, NY, t('2026-03-10T10:00:00-04:00'))).toBe(false); // Tuesday: missing
  });

  it('is never open with no hours at all', () => {
    expect(isOpenAt({}, NY, t('2026-03-10T10:00:00-04:00'))).toBe(false);
  });

  it('reads the clock in the site’s time zone', () => {
    const instant = t('2026-06-15T12:30:00Z'); // a Monday
    expect(isOpenAt(OFFICE, NY, instant)).toBe(true); // 08:30 EDT
    expect(isOpenAt(OFFICE, LA, instant)).toBe(false); // 05:30 PDT
    expect(isOpenAt(OFFICE, LONDON, instant)).toBe(true); // 13:30 BST
    expect(isOpenAt(OFFICE, SYDNEY, instant)).toBe(false); // 22:30 AEST
  });

  it('takes the weekday from the local date, not the UTC one', () => {
    const fridayEvenings: Hours = { fri: { open: '20:00', close: '23:00' } };
    // Saturday 04:00 UTC is Friday 21:00 in Los Angeles.
    expect(isOpenAt(fridayEvenings, LA, t('2026-06-13T04:00:00Z'))).toBe(true);
    expect(isOpenAt(fridayEvenings, 'UTC', t('2026-06-13T04:00:00Z'))).toBe(false);
  });

  it('uses local wall time on both sides of a DST change', () => {
    const early: Hours = { sun: { open: '03:00', close: '04:00' } };
    // Spring-forward night: 01:59 EST is followed by 03:00 EDT.
    expect(isOpenAt(early, NY, t('2026-03-08T01:59:59-05:00'))).toBe(false);
    expect(isOpenAt(early, NY, t('2026-03-08T03:00:00-04:00'))).toBe(true);
    // Fall-back night: 01:30 happens twice and is open both times.
    const repeated: Hours = { sun: { open: '01:00', close: '02:00' } };
    expect(isOpenAt(repeated, NY, t('2026-11-01T01:30:00-04:00'))).toBe(true);
    expect(isOpenAt(repeated, NY, t('2026-11-01T01:30:00-05:00'))).toBe(true);
    expect(isOpenAt(repeated, NY, t('2026-11-01T02:00:00-05:00'))).toBe(false);
  });

  it('throws on an unknown time zone instead of guessing', () => {
    expect(() => isOpenAt(OFFICE, 'Mars/Olympus_Mons', 0)).toThrow(RangeError);
  });
});

describe('nextOpening', () => {
  it('returns the instant itself when open', () => {
    const now = t('2026-03-10T10:17:42.123-04:00');
    expect(nextOpening(OFFICE, NY, now)).toBe(now);
  });

  it('finds the opening later the same day', () => {
    expect(iso(nextOpening(OFFICE, NY, t('2026-03-10T06:15:00-04:00')))).toBe(
      iso(t('2026-03-10T08:00:00-04:00')),
    );
  });

  it('finds the next day’s opening after closing time', () => {
    expect(iso(nextOpening(OFFICE, NY, t('2026-03-10T17:00:00-04:00')))).toBe(
      iso(t('2026-03-11T08:00:00-04:00')),
    );
  });

  it('skips closed days: Friday night → Saturday, Saturday afternoon → Monday', () => {
    expect(iso(nextOpening(OFFICE, NY, t('2026-03-13T18:00:00-04:00')))).toBe(
      iso(t('2026-03-14T09:00:00-04:00')),
    );
    expect(iso(nextOpening(OFFICE, NY, t('2026-03-14T13:00:00-04:00')))).toBe(
      iso(t('2026-03-16T08:00:00-04:00')),
    );
  });

  it('reaches a full week ahead when only one day has hours', () => {
    const mondays: Hours = { mon: weekdays };
    expect(iso(nextOpening(mondays, NY, t('2026-03-16T17:00:00-04:00')))).toBe(
      iso(t('2026-03-23T08:00:00-04:00')),
    );
  });

  it('returns null when no day has hours', () => {
    expect(nextOpening({}, NY, t('2026-03-10T10:00:00-04:00'))).toBeNull();
    expect(nextOpening({ mon: null, sun: null }, NY, t('2026-03-10T10:00:00-04:00'))).toBeNull();
  });

  it('counts the opening in each site’s own zone', () => {
    // Monday 2026-06-15 16:00 UTC.
    const instant = t('2026-06-15T16:00:00Z');
    expect(nextOpening(OFFICE, LA, instant)).toBe(instant); // 09:00 PDT, open
    expect(iso(nextOpening(OFFICE, LONDON, instant))).toBe(
      iso(t('2026-06-16T08:00:00+01:00')), // Monday 17:00 BST, just closed → Tuesday 08:00
    );
    expect(iso(nextOpening(OFFICE, SYDNEY, t('2026-06-15T08:00:00Z')))).toBe(
      iso(t('2026-06-16T08:00:00+10:00')), // Monday 18:00 AEST → Tuesday 08:00
    );
    expect(iso(nextOpening(OFFICE, LA, t('2026-06-12T01:30:00Z')))).toBe(
      iso(t('2026-06-12T08:00:00-07:00')), // Thursday 18:30 PDT → Friday 08:00
    );
  });

  describe('America/New_York DST', () => {
    it('spring-forward night: Sunday 08:00 is daylight time, 23 hours after Saturday 09:00', () => {
      const next = nextOpening(EVERY_DAY, NY, t('2026-03-07T21:00:00-05:00'));
      expect(iso(next)).toBe(iso(t('2026-03-08T08:00:00-04:00')));
      expect(iso(next)).toBe('2026-03-08T12:00:00.000Z');
    });

    it('an opening in the spring-forward gap opens at the first instant after it (03:00 EDT)', () => {
      const gap: Hours = { sun: { open: '02:30', close: '05:00' } };
      expect(iso(nextOpening(gap, NY, t('2026-03-08T00:00:00-05:00')))).toBe(
        '2026-03-08T07:00:00.000Z',
      );
      // Just before the gap, still closed: the same answer.
      expect(iso(nextOpening(gap, NY, t('2026-03-08T01:59:59.999-05:00')))).toBe(
        '2026-03-08T07:00:00.000Z',
      );
    });

    it('a window wholly inside the gap does not exist that night; the next week’s does', () => {
      const lost: Hours = { sun: { open: '02:00', close: '02:45' } };
      expect(iso(nextOpening(lost, NY, t('2026-03-08T00:00:00-05:00')))).toBe(
        iso(t('2026-03-15T02:00:00-04:00')),
      );
    });

    it('fall-back night: Sunday 08:00 is standard time, 25 hours after Saturday 08:00', () => {
      expect(iso(nextOpening(EVERY_DAY, NY, t('2026-10-31T20:00:00-04:00')))).toBe(
        '2026-11-01T13:00:00.000Z',
      );
    });

    it('a window in the repeated hour opens again when the hour repeats', () => {
      const repeated: Hours = { sun: { open: '01:00', close: '01:30' } };
      // 01:45 EDT is closed; 01:00 EST, fifteen minutes later, opens the window again.
      expect(iso(nextOpening(repeated, NY, t('2026-11-01T01:45:00-04:00')))).toBe(
        iso(t('2026-11-01T01:00:00-05:00')),
      );
    });

    it('falling back into an open window opens at the change itself', () => {
      const straddling: Hours = { sun: { open: '00:30', close: '01:30' } };
      // 01:30 EDT is closed; at 02:00 EDT the clock falls back to 01:00 EST, inside the window.
      expect(iso(nextOpening(straddling, NY, t('2026-11-01T01:30:00-04:00')))).toBe(
        '2026-11-01T06:00:00.000Z',
      );
    });
  });

  describe('America/Los_Angeles DST', () => {
    it('spring-forward and fall-back mornings open at 08:00 local', () => {
      expect(iso(nextOpening(EVERY_DAY, LA, t('2026-03-07T18:00:00-08:00')))).toBe(
        '2026-03-08T15:00:00.000Z',
      );
      expect(iso(nextOpening(EVERY_DAY, LA, t('2026-10-31T18:00:00-07:00')))).toBe(
        '2026-11-01T16:00:00.000Z',
      );
    });
  });

  describe('Europe/London DST', () => {
    it('opens Monday 09:00 BST after the spring-forward weekend', () => {
      const nineToFive: Hours = { mon: { open: '09:00', close: '17:00' } };
      expect(iso(nextOpening(nineToFive, LONDON, t('2026-03-28T12:00:00Z')))).toBe(
        '2026-03-30T08:00:00.000Z',
      );
    });

    it('an opening at 01:30 on spring-forward night opens at 02:00 BST', () => {
      const gap: Hours = { sun: { open: '01:30', close: '03:00' } };
      expect(iso(nextOpening(gap, LONDON, t('2026-03-28T23:00:00Z')))).toBe(
        '2026-03-29T01:00:00.000Z',
      );
    });

    it('opens Sunday 08:00 GMT on fall-back night', () => {
      expect(iso(nextOpening(EVERY_DAY, LONDON, t('2026-10-24T20:00:00+01:00')))).toBe(
        '2026-10-25T08:00:00.000Z',
      );
    });
  });

  describe('Australia/Sydney DST (southern hemisphere)', () => {
    it('DST ends in April: Sunday 08:00 is AEST (+10)', () => {
      expect(iso(nextOpening(EVERY_DAY, SYDNEY, t('2026-04-04T18:00:00+11:00')))).toBe(
        iso(t('2026-04-05T08:00:00+10:00')),
      );
    });

    it('DST ends in April: a 02:30 window opens in daylight time, then again in the repeated hour', () => {
      const repeated: Hours = { sun: { open: '02:30', close: '02:45' } };
      expect(iso(nextOpening(repeated, SYDNEY, t('2026-04-05T02:00:00+11:00')))).toBe(
        iso(t('2026-04-05T02:30:00+11:00')),
      );
      expect(iso(nextOpening(repeated, SYDNEY, t('2026-04-05T02:50:00+11:00')))).toBe(
        iso(t('2026-04-05T02:30:00+10:00')),
      );
    });

    it('DST starts in October: a 02:30 opening opens at 03:00 AEDT', () => {
      const gap: Hours = { sun: { open: '02:30', close: '06:00' } };
      expect(iso(nextOpening(gap, SYDNEY, t('2026-10-03T22:00:00+10:00')))).toBe(
        iso(t('2026-10-04T03:00:00+11:00')),
      );
    });
  });

  it('a fall-back past midnight carries the local date back to yesterday’s hours', () => {
    // Newfoundland until 2010: at 00:01 NDT on Sunday the clock fell back to 23:01 NST Saturday.
    const lateSaturday: Hours = { sat: { open: '23:30', close: '23:59' } };
    expect(iso(nextOpening(lateSaturday, 'America/St_Johns', t('2010-11-07T00:00:30-02:30')))).toBe(
      iso(t('2010-11-06T23:30:00-03:30')),
    );
  });
});

// ---------- properties ----------

const ZONES = [NY, LA, LONDON, SYDNEY, 'Australia/Lord_Howe', 'UTC'] as const;
const DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];
const MINUTE = 60_000;

const clock = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

// Quarter-hour windows, half of them in the small hours where DST changes happen.
const quarter = fc.oneof(fc.integer({ min: 0, max: 95 }), fc.integer({ min: 0, max: 16 }));
const windowArb = fc
  .tuple(
    quarter,
    quarter.map((q) => q + 1),
  )
  .filter(([a, b]) => a < b)
  .map(([a, b]) => ({ open: clock(a * 15), close: clock(Math.min(b * 15, 23 * 60 + 59)) }));
const hoursArb: fc.Arbitrary<Hours> = fc
  .tuple(...DAYS.map(() => fc.option(windowArb, { nil: null, freq: 2 })))
  .map((windows) => Object.fromEntries(DAYS.map((day, i) => [day, windows[i] ?? null])) as Hours);

// Instants around the 2026 DST changes of the zones above, and ordinary days.
const ANCHORS = [
  '2026-03-08T07:00:00Z',
  '2026-03-08T10:00:00Z',
  '2026-11-01T06:00:00Z',
  '2026-11-01T09:00:00Z',
  '2026-03-29T01:00:00Z',
  '2026-10-25T01:00:00Z',
  '2026-04-04T16:00:00Z',
  '2026-10-03T16:00:00Z',
  '2026-10-03T15:30:00Z',
  '2026-06-15T12:00:00Z',
].map(t);
const instantArb = fc
  .tuple(
    fc.constantFrom(...ANCHORS),
    fc.integer({ min: -3 * 24 * 60, max: 3 * 24 * 60 }),
    fc.integer({ min: 0, max: MINUTE - 1 }),
  )
  .map(([anchor, minutes, ms]) => anchor + minutes * MINUTE + ms);

/** The slow, obvious answer: try every whole minute (all these zones change offset on one). */
function bruteNextOpening(hours: Hours, zone: string, at: number): number | null {
  if (isOpenAt(hours, zone, at)) return at;
  for (
    let c = Math.floor(at / MINUTE) * MINUTE + MINUTE;
    c <= at + 16 * 24 * 60 * MINUTE;
    c += MINUTE
  ) {
    if (isOpenAt(hours, zone, c)) return c;
  }
  return null;
}

describe('business hours properties', () => {
  it('nextOpening is the first open instant at or after `at`, found minute by minute', () => {
    fc.assert(
      fc.property(hoursArb, fc.constantFrom(...ZONES), instantArb, (hours, zone, at) => {
        const next = nextOpening(hours, zone, at);
        expect(next).toBe(bruteNextOpening(hours, zone, at));
        if (next !== null) {
          expect(next).toBeGreaterThanOrEqual(at);
          expect(isOpenAt(hours, zone, next)).toBe(true);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('isOpenAt agrees with the local clock Intl reports', () => {
    const formatters = new Map(
      ZONES.map((zone) => [
        zone,
        new Intl.DateTimeFormat('en-US', {
          timeZone: zone,
          weekday: 'short',
          hour: '2-digit',
          minute: '2-digit',
          hourCycle: 'h23',
        }),
      ]),
    );
    fc.assert(
      fc.property(hoursArb, fc.constantFrom(...ZONES), instantArb, (hours, zone, at) => {
        const parts = formatters.get(zone)?.formatToParts(at) ?? [];
        const part = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
        const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
        const hhmm = `${part('hour')}:${part('minute')}`;
        const slot = hours[day];
        const expected = !!slot && slot.open <= hhmm && hhmm < slot.close;
        expect(isOpenAt(hours, zone, at)).toBe(expected);
      }),
      { numRuns: 500 },
    );
  });
});
