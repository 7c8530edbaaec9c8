// Compaction: once an hour has closed, its per-rule hour rows are summed into one row per status
// (execution_rollup_all_hour). Closed hours never change again — every finish is counted at its
// end_time, which is the database's now() of the transaction that finishes it — so the sum is
// exact and computed once. The margin covers a transaction that started just before the hour's
// end and commits a little later. Idempotent (ON CONFLICT DO NOTHING), cheap when nothing is
// due; the alert task runs it every ~10 s and the dashboard reads compacted hours below the
// watermark and per-rule rows above it, so nothing is ever counted twice or missed.
import type { Queryable } from "../../db";
import { histogramSumColumnsSql, BUCKETS } from "./histogram";

export const COMPACTION_MARGIN_SECONDS = 600;

const hist = `ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `h${i + 1}`).join(", ")}]::bigint[]`;

/** Compacts every closed hour after the last compacted one; returns how many rows it wrote. */
export async function compactRollups(db: Queryable): Promise<number> {
  const { rowCount } = await db.query(
    `INSERT INTO execution_rollup_all_hour (bucket, status, count, duration_count, duration_sum_ms, duration_hist)
     SELECT bucket, status, n, dn, dsum, ${hist} FROM (
       SELECT bucket, status, sum(count)::bigint AS n, sum(duration_count)::bigint AS dn, sum(duration_sum_ms)::bigint AS dsum,
              ${histogramSumColumnsSql("duration_hist")}
         FROM execution_rollup_hour
        WHERE bucket > COALESCE((SELECT max(bucket) FROM execution_rollup_all_hour), '-infinity')
          AND bucket < date_trunc('hour', now() - make_interval(secs => $1), 'UTC')
        GROUP BY bucket, status) x
     ON CONFLICT (bucket, status) DO NOTHING`,
    [COMPACTION_MARGIN_SECONDS],
  );
  return rowCount ?? 0;
}

/** The first hour NOT compacted yet: rows below it come from execution_rollup_all_hour. */
export async function compactionWatermark(db: Queryable): Promise<Date | null> {
  const { rows } = await db.query<{ wm: Date | null }>(`SELECT max(bucket) + interval '1 hour' AS wm FROM execution_rollup_all_hour`);
  return rows[0].wm;
}
