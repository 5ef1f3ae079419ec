// An independent reading of local wall clocks for test oracles: straight from Intl's
// formatToParts, in whole minutes, sharing no code with worker/core/zoned-time.ts.

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/** The local date and time shown at `at`, as minutes since 1970-01-01T00:00 (local). */
export function localMinutes(timeZone: string, at: number): number {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(new Date(at))) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value);
  }
  const { year = 0, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  return Date.UTC(year, month - 1, day, hour, minute) / 60_000;
}

/** "2026-03-08T03:00" for local minutes. */
export function showLocal(minutes: number): string {
  return new Date(minutes * 60_000).toISOString().slice(0, 16);
}

/** Local minutes of a 'YYYY-MM-DDTHH:MM' text. */
export function minutesOfLocal(text: string): number {
  return Date.parse(`${text}:00Z`) / 60_000;
}

/**
 * The highest local minute shown at or before `at`, by looking back minute by minute: during
 * the hour a fall-back repeats, the clock has already shown later times than it shows now.
 * Three hours covers every backward change in the zones the tests use.
 */
export function highestLocalMinute(timeZone: string, at: number): number {
  let highest = Number.NEGATIVE_INFINITY;
  for (let back = 0; back <= 180; back++) {
    highest = Math.max(highest, localMinutes(timeZone, at - back * 60_000));
  }
  return highest;
}

/**
 * The first instant, searching minute by minute from `from`, whose local reading is at least
 * `minutes`: when a boundary at that local time is due, whether the clock shows it, skips it
 * (spring forward) or shows it twice (fall back).
 */
export function firstInstantReaching(timeZone: string, minutes: number, from: number): number {
  const start = Math.floor(from / 60_000) * 60_000;
  for (let at = start; at < start + 40 * 24 * 3_600_000; at += 60_000) {
    if (localMinutes(timeZone, at) >= minutes) return at;
  }
  throw new Error(`local time ${showLocal(minutes)} not reached`);
}

/** Finds the UTC instant for a local 'YYYY-MM-DDTHH:MM' (the first one if repeated). */
export function instantOfLocal(timeZone: string, text: string): number {
  const target = minutesOfLocal(text);
  return firstInstantReaching(timeZone, target, (target - 15 * 60) * 60_000);
}
