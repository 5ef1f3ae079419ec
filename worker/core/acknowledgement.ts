// The promise shown to a homeowner the moment they send a lead, and texted to them when they
// consented. It must be honest: a time we will actually keep, in the contractor's time zone.
import type { Hours } from '../../shared/schemas';
import { isBusinessOpen, nextBusinessOpening } from './opening';
import {
  ceilToMinute,
  formatClockTime,
  MINUTE,
  monthAndDay,
  wallClock,
  weekdayName,
} from './zoned-time';

export interface AckInput {
  siteName: string;
  timeZone: string;
  hours: Hours;
  /** Local dates ('YYYY-MM-DD') the office is closed all day. */
  holidays?: readonly string[];
  responseMinutes: number;
  homeownerName: string;
  urgent: boolean;
  preferredContact?: 'call' | 'text';
  assigneeName?: string;
  now: number;
}

export interface Ack {
  /** Shown in the widget. */
  message: string;
  /** Texted to the homeowner when they consented: names the business, ends with the opt-out. */
  smsBody: string;
  /** Epoch ms by which a person will contact them. */
  respondBy: number;
  /** When the response clock (and escalation) starts: now if open or urgent, else the next opening. */
  clockStartsAt: number;
  afterHours: boolean;
}

const OPT_OUT = 'Reply STOP to opt out.';

function firstName(name: string | undefined): string | null {
  const first = name?.trim().split(/\s+/)[0];
  return first ? first : null;
}

/** "today at 8:00 AM", "tomorrow at …", "on Monday at …"; a week or more away adds the date. */
function describeOpening(timeZone: string, now: number, opening: number): string {
  const today = wallClock(timeZone, now).day;
  const { day, weekday } = wallClock(timeZone, opening);
  const time = formatClockTime(timeZone, ceilToMinute(opening));
  const daysAway = day - today;
  if (daysAway <= 0) return `today at ${time}`;
  if (daysAway === 1) return `tomorrow at ${time}`;
  // "on Monday" said on a Monday would read as today; name the date instead.
  if (daysAway >= 7) return `on ${weekdayName(weekday)}, ${monthAndDay(day)} at ${time}`;
  return `on ${weekdayName(weekday)} at ${time}`;
}

export function acknowledge(input: AckInput): Ack {
  const { siteName, timeZone, hours, now } = input;
  const responseMs = input.responseMinutes * MINUTE;
  const verb = input.preferredContact === 'text' ? 'text' : 'call';
  const homeowner = firstName(input.homeownerName);
  const assignee = firstName(input.assigneeName);
  const thanks = homeowner ? `Thanks, ${homeowner}!` : 'Thanks!';
  const smsThanks = homeowner ? `${siteName}: Thanks, ${homeowner}.` : `${siteName}: Thanks.`;

  const calendar = { timeZone, hours, holidays: input.holidays ?? [] };
  const open = isBusinessOpen(calendar, now);
  // Never-open hours mean the contractor set none: the team is alerted now, so say so.
  const opening = open ? now : nextBusinessOpening(calendar, now);

  if (open || opening === null) {
    const respondBy = now + responseMs;
    const by = formatClockTime(timeZone, ceilToMinute(respondBy));
    const who = assignee ? `${assignee} at ${siteName}` : `Someone from ${siteName}`;
    return {
      message: `${thanks} ${who} will ${verb} you by ${by}.`,
      smsBody: `${smsThanks} ${assignee ? `${assignee} will` : `We'll`} ${verb} you by ${by}. ${OPT_OUT}`,
      respondBy,
      clockStartsAt: now,
      afterHours: false,
    };
  }

  if (input.urgent) {
    // Urgent leads page the on-call team straight away, so the short promise still holds.
    const respondBy = now + responseMs;
    const by = formatClockTime(timeZone, ceilToMinute(respondBy));
    const promise = `We've alerted our on-call team; ${assignee ?? 'someone'} will ${verb} you by ${by}.`;
    return {
      message: `${thanks} ${promise}`,
      smsBody: `${smsThanks} ${promise} ${OPT_OUT}`,
      respondBy,
      clockStartsAt: now,
      afterHours: true,
    };
  }

  // Closed: the clock starts when the team is back. The time named is the opening itself.
  const when = describeOpening(timeZone, now, opening);
  return {
    message: `${thanks} We're closed right now. We'll ${verb} you first thing ${when}.`,
    smsBody: `${smsThanks} We're closed right now; we'll ${verb} you first thing ${when}. ${OPT_OUT}`,
    respondBy: opening + responseMs,
    clockStartsAt: opening,
    afterHours: true,
  };
}
