// Durations are counted into fixed buckets so that percentiles over any range are a sum of small
// arrays (rollup rows), not a sort of millions of executions. Bucket i (1-based, as in SQL
// arrays) counts durations in (BOUNDS_MS[i-2], BOUNDS_MS[i-1]] ms; the last one everything above
// the last bound. The bounds are part of the stored data: change them only with a migration.

export const BOUNDS_MS = [10, 25, 50, 100, 250, 500, 1_000, 2_500, 5_000, 10_000, 30_000, 60_000, 300_000, 1_800_000] as const;
export const BUCKETS = BOUNDS_MS.length + 1;

/** SQL: the 1-based bucket of the duration expression `ms` (Prometheus `le` semantics: ≤ bound). */
export function bucketOfSql(ms: string): string {
  return `CASE ${BOUNDS_MS.map((b, i) => `WHEN ${ms} <= ${b} THEN ${i + 1}`).join(" ")} ELSE ${BUCKETS} END`;
}

/** SQL aggregate: the histogram array of the rows of a group, given their bucket expression. */
export function histogramAggSql(bucket: string): string {
  return `ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `count(*) FILTER (WHERE ${bucket} = ${i + 1})`).join(", ")}]::bigint[]`;
}

/** SQL: element-wise a + b of two histogram arrays (either may be NULL). */
export function histogramAddSql(a: string, b: string): string {
  return `ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `COALESCE(${a}[${i + 1}], 0) + COALESCE(${b}[${i + 1}], 0)`).join(", ")}]::bigint[]`;
}

/** SQL select list: one summed column per bucket (h1 … hN) over many rollup rows. */
export function histogramSumColumnsSql(col: string): string {
  return Array.from({ length: BUCKETS }, (_, i) => `COALESCE(sum(${col}[${i + 1}]), 0)::float8 AS h${i + 1}`).join(", ");
}

/** The h1 … hN columns of a row (from histogramSumColumnsSql) as an array of counts. */
export function histogramFromRow(row: Record<string, unknown>): number[] {
  return Array.from({ length: BUCKETS }, (_, i) => Number(row[`h${i + 1}`] ?? 0));
}

/**
 * The q-quantile (0 < q < 1) in ms, interpolated linearly inside its bucket — the same estimate
 * Prometheus' histogram_quantile makes. Null without data. The open last bucket answers its
 * lower bound (there is no upper one to interpolate towards).
 */
export function quantileMs(hist: readonly number[], q: number): number | null {
  const total = hist.reduce((a, b) => a + b, 0);
  if (total <= 0) return null;
  const rank = q * total;
  let seen = 0;
  for (let i = 0; i < hist.length; i++) {
    const n = hist[i];
    if (n > 0 && seen + n >= rank) {
      const lower = i === 0 ? 0 : BOUNDS_MS[i - 1];
      if (i >= BOUNDS_MS.length) return lower;
      const upper = BOUNDS_MS[i];
      return lower + ((upper - lower) * (rank - seen)) / n;
    }
    seen += n;
  }
  return BOUNDS_MS[BOUNDS_MS.length - 1];
}

export function addHistograms(a: readonly number[], b: readonly number[]): number[] {
  return Array.from({ length: BUCKETS }, (_, i) => (a[i] ?? 0) + (b[i] ?? 0));
}
