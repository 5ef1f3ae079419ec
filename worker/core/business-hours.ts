// Whether a contractor is open, and when they next open, from weekly local opening hours.
import { type Hours, WEEKDAYS, type Weekday } from '../../shared/schemas';
import { DAY, instantsAtWallTime, offsetChanges, wallClock, weekdayOfDay } from './zoned-time';

interface DayWindow {
  /** Minutes since local midnight; open is inclusive, close exclusive. */
  open: number;
  close: number;
}

function minutesOf(clock: string): number | null {
  const match = /^(\d\d):(\d\d)$/.exec(clock);
  if (!match) return null;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour < 24 && minute < 60 ? hour * 60 + minute : null;
}

/** A day's opening window, or null when closed (missing, null, malformed or empty hours). */
function windowOf(hours: Hours, weekday: Weekday): DayWindow | null {
  const day = hours[weekday];
  if (!day) return null;
  const open = minutesOf(day.open);
  const close = minutesOf(day.close);
  if (open === null || close === null || open >= close) return null;
  return { open, close };
}

export function hasAnyHours(hours: Hours): boolean {
  return WEEKDAYS.some((weekday) => windowOf(hours, weekday) !== null);
}

export function isOpenAt(hours: Hours, timeZone: string, at: number): boolean {
  const clock = wallClock(timeZone, at);
  const slot = windowOf(hours, clock.weekday);
  return slot !== null && slot.open <= clock.minuteOfDay && clock.minuteOfDay < slot.close;
}

// Long enough to reach the same weekday twice, so an opening skipped once (a DST gap, or a
// calendar day a zone dropped) still finds the following week's.
const SEARCH_DAYS = 15;

/**
 * The earliest instant ≥ at when the business is open; `at` itself when open now; null when
 * no day has hours.
 *
 * Openness depends only on the local wall clock, which moves continuously except at offset
 * changes. So the first open instant after a closed one is either an instant whose wall time
 * is exactly some day's opening time, or an offset change that lands the clock inside a
 * window (a spring-forward over the opening time, a fall-back into a window). Collect both
 * kinds, and the earliest that is open is the answer. That covers openings in a DST gap (the
 * change itself, the first valid instant after the gap) and the repeated hour of a fall-back.
 */
export function nextOpening(hours: Hours, timeZone: string, at: number): number | null {
  if (!hasAnyHours(hours)) return null;
  if (isOpenAt(hours, timeZone, at)) return at;

  const candidates = offsetChanges(timeZone, at, at + (SEARCH_DAYS + 1) * DAY);
  const today = wallClock(timeZone, at).day;
  // From yesterday: a fall-back at midnight can carry the local date backwards.
  for (let day = today - 1; day <= today + SEARCH_DAYS; day++) {
    const slot = windowOf(hours, weekdayOfDay(day));
    if (slot) candidates.push(...instantsAtWallTime(timeZone, day, slot.open));
  }
  const ordered = candidates.filter((t) => t > at).sort((a, b) => a - b);
  return ordered.find((t) => isOpenAt(hours, timeZone, t)) ?? null;
}
