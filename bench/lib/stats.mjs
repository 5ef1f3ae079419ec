// Summaries the bench reports: percentiles of one population, and median/min/max across runs.

/** Nearest-rank percentile of an ascending array (p in 0..100). */
export function percentile(sorted, p) {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
}

export const ascending = (values) => [...values].sort((a, b) => a - b);

/** Median, min and max of one figure measured once per run; nulls (no data) are left out. */
export function acrossRuns(values) {
  const known = ascending(values.filter((v) => v !== null && Number.isFinite(v)));
  if (known.length === 0) return { median: null, min: null, max: null, runs: values };
  const mid = Math.floor(known.length / 2);
  const median = known.length % 2 ? known[mid] : (known[mid - 1] + known[mid]) / 2;
  return { median, min: known[0], max: known[known.length - 1], runs: values };
}

/** acrossRuns over one field of per-run result objects. */
export const field = (runs, name) => acrossRuns(runs.map((r) => r[name] ?? null));

export const round = (value, digits = 1) =>
  value === null || value === undefined ? null : Number(value.toFixed(digits));
