// Live state that has no history: the job queue, the worker processes, overdue schedules and the
// dead-letter count. Each read is one index-backed query, bounded even on a huge table.
import type { Queryable } from "../../db";
import { iso } from "../shared/time";

/** A worker counts as live when its heartbeat (every 2 s) is younger than this (worker/heartbeat.ts STALE_MS). */
export const LIVE_WORKER_SECONDS = 10;
/** Counting stops here: the UI shows "100,000+" instead of scanning millions of index entries. */
export const COUNT_CAP = 100_000;

export interface QueueState {
  /** Jobs ready to run now and not taken by a worker. */
  depth: number;
  /** Age of the oldest of them (how long it has been due), 0 when none waits. */
  oldestAgeSeconds: number;
}

// graphile-worker's partial index jobs_main_index (priority, run_at) WHERE is_available holds
// exactly the jobs a worker could take; future jobs (schedules, retry waits) are excluded by run_at.
export async function readQueue(db: Queryable): Promise<QueueState> {
  const { rows } = await db.query<{ depth: number; oldest: number | null }>(
    `SELECT count(*)::int AS depth, EXTRACT(EPOCH FROM (now() - min(run_at)))::float8 AS oldest
       FROM graphile_worker._private_jobs WHERE is_available AND run_at <= now()`,
  );
  return { depth: rows[0]?.depth ?? 0, oldestAgeSeconds: Math.max(0, Math.round((rows[0]?.oldest ?? 0) * 10) / 10) };
}

export interface LiveWorker {
  workerId: string;
  pid: number;
  hostname: string;
  startedAt: string;
  lastSeenAt: string;
}

export async function liveWorkers(db: Queryable): Promise<LiveWorker[]> {
  const { rows } = await db.query(
    `SELECT worker_id, pid, hostname, started_at, last_seen_at FROM worker_heartbeat
      WHERE last_seen_at > now() - make_interval(secs => $1) ORDER BY started_at, worker_id LIMIT 200`,
    [LIVE_WORKER_SECONDS],
  );
  return rows.map((r) => ({ workerId: r.worker_id, pid: r.pid, hostname: r.hostname, startedAt: iso(r.started_at)!, lastSeenAt: iso(r.last_seen_at)! }));
}

export async function countLiveWorkers(db: Queryable): Promise<number> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM worker_heartbeat WHERE last_seen_at > now() - make_interval(secs => $1)`,
    [LIVE_WORKER_SECONDS],
  );
  return rows[0].n;
}

/** Failed executions waiting in the dead-letter view (capped at COUNT_CAP). */
export async function countDeadLetter(db: Queryable): Promise<{ count: number; capped: boolean }> {
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM (SELECT 1 FROM task_execution WHERE status = 'failed' LIMIT $1) x`,
    [COUNT_CAP + 1],
  );
  const n = rows[0].n;
  return { count: Math.min(n, COUNT_CAP), capped: n > COUNT_CAP };
}

/** Executions not finished yet, by status (the partial index task_execution_active_idx). */
export async function countActive(db: Queryable): Promise<Record<"pending" | "running" | "retrying", number>> {
  const { rows } = await db.query<{ status: string; n: number }>(
    `SELECT status::text, count(*)::int AS n FROM (
       SELECT status FROM task_execution WHERE status IN ('pending', 'running', 'retrying') LIMIT $1) x GROUP BY status`,
    [COUNT_CAP + 1],
  );
  const out = { pending: 0, running: 0, retrying: 0 };
  for (const r of rows) out[r.status as keyof typeof out] = r.n;
  return out;
}

export interface OverdueSchedule {
  ruleId: string;
  name: string;
  triggerType: string;
  nextFireAt: string;
  lateSeconds: number;
}

/**
 * Enabled time rules whose booked fire is more than `graceSeconds` in the past: the fire job has
 * not run (no worker, a stuck or lost job). Normally a fire runs within a second of its time.
 */
export async function overdueSchedules(db: Queryable, graceSeconds: number, ruleId?: string | null): Promise<OverdueSchedule[]> {
  const { rows } = await db.query(
    `SELECT rule_id, name, trigger_type, next_fire_at, EXTRACT(EPOCH FROM (now() - next_fire_at))::float8 AS late
       FROM automation_rule
      WHERE status = 'enabled' AND deleted_at IS NULL AND trigger_type IN ('cron', 'interval', 'once')
        AND next_fire_at < now() - make_interval(secs => $1) AND ($2::uuid IS NULL OR rule_id = $2::uuid)
      ORDER BY next_fire_at LIMIT 100`,
    [graceSeconds, ruleId ?? null],
  );
  return rows.map((r) => ({ ruleId: r.rule_id, name: r.name, triggerType: r.trigger_type, nextFireAt: iso(r.next_fire_at)!, lateSeconds: Math.round(r.late) }));
}

export interface MissedFires {
  ruleId: string;
  name: string | null;
  missed: number;
  lastScheduledFor: string;
}

/** Fires recorded `missed` (misfire policy after an outage) since `sinceSeconds` ago, per rule. */
export async function recentMissedFires(db: Queryable, sinceSeconds: number, ruleId?: string | null): Promise<MissedFires[]> {
  const { rows } = await db.query(
    `SELECT f.rule_id, r.name, f.missed, f.last_for FROM (
        SELECT rule_id, count(*)::int AS missed, max(scheduled_for) AS last_for FROM rule_fire
         WHERE outcome = 'missed' AND created_at >= now() - make_interval(secs => $1)
           AND ($2::uuid IS NULL OR rule_id = $2::uuid)
         GROUP BY rule_id) f
       LEFT JOIN automation_rule r ON r.rule_id = f.rule_id
      ORDER BY f.missed DESC, f.rule_id LIMIT 100`,
    [sinceSeconds, ruleId ?? null],
  );
  return rows.map((r) => ({ ruleId: r.rule_id, name: r.name, missed: r.missed, lastScheduledFor: iso(r.last_for)! }));
}
