// Wall-clock arithmetic in an IANA time zone. Every UTC offset comes from the runtime's time
// zone database (Intl, read through @date-fns/tz); there is no offset table of our own, so DST
// rules stay as current as the runtime.
import { tzOffset } from '@date-fns/tz';
import { WEEKDAYS, type Weekday } from '../../shared/schemas';

export const MINUTE = 60_000;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;

/** The local calendar and clock at one instant. */
export interface WallClock {
  /** Local calendar date as whole days since 1970-01-01, so dates can be compared and added. */
  day: number;
  weekday: Weekday;
  /** Minutes since local midnight, 0..1439. */
  minuteOfDay: number;
  /** Local wall time as if it were UTC epoch ms (for calendar getters only). */
  wallMs: number;
}

/** UTC offset in ms at an instant. An unknown zone throws instead of quietly computing NaN. */
export function offsetAt(timeZone: string, at: number): number {
  const minutes = tzOffset(timeZone, new Date(at));
  if (!Number.isFinite(minutes)) throw new RangeError(`Unknown time zone: ${timeZone}`);
  // Historical offsets can carry seconds (fractional minutes); round to whole ms.
  return Math.round(minutes * MINUTE);
}

/** Weekday of a day number (1970-01-01, day 0, was a Thursday). */
export function weekdayOfDay(day: number): Weekday {
  const sundayFirst = new Date(day * DAY).getUTCDay();
  // WEEKDAYS starts on Monday.
  return WEEKDAYS[(sundayFirst + 6) % 7] as Weekday;
}

export function wallClock(timeZone: string, at: number): WallClock {
  const wallMs = at + offsetAt(timeZone, at);
  const day = Math.floor(wallMs / DAY);
  return {
    day,
    weekday: weekdayOfDay(day),
    minuteOfDay: Math.floor((wallMs - day * DAY) / MINUTE),
    wallMs,
  };
}

/**
 * Every instant whose local wall time is `minuteOfDay` on `day`, in order: one normally, two
 * when a fall-back repeats that time, none when a spring-forward skips it.
 */
export function instantsAtWallTime(timeZone: string, day: number, minuteOfDay: number): number[] {
  const wall = day * DAY + minuteOfDay * MINUTE;
  // The real instant lies within ±14 h of the naive wall time, so the offsets in force a day
  // either side (and at it) include every offset that could map onto this wall time.
  const offsets = new Set([
    offsetAt(timeZone, wall - DAY),
    offsetAt(timeZone, wall),
    offsetAt(timeZone, wall + DAY),
  ]);
  const found = new Set<number>();
  for (const offset of offsets) {
    const candidate = wall - offset;
    if (offsetAt(timeZone, candidate) === offset) found.add(candidate);
  }
  return [...found].sort((a, b) => a - b);
}

// Offset changes are months apart in every real zone; sampling every 6 hours cannot step over
// a pair of them.
const SCAN_STEP = 6 * HOUR;

/** The instants in (from, to] at which the zone's UTC offset changes, exact to the ms. */
export function offsetChanges(timeZone: string, from: number, to: number): number[] {
  const changes: number[] = [];
  let lo = from;
  let loOffset = offsetAt(timeZone, lo);
  while (lo < to) {
    const hi = Math.min(lo + SCAN_STEP, to);
    const hiOffset = offsetAt(timeZone, hi);
    if (hiOffset !== loOffset) {
      // Bisect: `a` keeps the old offset, `b` has the new one.
      let a = lo;
      let b = hi;
      while (b - a > 1) {
        const mid = Math.floor((a + b) / 2);
        if (offsetAt(timeZone, mid) === loOffset) a = mid;
        else b = mid;
      }
      changes.push(b);
    }
    lo = hi;
    loOffset = hiOffset;
  }
  return changes;
}

const WEEKDAY_NAMES: Record<Weekday, string> = {
  mon: 'Monday',
  tue: 'Tuesday',
  wed: 'Wednesday',
  thu: 'Thursday',
  fri: 'Friday',
  sat: 'Saturday',
  sun: 'Sunday',
};
const MONTH_NAMES = [
  'January',
  'February',
  'March',
  'April',
  'May',
  'June',
  'July',
  'August',
  'September',
  'October',
  'November',
  'December',
] as const;

export function weekdayName(weekday: Weekday): string {
  return WEEKDAY_NAMES[weekday];
}

/** "March 16" for a day number. */
export function monthAndDay(day: number): string {
  const date = new Date(day * DAY);
  return `${MONTH_NAMES[date.getUTCMonth()]} ${date.getUTCDate()}`;
}

/**
 * en-US "h:mm AM/PM" in the zone, built by hand rather than with Intl's formatter: ICU puts a
 * narrow no-break space (U+202F) before AM/PM in some versions, which would force an SMS out of
 * the GSM-7 alphabet (fewer characters per segment) and varies between runtimes.
 */
export function formatClockTime(timeZone: string, at: number): string {
  const { minuteOfDay } = wallClock(timeZone, at);
  const hour24 = Math.floor(minuteOfDay / 60);
  const minute = minuteOfDay % 60;
  const hour12 = hour24 % 12 === 0 ? 12 : hour24 % 12;
  return `${hour12}:${String(minute).padStart(2, '0')} ${hour24 < 12 ? 'AM' : 'PM'}`;
}

/**
 * The instant rounded up to the next whole minute (unchanged when already whole). UTC minutes
 * and local minutes coincide because every current zone's offset is whole minutes.
 */
export function ceilToMinute(at: number): number {
  return Math.ceil(at / MINUTE) * MINUTE;
}
