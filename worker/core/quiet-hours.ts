// Quiet hours for texts to homeowners: nothing non-urgent between 9 PM and 8 AM their time
// (the site's time zone stands for theirs: a contractor serves the area around it).
import { instantAtWall } from './steady-wall';
import { DAY, MINUTE, wallClock } from './zoned-time';

const WAKE = 8 * 60;
const NIGHT = 21 * 60;

/** `at` when it is within 8 AM–9 PM local time, otherwise the next 8 AM. */
export function quietHoursRelease(timeZone: string, at: number): number {
  const { day, minuteOfDay } = wallClock(timeZone, at);
  if (minuteOfDay >= WAKE && minuteOfDay < NIGHT) return at;
  const wakeDay = minuteOfDay < WAKE ? day : day + 1;
  return instantAtWall(timeZone, wakeDay * DAY + WAKE * MINUTE);
}
