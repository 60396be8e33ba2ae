// Pure statistics for the benchmark harness (bench/): percentiles by nearest rank, summaries,
// ratios and human formatting. No clock, no I/O: the harness measures, this only computes.

export interface Summary {
  n: number;
  min: number;
  p50: number;
  p95: number;
  max: number;
  mean: number;
}

/** Nearest-rank percentile of an ascending list: the smallest value with at least p% at or below it. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) throw new Error('percentile of an empty sample');
  if (!(p > 0 && p <= 100)) throw new Error(`percentile out of range: ${p}`);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export function summarize(samples: readonly number[]): Summary {
  if (samples.length === 0) throw new Error('summary of an empty sample');
  const sorted = [...samples].sort((a, b) => a - b);
  const total = sorted.reduce((s, x) => s + x, 0);
  return {
    n: sorted.length,
    min: sorted[0]!,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    max: sorted[sorted.length - 1]!,
    mean: total / sorted.length,
  };
}

/** API time over bare SQL time; null when the SQL time is too small to divide by meaningfully. */
export function ratio(apiMs: number, sqlMs: number): number | null {
  if (!(sqlMs > 0.001) || !Number.isFinite(apiMs)) return null;
  return apiMs / sqlMs;
}

/** Rows handled per second for one iteration of `ms` that produced `rows` rows. */
export function rowsPerSecond(rows: number, ms: number): number | null {
  if (!(ms > 0) || rows < 0) return null;
  return (rows * 1000) / ms;
}

/** Milliseconds for a table: 3 significant digits below 100, integers above. */
export function formatMs(ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '—';
  if (ms >= 100) return Math.round(ms).toLocaleString('en-US');
  if (ms >= 10) return ms.toFixed(1);
  return ms.toFixed(2);
}

/** Large counts with thousands separators; k/M suffixes beyond a million per second. */
export function formatCount(n: number | null | undefined): string {
  if (n === null || n === undefined || !Number.isFinite(n)) return '—';
  if (n >= 10_000_000) return `${(n / 1_000_000).toFixed(1)}M`;
  return Math.round(n).toLocaleString('en-US');
}
