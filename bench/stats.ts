/** Summaries of measured durations: nearest-rank percentiles, in seconds with millisecond precision. */

export interface Distribution {
  count: number;
  p50: number | null;
  p95: number | null;
  max: number | null;
}

function percentile(sorted: readonly number[], p: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1] ?? null;
}

const seconds = (ms: number | null) => (ms === null ? null : Math.round(ms) / 1000);

/** `values` in milliseconds; the summary in seconds. */
export function distribution(values: readonly number[]): Distribution {
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, p50: seconds(percentile(sorted, 50)), p95: seconds(percentile(sorted, 95)), max: seconds(percentile(sorted, 100)) };
}
