// The local clock as a schedule reads it: one that never runs backwards.
//
// A schedule is written in wall-clock terms ("hand-off at 01:30", "weeknights 18:00–08:00"),
// but the real wall clock jumps. Spring forward skips an hour, so a boundary inside it must
// still happen, at the first instant after the gap; fall back repeats an hour, so a boundary
// inside it must happen once, not twice. Both follow from one rule: a boundary at wall time X
// is passed at the first instant the local clock has ever shown X or later. That is the same
// as comparing X with the highest wall time shown so far, the "steady wall" below, which is
// the wall clock except during a repeated hour, where it holds at the last moment before the
// clocks went back. Every schedule question is then plain arithmetic on that one number.
import { DAY, instantsAtWallTime, MINUTE, offsetAt, offsetChanges } from './zoned-time';

// Longer than any backward change in a real zone (one or two hours, a day at most).
const LOOKBACK = 2 * DAY;

/** The highest local wall time (as wall-clock ms) shown at or before `at`. */
export function steadyWall(timeZone: string, at: number): number {
  const offset = offsetAt(timeZone, at);
  const wall = at + offset;
  // A smaller offset now than before means the clocks went back inside the lookback (changes
  // are months apart, so there is no forward-and-back pair to hide one).
  const earlier = offsetAt(timeZone, at - LOOKBACK);
  if (earlier <= offset) return wall;
  // The clock repeats `shift` worth of wall time; past that the wall is the steady wall again.
  const shift = earlier - offset;
  if (offsetAt(timeZone, at - shift) === offset) return wall;
  let steady = wall;
  for (const change of offsetChanges(timeZone, at - shift, at)) {
    const lastBefore = change - 1 + offsetAt(timeZone, change - 1);
    if (lastBefore > steady) steady = lastBefore;
  }
  return steady;
}

/**
 * The first instant at which the steady wall reaches `wall` (whole minutes): the first time the
 * clock shows it, or, when a spring-forward skips it, the instant of the jump.
 */
export function instantAtWall(timeZone: string, wall: number): number {
  const day = Math.floor(wall / DAY);
  const minute = Math.round((wall - day * DAY) / MINUTE);
  const [first] = instantsAtWallTime(timeZone, day, minute);
  if (first !== undefined) return first;
  // Skipped: the jump lies between the instants the wall time would have had under the
  // offsets before and after it.
  const offsets = [DAY, 0, -DAY].map((shift) => offsetAt(timeZone, wall + shift));
  const from = wall - Math.max(...offsets);
  const to = wall - Math.min(...offsets);
  for (const change of offsetChanges(timeZone, from - 1, to)) {
    if (change + offsetAt(timeZone, change) >= wall) return change;
  }
  // Not reached in a real zone; the naive reading is the least surprising answer.
  return wall - offsetAt(timeZone, wall);
}
