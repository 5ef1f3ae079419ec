// Who is on call for a schedule at an instant, and when that changes next.
//
// A schedule is layers of rotations, each possibly restricted to weekday time windows; at any
// moment the highest layer (the last in the array) with anyone on decides, and overrides then
// apply on top. Everything is wall-clock arithmetic in the site's time zone on the steady wall
// (see steady-wall.ts), which is what makes hand-offs happen exactly once across DST changes.
import type { Layer, Restriction, Rotation, Schedule } from '../../shared/schedule-schemas';
import { dayOfDate, minutesOfClock, wallOfDateTime } from './local-dates';
import { instantAtWall, steadyWall } from './steady-wall';
import { DAY, HOUR, MINUTE, weekdayOfDay } from './zoned-time';

export interface Handoff {
  /** Epoch ms at which the on-call set changes. */
  at: number;
  from: string[];
  to: string[];
}

const unique = (ids: readonly string[]) => [...new Set(ids)];

/** Length of one turn in wall-clock ms. */
export function turnLength(rotation: Rotation): number {
  if (rotation.type === 'daily') return DAY;
  if (rotation.type === 'weekly') return 7 * DAY;
  return (rotation.turnHours ?? Number.NaN) * HOUR;
}

/** Wall-clock ms at which turn 0 begins. */
function rotationStart(rotation: Rotation): number {
  return dayOfDate(rotation.startDate) * DAY + minutesOfClock(rotation.handoff) * MINUTE;
}

/** The crew of the turn in progress at `wall`; nobody before the first turn. */
function turnCrew(rotation: Rotation, wall: number): string[] {
  const start = rotationStart(rotation);
  if (!(wall >= start)) return [];
  const turn = Math.floor((wall - start) / turnLength(rotation));
  const entry = rotation.members[turn % rotation.members.length];
  if (entry === undefined) return [];
  return unique(typeof entry === 'string' ? [entry] : entry);
}

/** Window length in wall ms: past midnight when `to` is not after `from`; 24 h when equal. */
function windowLength(r: Restriction): number {
  const from = minutesOfClock(r.from);
  const to = minutesOfClock(r.to);
  return (to > from ? to - from : to - from + 24 * 60) * MINUTE;
}

function restrictionsAllow(restrictions: readonly Restriction[] | undefined, wall: number) {
  if (!restrictions || restrictions.length === 0) return true;
  const today = Math.floor(wall / DAY);
  return restrictions.some((r) => {
    // Windows last at most 24 h, so only those starting yesterday or today can hold `wall`.
    for (const day of [today - 1, today]) {
      if (!r.days.includes(weekdayOfDay(day))) continue;
      const start = day * DAY + minutesOfClock(r.from) * MINUTE;
      if (start <= wall && wall < start + windowLength(r)) return true;
    }
    return false;
  });
}

function layerAt(layer: Layer, wall: number): string[] {
  return restrictionsAllow(layer.restrictions, wall) ? turnCrew(layer.rotation, wall) : [];
}

/** The on-call set at a steady-wall time: the highest layer with anyone, then overrides. */
function onCallAtWall(schedule: Schedule, wall: number): string[] {
  let onCall: string[] = [];
  for (let i = schedule.layers.length - 1; i >= 0; i--) {
    const layer = schedule.layers[i];
    onCall = layer ? layerAt(layer, wall) : [];
    if (onCall.length > 0) break;
  }
  const active = (schedule.overrides ?? []).filter(
    (o) => wallOfDateTime(o.start) <= wall && wall < wallOfDateTime(o.end),
  );
  // Whole-set overrides first (together if several overlap), then one-for-one swaps in order.
  const whole = active.filter((o) => o.replaces === undefined);
  if (whole.length > 0) onCall = unique(whole.map((o) => o.memberId));
  for (const swap of active) {
    if (swap.replaces === undefined) continue;
    onCall = unique(onCall.map((id) => (id === swap.replaces ? swap.memberId : id)));
  }
  return onCall;
}

/** Member ids on call at instant `at`, in rotation order (a crew keeps its listed order). */
export function onCallAt(schedule: Schedule, timeZone: string, at: number): string[] {
  return onCallAtWall(schedule, steadyWall(timeZone, at));
}

/** Every wall time in (from, to] at which the schedule's answer could change. */
function boundaryWalls(schedule: Schedule, from: number, to: number): number[] {
  const walls: number[] = [];
  const keep = (wall: number) => {
    if (wall > from && wall <= to) walls.push(wall);
  };
  for (const layer of schedule.layers) {
    const start = rotationStart(layer.rotation);
    const length = turnLength(layer.rotation);
    if (!(length > 0) || !Number.isFinite(start)) continue;
    const first = Math.max(0, Math.floor((from - start) / length));
    for (let wall = start + first * length; wall <= to; wall += length) keep(wall);
    for (const r of layer.restrictions ?? []) {
      for (let day = Math.floor(from / DAY) - 1; day <= Math.floor(to / DAY); day++) {
        if (!r.days.includes(weekdayOfDay(day))) continue;
        const open = day * DAY + minutesOfClock(r.from) * MINUTE;
        keep(open);
        keep(open + windowLength(r));
      }
    }
  }
  for (const o of schedule.overrides ?? []) {
    keep(wallOfDateTime(o.start));
    keep(wallOfDateTime(o.end));
  }
  return [...new Set(walls)].sort((a, b) => a - b);
}

const sameMembers = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((id) => b.includes(id));

const CHUNK = 7 * DAY;

/**
 * The next `count` instants after `from` at which the on-call set changes, looking at most
 * `horizonDays` ahead (a schedule that never changes has none). Boundaries that land on the
 * same instant (two inside one skipped hour) make a single hand-off.
 */
export function nextHandoffs(
  schedule: Schedule,
  timeZone: string,
  from: number,
  count: number,
  horizonDays = 90,
): Handoff[] {
  const handoffs: Handoff[] = [];
  const startWall = steadyWall(timeZone, from);
  const endWall = startWall + horizonDays * DAY;
  let current = onCallAtWall(schedule, startWall);
  let lastInstant = from;
  for (let wall = startWall; wall < endWall && handoffs.length < count; wall += CHUNK) {
    for (const boundary of boundaryWalls(schedule, wall, Math.min(wall + CHUNK, endWall))) {
      const at = instantAtWall(timeZone, boundary);
      if (at <= lastInstant) continue;
      lastInstant = at;
      const next = onCallAtWall(schedule, steadyWall(timeZone, at));
      if (sameMembers(current, next)) continue;
      handoffs.push({ at, from: current, to: next });
      current = next;
      if (handoffs.length === count) break;
    }
  }
  return handoffs;
}

/** The foundation's onCall list as a schedule: everyone on it on call at all times. */
export function legacySchedule(onCall: readonly string[]): Schedule {
  return {
    id: 'on-call',
    name: 'On call',
    layers: [
      {
        id: 'on-call',
        rotation: {
          type: 'weekly',
          handoff: '00:00',
          startDate: '1900-01-01',
          members: [[...onCall]],
        },
      },
    ],
  };
}
