// Retention: executions (with their action logs), events and fires older than
// AUTOFLOW_RETENTION_DAYS are deleted in small batches, each batch its own short transaction, so
// the sweep never holds locks or bloats one transaction however much has piled up. The
// `retention` task runs it periodically and comes back sooner while there is more to delete.
//
// Only finished executions go (a very old one still pending or running stays). Rollups are not
// executions: per-minute rows are kept 2 days (the 1-hour range, alert windows), per-hour rows
// (per rule and compacted) 90 days (24 h to 30 day ranges, even after the executions behind them
// are gone), and the running totals behind the Prometheus counters forever (a counter must never
// go down).
import { pool } from "../../db";
import { env } from "../../env";

export const MINUTE_ROLLUP_DAYS = 2;
export const HOUR_ROLLUP_DAYS = 90;

export interface RetentionOptions {
  days?: number;
  batchSize?: number;
  /** Statements per run, across all tables: bounds one run's time. */
  maxBatches?: number;
}

export interface RetentionReport {
  cutoff: string;
  deleted: Record<"executions" | "actionLogs" | "events" | "fires" | "minuteRollups" | "hourRollups" | "compactedRollups", number>;
  /** A batch came back full: there is more to delete. */
  more: boolean;
}

type Step = (cutoffDays: number, batch: number) => Promise<{ n: number; extra?: number }>;

const q = async (sql: string, params: unknown[]) => (await pool().query<{ n: number; extra?: number }>(sql, params)).rows[0];

// Oldest first on task_execution_created_at_idx; the action logs go in the same statement.
const deleteExecutions: Step = (days, batch) =>
  q(
    `WITH doomed AS (
       SELECT execution_id FROM task_execution
        WHERE created_at < now() - make_interval(days => $1) AND status IN ('success', 'failed', 'skipped', 'cancelled')
        ORDER BY created_at LIMIT $2 FOR UPDATE SKIP LOCKED),
     logs AS (DELETE FROM action_execution_log WHERE execution_id IN (SELECT execution_id FROM doomed) RETURNING 1),
     gone AS (DELETE FROM task_execution WHERE execution_id IN (SELECT execution_id FROM doomed) RETURNING 1)
     SELECT (SELECT count(*) FROM gone)::int AS n, (SELECT count(*) FROM logs)::int AS extra`,
    [days, batch],
  );

const deleteEvents: Step = (days, batch) =>
  q(
    `WITH gone AS (DELETE FROM event WHERE id IN (
        SELECT id FROM event WHERE received_at < now() - make_interval(days => $1) ORDER BY received_at LIMIT $2) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [days, batch],
  );

const deleteFires: Step = (days, batch) =>
  q(
    `WITH gone AS (DELETE FROM rule_fire WHERE id IN (
        SELECT id FROM rule_fire WHERE created_at < now() - make_interval(days => $1) ORDER BY created_at LIMIT $2) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [days, batch],
  );

const deleteRollups = (table: string, days: number): Step => (_d, batch) =>
  q(
    `WITH gone AS (DELETE FROM ${table} WHERE ctid = ANY(ARRAY(
        SELECT ctid FROM ${table} WHERE bucket < now() - make_interval(days => $1) ORDER BY bucket LIMIT $2)) RETURNING 1)
     SELECT count(*)::int AS n FROM gone`,
    [days, batch],
  );

export async function runRetention(opts: RetentionOptions = {}): Promise<RetentionReport> {
  const days = opts.days ?? env().AUTOFLOW_RETENTION_DAYS;
  const batch = opts.batchSize ?? 1_000;
  let budget = opts.maxBatches ?? 40;
  const deleted: RetentionReport["deleted"] = { executions: 0, actionLogs: 0, events: 0, fires: 0, minuteRollups: 0, hourRollups: 0, compactedRollups: 0 };
  const steps: [keyof RetentionReport["deleted"], Step, number][] = [
    ["executions", deleteExecutions, days],
    ["events", deleteEvents, days],
    ["fires", deleteFires, days],
    ["minuteRollups", deleteRollups("execution_rollup", MINUTE_ROLLUP_DAYS), MINUTE_ROLLUP_DAYS],
    ["hourRollups", deleteRollups("execution_rollup_hour", HOUR_ROLLUP_DAYS), HOUR_ROLLUP_DAYS],
    ["compactedRollups", deleteRollups("execution_rollup_all_hour", HOUR_ROLLUP_DAYS), HOUR_ROLLUP_DAYS],
  ];
  let more = false;
  for (const [name, step, d] of steps) {
    for (;;) {
      if (budget <= 0) {
        more = true;
        break;
      }
      budget--;
      const r = await step(d, batch);
      deleted[name] += r.n;
      if (name === "executions") deleted.actionLogs += r.extra ?? 0;
      if (r.n < batch) break;
    }
  }
  const cutoff = new Date(Date.now() - days * 86_400_000).toISOString();
  return { cutoff, deleted, more };
}
