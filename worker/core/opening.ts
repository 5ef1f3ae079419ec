// Business hours with the owner's holidays, and when a lead's alerts start: at once for an
// emergency or while the office is open, otherwise when it next opens. A holiday closes the
// whole local date; business-hours.ts knows nothing of holidays, so they are layered on here.
import type { Hours } from '../../shared/schemas';
import { isOpenAt, nextOpening } from './business-hours';
import { dayOfDate } from './local-dates';
import { instantAtWall } from './steady-wall';
import { DAY, wallClock } from './zoned-time';

export interface OfficeCalendar {
  timeZone: string;
  hours: Hours;
  /** Local dates, 'YYYY-MM-DD'. */
  holidays?: readonly string[];
}

function holidayDays(calendar: OfficeCalendar): Set<number> {
  return new Set((calendar.holidays ?? []).map(dayOfDate));
}

export function isHoliday(calendar: OfficeCalendar, at: number): boolean {
  return holidayDays(calendar).has(wallClock(calendar.timeZone, at).day);
}

export function isBusinessOpen(calendar: OfficeCalendar, at: number): boolean {
  return isOpenAt(calendar.hours, calendar.timeZone, at) && !isHoliday(calendar, at);
}

// Every holiday can push the opening one day on; past the list's length the answer is certain.
const MAX_SKIPS = 400;

/** The first instant ≥ at when the office is open and it is not a holiday; null if never. */
export function nextBusinessOpening(calendar: OfficeCalendar, at: number): number | null {
  const { hours, timeZone } = calendar;
  const holidays = holidayDays(calendar);
  let from = at;
  for (let i = 0; i < MAX_SKIPS; i++) {
    const opening = nextOpening(hours, timeZone, from);
    if (opening === null) return null;
    const { day } = wallClock(timeZone, opening);
    if (!holidays.has(day)) return opening;
    from = instantAtWall(timeZone, (day + 1) * DAY);
  }
  return null;
}

export interface AlertStart {
  /** When the lead's response clock (and its first alert) starts. */
  alertAt: number;
  /** The office is closed (or it is a holiday) at the lead's arrival. */
  afterHours: boolean;
  /** Alerting waits for the opening: a closed office and a lead that is not an emergency. */
  deferred: boolean;
}

/**
 * Emergencies page at once; everything else waits for the next opening. With no opening
 * hours at all (the contractor set none) the team is alerted now, as the acknowledgement says.
 */
export function alertStartFor(urgent: boolean, calendar: OfficeCalendar, at: number): AlertStart {
  if (isBusinessOpen(calendar, at)) return { alertAt: at, afterHours: false, deferred: false };
  const opening = nextBusinessOpening(calendar, at);
  // Never opening means no hours were set: not "after hours", whatever the urgency.
  if (opening === null) return { alertAt: at, afterHours: false, deferred: false };
  if (urgent) return { alertAt: at, afterHours: true, deferred: false };
  return { alertAt: opening, afterHours: true, deferred: true };
}
