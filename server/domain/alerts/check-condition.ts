// One check of one alert rule's condition: is it violated now, the value behind the answer, and
// a one-line summary for the notice. Each kind is one or two small indexed reads (rollups, the
// partial job index, heartbeats), so checking every alert every 10 s costs next to nothing.
import type { Queryable } from "../../db";
import { countLiveWorkers, overdueSchedules, readQueue, recentMissedFires } from "../monitoring/system-state";
import type { AlertKind, AlertParams } from "./alert-schema";

export interface CheckResult {
  violated: boolean;
  value: number | null;
  summary: string;
  details: Record<string, unknown>;
}

export interface CheckedAlert {
  kind: AlertKind;
  rule_id: string | null;
  rule_name: string | null;
  params: Record<string, unknown>;
}

/** How far back an all-rules consecutive_failures alert looks for rules that failed at all. */
export const CONSECUTIVE_LOOKBACK_SECONDS = 86_400;

const pct = (x: number) => `${Math.round(x * 1000) / 10} %`;
const scopeText = (a: CheckedAlert) => (a.rule_id ? `rule '${a.rule_name ?? a.rule_id}'` : "all rules");
const dur = (s: number) => (s < 120 ? `${Math.round(s)} s` : s < 7200 ? `${Math.round(s / 60)} min` : `${Math.round(s / 3600)} h`);

export async function checkCondition(db: Queryable, a: CheckedAlert): Promise<CheckResult> {
  switch (a.kind) {
    case "failure_rate":
      return failureRate(db, a, a.params as AlertParams<"failure_rate">);
    case "consecutive_failures":
      return consecutiveFailures(db, a, a.params as AlertParams<"consecutive_failures">);
    case "missed_schedule":
      return missedSchedule(db, a, a.params as AlertParams<"missed_schedule">);
    case "queue_backlog": {
      const p = a.params as AlertParams<"queue_backlog">;
      const q = await readQueue(db);
      const old = q.oldestAgeSeconds > p.maxAgeSeconds;
      const deep = p.maxDepth !== undefined && q.depth > p.maxDepth;
      return {
        violated: old || deep,
        value: q.oldestAgeSeconds,
        summary: `Queue: ${q.depth} ready job(s), the oldest waiting ${dur(q.oldestAgeSeconds)} (limit ${dur(p.maxAgeSeconds)}${p.maxDepth !== undefined ? `, ${p.maxDepth} jobs` : ""})`,
        details: { ...q, maxAgeSeconds: p.maxAgeSeconds, maxDepth: p.maxDepth ?? null },
      };
    }
    case "worker_count": {
      const p = a.params as AlertParams<"worker_count">;
      const live = await countLiveWorkers(db);
      return {
        violated: live < p.minWorkers,
        value: live,
        summary: `${live} live worker process(es), at least ${p.minWorkers} expected`,
        details: { live, minWorkers: p.minWorkers },
      };
    }
  }
}

// Failed ÷ (succeeded + failed) over the window, from the per-minute rollups: the window is
// counted in whole minutes (the current one included), so it reaches up to a minute further back.
async function failureRate(db: Queryable, a: CheckedAlert, p: AlertParams<"failure_rate">): Promise<CheckResult> {
  const { rows } = await db.query<{ rule_id: string; name: string | null; failed: number; finished: number }>(
    `SELECT x.rule_id, r.name, x.failed, x.finished FROM (
        SELECT rule_id, COALESCE(sum(count) FILTER (WHERE status = 'failed'), 0)::float8 AS failed, sum(count)::float8 AS finished
          FROM execution_rollup
         WHERE bucket >= date_trunc('minute', now() - make_interval(secs => $1), 'UTC') AND status IN ('success', 'failed')
           AND ($2::uuid IS NULL OR rule_id = $2::uuid)
         GROUP BY rule_id) x
       LEFT JOIN automation_rule r ON r.rule_id = x.rule_id
      ORDER BY x.failed DESC, x.rule_id`,
    [p.windowSeconds, a.rule_id],
  );
  const failed = rows.reduce((s, r) => s + r.failed, 0);
  const finished = rows.reduce((s, r) => s + r.finished, 0);
  const rate = finished ? failed / finished : 0;
  return {
    violated: finished >= p.minExecutions && rate >= p.threshold,
    value: rate,
    summary: `Failure rate ${pct(rate)} (${failed} of ${finished} finished) over ${dur(p.windowSeconds)} for ${scopeText(a)}; threshold ${pct(p.threshold)}`,
    details: {
      failed,
      finished,
      rate,
      threshold: p.threshold,
      windowSeconds: p.windowSeconds,
      rules: rows.filter((r) => r.failed > 0).slice(0, 10).map((r) => ({ ruleId: r.rule_id, name: r.name, failed: r.failed, finished: r.finished })),
    },
  };
}

// The last `count` finished executions of each candidate rule (newest first on the rule's
// (rule_id, execution_id) index) all failed. Candidates: the scoped rule, or every rule with a
// failure in the last day.
async function consecutiveFailures(db: Queryable, a: CheckedAlert, p: AlertParams<"consecutive_failures">): Promise<CheckResult> {
  const { rows } = await db.query<{ rule_id: string; name: string | null; failed: number }>(
    `SELECT c.rule_id, r.name, x.failed FROM (
        SELECT $1::uuid AS rule_id WHERE $1::uuid IS NOT NULL
        UNION
        SELECT DISTINCT rule_id FROM execution_rollup_hour
         WHERE $1::uuid IS NULL AND status = 'failed' AND bucket >= date_trunc('hour', now() - make_interval(secs => $3), 'UTC')
      ) c
      CROSS JOIN LATERAL (
        SELECT count(*) FILTER (WHERE s.status = 'failed')::int AS failed, count(*)::int AS n FROM (
          SELECT status FROM task_execution WHERE rule_id = c.rule_id AND status IN ('success', 'failed')
           ORDER BY execution_id DESC LIMIT $2) s
      ) x
      LEFT JOIN automation_rule r ON r.rule_id = c.rule_id
     WHERE x.n = $2 AND x.failed = $2
     ORDER BY c.rule_id LIMIT 100`,
    [a.rule_id, p.count, CONSECUTIVE_LOOKBACK_SECONDS],
  );
  const names = rows.map((r) => `'${r.name ?? r.rule_id}'`);
  return {
    violated: rows.length > 0,
    value: rows.length,
    summary: rows.length
      ? `${p.count} consecutive failures: ${names.slice(0, 5).join(", ")}${names.length > 5 ? ` and ${names.length - 5} more` : ""}`
      : `No rule of ${scopeText(a)} has ${p.count} consecutive failures`,
    details: { count: p.count, rules: rows.map((r) => ({ ruleId: r.rule_id, name: r.name })) },
  };
}

// Dead-man's switch for schedules: something that should have happened did not. Either a fire is
// overdue right now (no worker took the fire job), or the scheduler recorded fires as `missed`
// (it caught up after an outage) within the window.
async function missedSchedule(db: Queryable, a: CheckedAlert, p: AlertParams<"missed_schedule">): Promise<CheckResult> {
  const [overdue, missed] = await Promise.all([overdueSchedules(db, p.graceSeconds, a.rule_id), recentMissedFires(db, p.windowSeconds, a.rule_id)]);
  const rules = new Set([...overdue.map((o) => o.ruleId), ...missed.map((m) => m.ruleId)]);
  const parts = [
    ...overdue.slice(0, 5).map((o) => `'${o.name}' is ${dur(o.lateSeconds)} late (fire due ${o.nextFireAt})`),
    ...missed.slice(0, 5).map((m) => `'${m.name ?? m.ruleId}' missed ${m.missed} fire(s), the last planned for ${m.lastScheduledFor}`),
  ];
  return {
    violated: rules.size > 0,
    value: rules.size,
    summary: rules.size ? `Missed schedule: ${parts.join("; ")}` : `Every schedule of ${scopeText(a)} fires on time`,
    details: { graceSeconds: p.graceSeconds, windowSeconds: p.windowSeconds, overdue, missed },
  };
}
