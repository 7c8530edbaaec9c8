// Cron lateness with many enabled per-minute rules, and that each scheduled time fired exactly once.
// "aligned": every rule is `* * * * *`, so all of them are due at the same second (the worst case);
// "spread": `S * * * * *` with S = i mod 60, the same number of rules and fires per minute spread
// over the minute. Lateness = when the fire ran (rule_fire.created_at, the fire transaction's
// start) − its scheduled time; also to the execution's start and end. All times from Postgres.
import type { BenchServer } from "../lib/database";
import { startStack, notifyAction, type Stack } from "../lib/stack";
import { summarize, sleep, type Summary } from "../lib/stats";
import { cpuMeterFor } from "../lib/measure";
import type { CpuReport } from "../lib/processes";

export interface CronResult {
  variant: "aligned" | "spread";
  rules: number;
  workers: number;
  createSeconds: number;
  scheduledTimes: string[];
  expectedFires: number;
  fires: number;
  missing: number;
  duplicateFires: number;
  duplicateExecutions: number;
  notSucceeded: number;
  notificationsMissing: number;
  notificationsDuplicated: number;
  lateOver1s: number;
  lateOverMisfireThreshold: number;
  fireLatenessMs: Summary;
  startLatenessMs: Summary;
  endLatenessMs: Summary;
  firesPerSecond: number;
  cpu: CpuReport;
  peakRssMb: { web: number | null; workers: number[] };
}

async function createRules(stack: Awaited<ReturnType<typeof startStack>>, n: number, cronOf: (i: number) => string, log: (s: string) => void): Promise<void> {
  let next = 0;
  let lastLog = Date.now();
  const lane = async () => {
    for (let guard = 0; guard < n && next < n; guard++) {
      const i = next++;
      const doc = { name: `cron ${i}`, trigger: { type: "cron", cron: cronOf(i) }, actions: [notifyAction(`cron ${i}`)] };
      for (let attempt = 0; attempt < 5; attempt++) {
        const r = await stack.client.request("POST", "/rules", doc).catch(() => null);
        if (r?.status !== 201) continue;
        const e = await stack.client.request("POST", `/rules/${r.body.id}/enable`).catch(() => null);
        if (e?.status === 200) break;
      }
      if (Date.now() - lastLog > 10_000) {
        lastLog = Date.now();
        log(`  created ${next}/${n} rules`);
      }
    }
  };
  await Promise.all(Array.from({ length: 12 }, lane));
}

export async function runCron(
  server: BenchServer,
  o: {
    variant: "aligned" | "spread";
    rules: number;
    minutes: number;
    workers: number;
    port: number;
    log: (s: string) => void;
    workerNodeArgs?: string[];
    webNodeArgs?: string[];
    /** profiling hooks, around the measured window */
    beforeMeasure?: (stack: Stack) => Promise<void>;
    afterMeasure?: (stack: Stack) => Promise<void>;
  },
): Promise<CronResult> {
  const stack = await startStack(server, { dbName: "autoflow_bench", port: o.port, workers: o.workers, log: o.log, workerNodeArgs: o.workerNodeArgs, webNodeArgs: o.webNodeArgs });
  try {
    const t0 = Date.now();
    await createRules(stack, o.rules, (i) => (o.variant === "aligned" ? "* * * * *" : `${i % 60} * * * * *`), o.log);
    const createSeconds = (Date.now() - t0) / 1000;
    const enabled = (await stack.pool.query(`SELECT count(*)::int AS n FROM automation_rule WHERE status = 'enabled'`)).rows[0].n as number;
    // The first whole minute at least 10 s after the last rule was enabled: every rule is booked for it.
    const { rows: clock } = await stack.pool.query<{ t: Date }>(`SELECT date_trunc('minute', now() + interval '70 seconds') AS t`);
    const first = clock[0].t;
    const times = Array.from({ length: o.minutes }, (_, k) => new Date(first.getTime() + k * 60_000));
    const windowEnd = new Date(first.getTime() + o.minutes * 60_000);
    const expected = enabled * o.minutes;
    o.log(`  ${enabled} ${o.variant} rules enabled in ${createSeconds.toFixed(0)} s; measuring fires from ${first.toISOString()} for ${o.minutes} min`);
    // Wait for the window to start, then measure until every expected fire ran and finished.
    for (let i = 0; i < 200 && Date.now() < first.getTime() - 2_000; i++) await sleep(Math.min(5_000, first.getTime() - 2_000 - Date.now()));
    await o.beforeMeasure?.(stack);
    const { meter, refreshBackends } = await cpuMeterFor(stack);
    meter.start();
    const refresher = setInterval(() => void refreshBackends().catch(() => {}), 5_000);
    const deadline = windowEnd.getTime() + 240_000;
    let done = 0;
    for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
      const { rows } = await stack.pool.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM rule_fire f JOIN task_execution e ON e.execution_id = f.execution_id
          WHERE f.scheduled_for >= $1 AND f.scheduled_for < $2 AND e.status IN ('success', 'failed', 'skipped', 'cancelled')`,
        [first, windowEnd],
      );
      done = rows[0].n;
      if (done >= expected && Date.now() > windowEnd.getTime()) break;
      await sleep(1_000);
    }
    clearInterval(refresher);
    const cpu = meter.stop();
    await o.afterMeasure?.(stack);
    const { rows: lat } = await stack.pool.query<{ f: number; s: number | null; e: number | null }>(
      `SELECT EXTRACT(EPOCH FROM (f.created_at - f.scheduled_for)) * 1000 AS f,
              EXTRACT(EPOCH FROM (e.start_time - f.scheduled_for)) * 1000 AS s,
              EXTRACT(EPOCH FROM (e.end_time - f.scheduled_for)) * 1000 AS e
         FROM rule_fire f LEFT JOIN task_execution e ON e.execution_id = f.execution_id
        WHERE f.scheduled_for >= $1 AND f.scheduled_for < $2`,
      [first, windowEnd],
    );
    const q = async (sql: string) => Number((await stack.pool.query(sql, [first, windowEnd])).rows[0].n);
    const duplicateFires = await q(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM rule_fire WHERE scheduled_for >= $1 AND scheduled_for < $2 GROUP BY rule_id, scheduled_for HAVING count(*) > 1) x`,
    );
    const duplicateExecutions = await q(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM task_execution WHERE scheduled_time >= $1 AND scheduled_time < $2 GROUP BY rule_id, scheduled_time HAVING count(*) > 1) x`,
    );
    const notSucceeded = await q(
      `SELECT count(*)::int AS n FROM rule_fire f LEFT JOIN task_execution e ON e.execution_id = f.execution_id
        WHERE f.scheduled_for >= $1 AND f.scheduled_for < $2 AND e.status IS DISTINCT FROM 'success'`,
    );
    const notificationsMissing = await q(
      `SELECT count(*)::int AS n FROM rule_fire f LEFT JOIN notification n ON n.idempotency_key = f.execution_id || ':0'
        WHERE f.scheduled_for >= $1 AND f.scheduled_for < $2 AND n.id IS NULL`,
    );
    const notificationsDuplicated = await q(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM rule_fire f JOIN notification n ON n.execution_id = f.execution_id
        WHERE f.scheduled_for >= $1 AND f.scheduled_for < $2 GROUP BY f.execution_id HAVING count(*) > 1) x`,
    );
    const fireMs = lat.map((r) => Number(r.f));
    const { rows: span } = await stack.pool.query<{ s: number }>(
      `SELECT EXTRACT(EPOCH FROM (max(created_at) - min(created_at))) AS s FROM rule_fire WHERE scheduled_for = $1`,
      [first],
    );
    const rss = stack.peakRss();
    const r: CronResult = {
      variant: o.variant,
      rules: enabled,
      workers: o.workers,
      createSeconds: Number(createSeconds.toFixed(1)),
      scheduledTimes: times.map((t) => t.toISOString()),
      expectedFires: expected,
      fires: lat.length,
      missing: Math.max(0, expected - lat.length),
      duplicateFires,
      duplicateExecutions,
      notSucceeded,
      notificationsMissing,
      notificationsDuplicated,
      lateOver1s: fireMs.filter((x) => x > 1000).length,
      lateOverMisfireThreshold: fireMs.filter((x) => x > 60_000).length,
      fireLatenessMs: summarize(fireMs),
      startLatenessMs: summarize(lat.filter((r) => r.s !== null).map((r) => Number(r.s))),
      endLatenessMs: summarize(lat.filter((r) => r.e !== null).map((r) => Number(r.e))),
      firesPerSecond: o.variant === "aligned" && Number(span[0]?.s) > 0 ? Math.round(enabled / Number(span[0].s)) : 0,
      cpu,
      peakRssMb: { web: rss.webMb, workers: rss.workerMb },
    };
    o.log(`  ${o.variant}: fire lateness p50/p99 ${r.fireLatenessMs.p50}/${r.fireLatenessMs.p99} ms; missing ${r.missing}, duplicate ${r.duplicateFires + r.duplicateExecutions}`);
    return r;
  } finally {
    await stack.stop();
  }
}
