// The monitoring dashboard in one call. Everything about finished executions comes from the
// rollups (record-finished.ts), never from task_execution, so the answer costs the same with
// ten thousand or ten million executions:
//
//   range  source                                         chart slots   rows read (200 busy rules)
//   1h     execution_rollup (per rule, minute)            60 × 1 min    ≤ 60 × rules × statuses
//   24h    execution_rollup_all_hour + the open hours     25 × 1 h      ~100 + ≤ 2 h of per-rule rows
//   7d     the same                                       84 × 2 h      ~700 + …
//   30d    the same                                       60 × 12 h     ~2,900 + …
//
// Hours are compacted across rules once closed (compact-rollups.ts): rows below the watermark
// come from the compacted table, hours above it (the current one, and any not compacted yet) from
// the per-rule hour rows — each hour from exactly one of the two. Ranges over an hour start at
// the hour (up to an hour more than asked); the 1-hour range is exact to the minute. "Top failing
// rules" reads the failed rows through a partial index, then each top rule's hours. Live state
// (queue, workers, schedules, dead letters) comes from small indexed reads (system-state.ts).
// The queries run in parallel on the pool. Measured with 10 million executions: bench/.
import { z } from "zod";
import { pool } from "../../db";
import { iso } from "../shared/time";
import { histogramFromRow, histogramSumColumnsSql, quantileMs, addHistograms, BUCKETS } from "./histogram";
import { compactionWatermark } from "./compact-rollups";
import {
  countActive, countDeadLetter, liveWorkers, overdueSchedules, readQueue, recentMissedFires,
} from "./system-state";

export const RANGES = {
  "1h": { seconds: 3_600, unit: "minute", slotSeconds: 60 },
  "24h": { seconds: 86_400, unit: "hour", slotSeconds: 3_600 },
  "7d": { seconds: 7 * 86_400, unit: "hour", slotSeconds: 7_200 },
  "30d": { seconds: 30 * 86_400, unit: "hour", slotSeconds: 43_200 },
} as const;
export type DashboardRange = keyof typeof RANGES;

export const dashboardInput = z.object({
  range: z.enum(Object.keys(RANGES) as [DashboardRange, ...DashboardRange[]]).default("24h"),
});

/**
 * A schedule counts as overdue on the dashboard when its fire is this late: a fire normally runs
 * within a second, and the contract calls a fire later than 60 s (misfireThresholdSeconds'
 * default) a misfire.
 */
export const OVERDUE_SECONDS = 60;

const FINAL_STATUSES = ["success", "failed", "skipped", "cancelled"] as const;
type FinalStatus = (typeof FINAL_STATUSES)[number];
export type SeriesPoint = { at: string } & Record<FinalStatus, number>;

const ORIGIN = `TIMESTAMPTZ '2000-01-01 00:00:00+00'`;

export async function getDashboard(input: z.input<typeof dashboardInput> = {}) {
  const { range } = dashboardInput.parse(input);
  const cfg = RANGES[range];
  const db = pool();
  const { rows: clock } = await db.query<{ now: Date; from: Date; start: Date }>(
    `SELECT now() AS now, f AS from, date_bin(make_interval(secs => $3), f, ${ORIGIN}) AS start
       FROM (SELECT date_trunc($2, now() - make_interval(secs => $1), 'UTC') AS f) x`,
    [cfg.seconds, cfg.unit, cfg.slotSeconds],
  );
  const { now, from, start } = clock[0];
  const hourly = cfg.unit === "hour";
  const wm = hourly ? await compactionWatermark(db) : null;
  // The rows of the range: compacted hours below the watermark, per-rule rows from it on.
  const source = hourly
    ? `(SELECT bucket, status, count, duration_count, duration_sum_ms, duration_hist FROM execution_rollup_all_hour
         WHERE bucket >= $1 AND bucket < COALESCE($2::timestamptz, '-infinity')
        UNION ALL
        SELECT bucket, status, count, duration_count, duration_sum_ms, duration_hist FROM execution_rollup_hour
         WHERE bucket >= GREATEST($1, COALESCE($2::timestamptz, '-infinity'))) r`
    : `(SELECT bucket, status, count, duration_count, duration_sum_ms, duration_hist FROM execution_rollup WHERE bucket >= $1 AND $2::timestamptz IS NULL) r`;
  const topFailing = hourly
    ? `WITH f AS (
         SELECT rule_id, sum(count)::float8 AS failed FROM execution_rollup_hour WHERE status = 'failed' AND bucket >= $1
          GROUP BY rule_id ORDER BY failed DESC, rule_id LIMIT 10)
       SELECT f.rule_id, r.name, f.failed,
              (SELECT sum(h.count) FROM execution_rollup_hour h
                WHERE h.rule_id = f.rule_id AND h.bucket >= $1 AND h.status IN ('success', 'failed'))::float8 AS finished
         FROM f LEFT JOIN automation_rule r ON r.rule_id = f.rule_id ORDER BY f.failed DESC, f.rule_id`
    : `SELECT t.rule_id, r.name, t.failed, t.finished FROM (
          SELECT rule_id, sum(count) FILTER (WHERE status = 'failed')::float8 AS failed, sum(count)::float8 AS finished
            FROM execution_rollup WHERE bucket >= $1 AND status IN ('success', 'failed') GROUP BY rule_id) t
         LEFT JOIN automation_rule r ON r.rule_id = t.rule_id
        WHERE t.failed > 0 ORDER BY t.failed DESC, t.rule_id LIMIT 10`;

  const [slots, top, queue, workers, deadLetter, active, overdue, missed, incidents] = await Promise.all([
    // One pass for the chart and the totals: counts and duration histograms per slot and status.
    db.query<Record<string, unknown> & { slot: Date; status: FinalStatus; n: number; dn: number; dsum: number }>(
      `SELECT date_bin(make_interval(secs => $3), bucket, ${ORIGIN}) AS slot, status::text AS status, sum(count)::float8 AS n,
              sum(duration_count)::float8 AS dn, sum(duration_sum_ms)::float8 AS dsum, ${histogramSumColumnsSql("duration_hist")}
         FROM ${source} GROUP BY 1, 2`,
      [from, wm, cfg.slotSeconds],
    ),
    db.query<{ rule_id: string; name: string | null; failed: number; finished: number }>(topFailing, [from]),
    readQueue(db),
    liveWorkers(db),
    countDeadLetter(db),
    countActive(db),
    overdueSchedules(db, OVERDUE_SECONDS),
    recentMissedFires(db, cfg.seconds),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_incident WHERE status = 'open'`),
  ]);

  // Every slot of the range, zeros included, so the chart's time axis is continuous.
  const points = new Map<number, SeriesPoint>();
  for (let t = start.getTime(); t <= now.getTime(); t += cfg.slotSeconds * 1000) {
    points.set(t, { at: new Date(t).toISOString(), success: 0, failed: 0, skipped: 0, cancelled: 0 });
  }
  const count: Record<FinalStatus, number> = { success: 0, failed: 0, skipped: 0, cancelled: 0 };
  let hist = new Array<number>(BUCKETS).fill(0);
  let durationSum = 0;
  let durationCount = 0;
  for (const r of slots.rows) {
    if (!(r.status in count)) continue;
    const p = points.get(new Date(r.slot).getTime());
    if (p) p[r.status] += Number(r.n);
    count[r.status] += Number(r.n);
    // Percentiles describe runs that did work: successes and failures (a skipped execution ends
    // at its condition, a cancelled one wherever it was stopped).
    if (r.status === "success" || r.status === "failed") {
      hist = addHistograms(hist, histogramFromRow(r));
      durationSum += Number(r.dsum);
      durationCount += Number(r.dn);
    }
  }
  const finished = FINAL_STATUSES.reduce((a, s) => a + count[s], 0);
  const decided = count.success + count.failed;
  const minutes = Math.max(1, (now.getTime() - from.getTime()) / 60_000);

  return {
    range,
    from: iso(from)!,
    to: iso(now)!,
    slotSeconds: cfg.slotSeconds,
    source: cfg.unit,
    series: [...points.values()],
    totals: { finished, ...count },
    successRate: decided ? count.success / decided : null,
    durationMs: {
      p50: round(quantileMs(hist, 0.5)),
      p95: round(quantileMs(hist, 0.95)),
      p99: round(quantileMs(hist, 0.99)),
      avg: durationCount ? Math.round(durationSum / durationCount) : null,
    },
    throughputPerMinute: Math.round((finished / minutes) * 100) / 100,
    queue,
    workers: { live: workers.length, list: workers },
    deadLetter,
    active,
    topFailingRules: top.rows.map((r) => ({
      ruleId: r.rule_id,
      name: r.name,
      failed: Number(r.failed),
      finished: Number(r.finished),
      failureRate: Number(r.finished) ? Number(r.failed) / Number(r.finished) : 1,
    })),
    schedules: { overdueAfterSeconds: OVERDUE_SECONDS, overdue, missed },
    alerts: { open: incidents.rows[0].n },
  };
}

function round(ms: number | null): number | null {
  return ms === null ? null : Math.round(ms);
}

export type Dashboard = Awaited<ReturnType<typeof getDashboard>>;
