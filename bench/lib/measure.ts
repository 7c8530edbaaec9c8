// Figures read back from the database after a run: every timestamp comes from Postgres' clock.
import type pg from "pg";
import { summarize, sleep, type Summary } from "./stats";
import type { Stack } from "./stack";
import { CpuMeter, pidsNamed } from "./processes";

/** Waits until `expected` executions are final (or the time is up); returns how many succeeded. */
export async function waitForExecutions(pool: pg.Pool, ruleId: string | null, expected: number, timeoutMs: number, onProgress?: (done: number) => void): Promise<{ success: number; final: number; total: number; timedOut: boolean }> {
  const deadline = Date.now() + timeoutMs;
  let last = { success: 0, final: 0, total: 0 };
  let lastChange = Date.now();
  for (let i = 0; i < 100_000 && Date.now() < deadline; i++) {
    const { rows } = await pool.query<{ success: number; final: number; total: number }>(
      `SELECT count(*) FILTER (WHERE status = 'success')::int AS success,
              count(*) FILTER (WHERE status IN ('success', 'failed', 'skipped', 'cancelled'))::int AS final,
              count(*)::int AS total FROM task_execution WHERE $1::uuid IS NULL OR rule_id = $1::uuid`,
      [ruleId],
    );
    if (rows[0].final !== last.final) lastChange = Date.now();
    last = rows[0];
    onProgress?.(last.final);
    if (last.final >= expected) return { ...last, timedOut: false };
    // Nothing moved for 60 s: stuck, stop waiting.
    if (Date.now() - lastChange > 60_000) break;
    await sleep(expected > 5000 ? 1000 : 250);
  }
  return { ...last, timedOut: true };
}

export interface Throughput {
  executions: number;
  seconds: number;
  perSecond: number;
  /** the best and the median of per-second completion counts between the 10th and 90th percentile of end times */
  plateauPerSecond: { median: number; best: number };
}

/** Executions per second from the first accepted event to the last finished execution. */
export async function throughputFromDb(pool: pg.Pool, ruleId: string, eventType: string): Promise<Throughput> {
  const where = `e.rule_id = '${ruleId}'`;
  const { rows } = await pool.query(
    `SELECT count(*)::int AS n,
            EXTRACT(EPOCH FROM (max(e.end_time) - (SELECT min(received_at) FROM event WHERE type = $1))) AS seconds
       FROM task_execution e WHERE e.status = 'success' AND ${where}`,
    [eventType],
  );
  const { rows: perSec } = await pool.query<{ n: number }>(
    // MATERIALIZED: computed once. Inlined, on a table not analysed yet (a short run), the planner
    // put the percentiles inside a nested loop and re-ran them for every execution (minutes).
    `WITH b AS MATERIALIZED (SELECT percentile_disc(0.1) WITHIN GROUP (ORDER BY end_time) AS lo,
                       percentile_disc(0.9) WITHIN GROUP (ORDER BY end_time) AS hi
                  FROM task_execution e WHERE status = 'success' AND ${where})
     SELECT count(*)::int AS n FROM task_execution e, b
      WHERE e.status = 'success' AND ${where} AND e.end_time >= date_trunc('second', b.lo) + interval '1 second' AND e.end_time < date_trunc('second', b.hi)
      GROUP BY date_trunc('second', e.end_time) ORDER BY 1`,
  );
  const counts = perSec.map((r) => r.n);
  const n = rows[0].n as number;
  const seconds = Number(rows[0].seconds ?? 0);
  return {
    executions: n,
    seconds: Number(seconds.toFixed(2)),
    perSecond: seconds > 0 ? Math.round(n / seconds) : 0,
    plateauPerSecond: { median: counts.length ? counts[Math.floor(counts.length / 2)] : 0, best: counts.length ? counts[counts.length - 1] : 0 },
  };
}

export interface Latency {
  /** accepted → execution created by the dispatch job */
  dispatched: Summary;
  start: Summary;
  end: Summary;
}

/** From the event's acceptance (event.received_at, the ingest transaction's start) to the execution's start and end. */
export async function latencyFromDb(pool: pg.Pool, ruleId: string): Promise<Latency> {
  const where = `x.rule_id = '${ruleId}'`;
  const { rows } = await pool.query<{ d: number; s: number; e: number }>(
    `SELECT EXTRACT(EPOCH FROM (x.created_at - ev.received_at)) * 1000 AS d,
            EXTRACT(EPOCH FROM (x.start_time - ev.received_at)) * 1000 AS s,
            EXTRACT(EPOCH FROM (x.end_time - ev.received_at)) * 1000 AS e
       FROM task_execution x JOIN event ev ON ev.event_id = x.trigger_event_id
      WHERE x.status = 'success' AND ${where}`,
  );
  return { dispatched: summarize(rows.map((r) => Number(r.d))), start: summarize(rows.map((r) => Number(r.s))), end: summarize(rows.map((r) => Number(r.e))) };
}

/** CPU groups: web tree, worker trees, this database's Postgres backends, this process. */
export async function cpuMeterFor(stack: Stack): Promise<{ meter: CpuMeter; refreshBackends: () => Promise<void> }> {
  let backends: number[] = [];
  let allPostgres: number[] = [];
  const dbName = new URL(stack.url).pathname.slice(1);
  const refreshBackends = async () => {
    const { rows } = await stack.pool.query<{ pid: number }>(`SELECT pid FROM pg_stat_activity WHERE datname = $1`, [dbName]);
    backends = [...new Set([...backends, ...rows.map((r) => r.pid)])];
    allPostgres = [...new Set([...allPostgres, ...pidsNamed("postgres")])];
  };
  await refreshBackends();
  const meter = new CpuMeter(() => ({
    web: stack.web?.treePids() ?? [],
    workers: stack.workers.flatMap((w) => w.treePids()),
    postgres: backends,
    // every postgres process: our backends plus WAL writer, checkpointer, autovacuum (and any other database's)
    postgresAll: allPostgres,
    bench: [process.pid],
  }));
  return { meter, refreshBackends };
}
