// A second, deliberately plain reading of a schedule, for property tests: whole local minutes
// from Intl, turns found by stepping through them one by one, windows listed day by day. It
// shares no code with worker/core/schedule.ts.
import type { Schedule } from '../../../shared/schedule-schemas';
import { highestLocalMinute, minutesOfLocal } from './local-clock';

const DAY_MINUTES = 1440;
const SUNDAY_FIRST = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;

const clockMinutes = (clock: string) => {
  const [h = '0', m = '0'] = clock.split(':');
  return Number(h) * 60 + Number(m);
};
const dateMinutes = (date: string) => Date.parse(`${date}T00:00:00Z`) / 60_000;
const weekdayOf = (localDay: number) =>
  SUNDAY_FIRST[new Date(localDay * DAY_MINUTES * 60_000).getUTCDay()];

type Layer = Schedule['layers'][number];

function crewAt(layer: Layer, minute: number): string[] {
  const { rotation } = layer;
  const length =
    rotation.type === 'daily'
      ? DAY_MINUTES
      : rotation.type === 'weekly'
        ? 7 * DAY_MINUTES
        : (rotation.turnHours ?? 0) * 60;
  let turnStart = dateMinutes(rotation.startDate) + clockMinutes(rotation.handoff);
  if (minute < turnStart) return [];
  let turn = 0;
  while (turnStart + length <= minute) {
    turnStart += length;
    turn++;
  }
  const entry = rotation.members[turn % rotation.members.length];
  const crew = typeof entry === 'string' ? [entry] : (entry ?? []);
  return crew.filter((id, i) => crew.indexOf(id) === i);
}

function layerIsOn(layer: Layer, minute: number): boolean {
  const restrictions = layer.restrictions ?? [];
  if (restrictions.length === 0) return true;
  const today = Math.floor(minute / DAY_MINUTES);
  for (let day = today - 2; day <= today; day++) {
    for (const r of restrictions) {
      if (!r.days.some((d) => d === weekdayOf(day))) continue;
      const from = day * DAY_MINUTES + clockMinutes(r.from);
      let to = day * DAY_MINUTES + clockMinutes(r.to);
      while (to <= from) to += DAY_MINUTES; // runs into the next day
      if (minute >= from && minute < to) return true;
    }
  }
  return false;
}

/** The on-call set at a local minute (the highest reached so far). */
export function expectedAtMinute(schedule: Schedule, minute: number): string[] {
  let result: string[] = [];
  for (const layer of [...schedule.layers].reverse()) {
    if (!layerIsOn(layer, minute)) continue;
    const crew = crewAt(layer, minute);
    if (crew.length > 0) {
      result = crew;
      break;
    }
  }
  const covering = (schedule.overrides ?? []).filter(
    (o) => minutesOfLocal(o.start) <= minute && minute < minutesOfLocal(o.end),
  );
  const whole = covering.filter((o) => !o.replaces).map((o) => o.memberId);
  if (whole.length > 0) result = whole.filter((id, i) => whole.indexOf(id) === i);
  for (const o of covering) {
    if (!o.replaces) continue;
    const at = result.indexOf(o.replaces);
    if (at < 0) continue;
    const swapped = [...result];
    swapped[at] = o.memberId;
    result = swapped.filter((id, i) => swapped.indexOf(id) === i);
  }
  return result;
}

export function expectedOnCall(schedule: Schedule, timeZone: string, at: number): string[] {
  return expectedAtMinute(schedule, highestLocalMinute(timeZone, at));
}
