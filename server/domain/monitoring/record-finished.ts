// Rollups, maintained as executions finish. The engine calls this in the transaction that writes a
// batch's outcomes (run-executions.ts writeBatch), so a finish and its count commit together: the
// rollups can neither miss an execution nor count one twice when a batch is retried.
//
// ONE statement per batch: per-minute rows (ranges ≤ 24 h, alert windows), per-hour rows (7 and
// 30 days), running totals per rule and status (Prometheus counters) and action-attempt
// durations per rule and action type (Prometheus histogram). Rows are keyed by rule, so two
// batches only ever contend for the same rows when they finish executions of the same rule —
// and those already serialise on the rule's row (writeBatch updates last_run_at before this).
// Each INSERT takes its rows in key order, so concurrent batches cannot deadlock on them.
//
// Which executions count: among `ids`, those that THIS transaction moved to a final status
// (their row version was written by it: xmin = the current transaction id). An outcome that
// found its execution already taken over by another worker updates nothing and counts nothing;
// a "come back later" outcome that a concurrent cancel turned into `cancelled` does count.
// Callers whose write already committed (the claim statement) pass `committed: true` and only
// ids they know they finished.
//
// A finish is counted once, at its end_time. An execution retried by hand (failed → pending) and
// finishing again is counted again: the rollups count finishes, as Prometheus counters must (they
// never go down). Without manual retries they equal the executions in the table by rule and status.
import type { Queryable } from "../../db";
import { bucketOfSql, histogramAddSql, histogramAggSql } from "./histogram";

const FINAL = `('success', 'failed', 'skipped', 'cancelled')`;
const bucketOf = (ms: string) => `CASE WHEN ${ms} IS NULL THEN NULL ELSE ${bucketOfSql(ms)} END`;

const upsertRollup = (table: string, unit: "minute" | "hour") => `
  INSERT INTO ${table} AS r (bucket, rule_id, status, count, duration_count, duration_sum_ms, duration_hist)
  SELECT date_trunc('${unit}', end_time, 'UTC'), rule_id, status, count(*), count(ms), COALESCE(round(sum(ms)), 0)::bigint, ${histogramAggSql("b")}
    FROM fin GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
  ON CONFLICT (bucket, rule_id, status) DO UPDATE SET
    count = r.count + EXCLUDED.count,
    duration_count = r.duration_count + EXCLUDED.duration_count,
    duration_sum_ms = r.duration_sum_ms + EXCLUDED.duration_sum_ms,
    duration_hist = ${histogramAddSql("r.duration_hist", "EXCLUDED.duration_hist")}`;

// Action attempts of the finished run: logs written since the run started (a manual retry resets
// start_time, so the attempts of an earlier run, already counted then, are left out; one second
// of slack for a worker clock slightly behind the database's).
const RECORD_SQL = `
  WITH fin AS (
    SELECT x.*, ${bucketOf("x.ms")} AS b FROM (
      SELECT e.execution_id, e.rule_id, e.status, e.start_time, e.end_time,
             CASE WHEN e.start_time IS NOT NULL THEN GREATEST(0, EXTRACT(EPOCH FROM (e.end_time - e.start_time)) * 1000) END AS ms
        FROM task_execution e
       WHERE e.execution_id = ANY($1::bigint[]) AND e.status IN ${FINAL} AND e.end_time IS NOT NULL
         AND ($2::boolean OR e.xmin = pg_current_xact_id()::xid)
    ) x
  ),
  m AS (${upsertRollup("execution_rollup", "minute")}),
  h AS (${upsertRollup("execution_rollup_hour", "hour")}),
  t AS (
    INSERT INTO execution_total AS r (rule_id, status, count)
    SELECT rule_id, status, count(*) FROM fin GROUP BY 1, 2 ORDER BY 1, 2
    ON CONFLICT (rule_id, status) DO UPDATE SET count = r.count + EXCLUDED.count
  ),
  a AS (
    INSERT INTO action_duration_total AS r (rule_id, action_type, status, count, duration_sum_ms, duration_hist)
    SELECT rule_id, action_type, status, count(*), COALESCE(round(sum(ms)), 0)::bigint, ${histogramAggSql("b")}
      FROM (
        SELECT f.rule_id, l.action_type, l.status, y.ms, ${bucketOf("y.ms")} AS b
          FROM fin f
          JOIN action_execution_log l ON l.execution_id = f.execution_id
          CROSS JOIN LATERAL (SELECT GREATEST(0, EXTRACT(EPOCH FROM (l.end_time - l.start_time)) * 1000) AS ms) y
         WHERE l.end_time IS NOT NULL AND (f.start_time IS NULL OR l.start_time >= f.start_time - interval '1 second')
      ) z
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (rule_id, action_type, status) DO UPDATE SET
      count = r.count + EXCLUDED.count,
      duration_sum_ms = r.duration_sum_ms + EXCLUDED.duration_sum_ms,
      duration_hist = ${histogramAddSql("r.duration_hist", "EXCLUDED.duration_hist")}
  )
  SELECT count(*)::int AS n FROM fin`;

/** Counts the executions among `ids` that this transaction finished (see above); returns how many. */
export async function recordFinishedExecutions(db: Queryable, ids: readonly string[], opts: { committed?: boolean } = {}): Promise<number> {
  if (ids.length === 0) return 0;
  // A named statement: planned once per connection, not on every batch.
  const { rows } = await db.query<{ n: number }>({ name: "autoflow_record_finished", text: RECORD_SQL, values: [ids, opts.committed ?? false] });
  return rows[0]?.n ?? 0;
}
