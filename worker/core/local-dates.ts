// The config's local date and time strings as wall-clock milliseconds: the local time written
// as if it were UTC, the scale of zoned-time's WallClock.wallMs. Malformed text reads as NaN,
// which compares false with everything, so a broken entry matches nothing instead of throwing
// inside routing (the schemas reject it long before).
import { DAY, MINUTE } from './zoned-time';

/** 'YYYY-MM-DD' as whole days since 1970-01-01. */
export function dayOfDate(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return Number.NaN;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])) / DAY;
}

/** 'HH:MM' as minutes since midnight. */
export function minutesOfClock(clock: string): number {
  const match = /^(\d{2}):(\d{2})$/.exec(clock);
  if (!match) return Number.NaN;
  const hour = Number(match[1]);
  const minute = Number(match[2]);
  return hour < 24 && minute < 60 ? hour * 60 + minute : Number.NaN;
}

/** 'YYYY-MM-DDTHH:MM' as wall-clock ms. */
export function wallOfDateTime(text: string): number {
  const [date = '', clock = ''] = text.split('T');
  return dayOfDate(date) * DAY + minutesOfClock(clock) * MINUTE;
}

/** Wall-clock ms of a local date at a local time. */
export function wallOfDay(day: number, clock: string): number {
  return day * DAY + minutesOfClock(clock) * MINUTE;
}
