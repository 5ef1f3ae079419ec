import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Hours } from '../../shared/schemas';
import { nextOpening } from '../../worker/core/business-hours';
import {
  alertStartFor,
  isBusinessOpen,
  nextBusinessOpening,
  type OfficeCalendar,
} from '../../worker/core/opening';
import { localMinutes } from './support/local-clock';

const t = (iso: string) => Date.parse(iso);
const NY = 'America/New_York';
const day = { open: '08:00', close: '18:00' };
const HOURS: Hours = {
  mon: day,
  tue: day,
  wed: day,
  thu: day,
  fri: day,
  sat: { open: '09:00', close: '13:00' },
};
// Thanksgiving and the Friday after it.
const CAL: OfficeCalendar = { timeZone: NY, hours: HOURS, holidays: ['2026-11-26', '2026-11-27'] };

describe('alertStartFor', () => {
  it('starts now while open', () => {
    const at = t('2026-11-25T10:00:00-05:00');
    expect(alertStartFor(false, CAL, at)).toEqual({
      alertAt: at,
      afterHours: false,
      deferred: false,
    });
  });

  it('pages an emergency now, after hours or on a holiday', () => {
    const night = t('2026-11-25T23:00:00-05:00');
    expect(alertStartFor(true, CAL, night)).toEqual({
      alertAt: night,
      afterHours: true,
      deferred: false,
    });
    const holiday = t('2026-11-26T10:00:00-05:00');
    expect(alertStartFor(true, CAL, holiday)).toEqual({
      alertAt: holiday,
      afterHours: true,
      deferred: false,
    });
  });

  it('holds a routine lead until the next opening that is not a holiday', () => {
    // Wednesday night before Thanksgiving: closed Thursday and Friday, open Saturday 9:00.
    expect(alertStartFor(false, CAL, t('2026-11-25T18:00:00-05:00'))).toEqual({
      alertAt: t('2026-11-28T09:00:00-05:00'),
      afterHours: true,
      deferred: true,
    });
    expect(
      alertStartFor(false, { ...CAL, holidays: [] }, t('2026-11-25T18:00:00-05:00')).alertAt,
    ).toBe(t('2026-11-26T08:00:00-05:00'));
  });

  it('alerts now when the contractor set no hours at all', () => {
    const at = t('2026-11-25T23:00:00-05:00');
    expect(alertStartFor(false, { timeZone: NY, hours: {} }, at)).toEqual({
      alertAt: at,
      afterHours: false,
      deferred: false,
    });
  });
});

describe('nextBusinessOpening (property)', () => {
  const quarter = fc.integer({ min: 0, max: 95 });
  const hoursArb = fc
    .array(fc.option(fc.tuple(quarter, quarter), { nil: null }), { minLength: 7, maxLength: 7 })
    .map((days) => {
      const hours: Hours = {};
      const names = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
      const clock = (q: number) =>
        `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`;
      days.forEach((d, i) => {
        const name = names[i];
        if (d && name && d[0] < d[1]) hours[name] = { open: clock(d[0]), close: clock(d[1]) };
      });
      return hours;
    });
  const zone = fc.constantFrom('America/New_York', 'Europe/London', 'Australia/Sydney', 'UTC');
  const start = fc.integer({
    min: t('2026-01-01T00:00:00Z') / 900_000,
    max: t('2026-12-20T00:00:00Z') / 900_000,
  });

  it('is nextOpening when there are no holidays', () => {
    fc.assert(
      fc.property(hoursArb, zone, start, (hours, timeZone, q) => {
        const at = q * 900_000;
        expect(nextBusinessOpening({ timeZone, hours }, at)).toBe(nextOpening(hours, timeZone, at));
      }),
    );
  });

  it('is the first quarter-hour that is open and not a holiday, found by walking', () => {
    fc.assert(
      fc.property(
        hoursArb,
        zone,
        start,
        fc.uniqueArray(fc.integer({ min: 0, max: 12 }), { maxLength: 6 }),
        (hours, timeZone, q, holidayOffsets) => {
          const at = q * 900_000;
          const today = Math.floor(localMinutes(timeZone, at) / 1440);
          const holidays = holidayOffsets.map((d) =>
            new Date((today + d) * 86_400_000).toISOString().slice(0, 10),
          );
          const cal = { timeZone, hours, holidays };
          const found = nextBusinessOpening(cal, at);
          // Brute force: local weekday and minute from Intl, the holiday list as text.
          const names = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
          let expected: number | null = null;
          for (let s = at; s < at + 30 * 86_400_000; s += 900_000) {
            const local = localMinutes(timeZone, s);
            const date = new Date(local * 60_000);
            const slot = hours[names[date.getUTCDay()] ?? 'sun'];
            const minute = local % 1440;
            const [oh = 0, om = 0] = (slot?.open ?? '99:99').split(':').map(Number);
            const [ch = 0, cm = 0] = (slot?.close ?? '00:00').split(':').map(Number);
            const open = slot && minute >= oh * 60 + om && minute < ch * 60 + cm;
            if (open && !holidays.includes(date.toISOString().slice(0, 10))) {
              expected = s;
              break;
            }
          }
          expect(found).toBe(expected);
          if (found !== null) expect(isBusinessOpen(cal, found)).toBe(true);
        },
      ),
      { numRuns: 150 },
    );
  });
});
