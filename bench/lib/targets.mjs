// The targets from issue #6. Reported against, never failed on: a missed target says by how much.

const KB = 1024;

export const TARGETS = {
  loaderGzip: { limit: 2.5 * KB, text: '≤ 2.5 KB gzip' },
  openedGzip: { limit: 12 * KB, text: '≤ 12 KB gzip' },
  widgetLongTasks: { limit: 0, text: 'none' },
  widgetCls: { limit: 0, text: 'none (0)' },
  intakeRatio: { limit: 0.5, text: '≥ 0.5 × no-op' },
  escalationP99: { limit: 1000, text: '< 1 s' },
  bundleGzip: { limit: 100 * KB, text: '< 100 KB gzip' },
};

/** At most `limit`: the verdict and, when missed, by how much in the figure's own unit. */
export function atMost(value, limit, unit) {
  if (value === null || value === undefined) return { met: null, note: 'not measured' };
  if (value <= limit) return { met: true, note: 'met' };
  const over = value - limit;
  const pct = limit > 0 ? ` (+${((over / limit) * 100).toFixed(1)} %)` : '';
  return { met: false, note: `missed by ${unit(over)}${pct}` };
}

/** At least `limit`. */
export function atLeast(value, limit, unit) {
  if (value === null || value === undefined) return { met: null, note: 'not measured' };
  if (value >= limit) return { met: true, note: 'met' };
  return {
    met: false,
    note: `missed by ${unit(limit - value)} (needs ${(limit / value).toFixed(1)} × as much)`,
  };
}

/** Below `limit` (strictly). */
export function below(value, limit, unit) {
  if (value === null || value === undefined) return { met: null, note: 'not measured' };
  if (value < limit) return { met: true, note: 'met' };
  return { met: false, note: `missed by ${unit(value - limit)}` };
}
