// The ceiling: raw graphile-worker no-op jobs per second on the same Postgres, database and
// worker settings as Autoflow's worker (concurrency, poll interval, pool), in its own process.
// Usage: node --import tsx bench/ceiling-worker.ts <databaseUrl> <jobs> <default|local20|local100>
import { EventEmitter } from "node:events";
import pg from "pg";
import { run, Logger } from "graphile-worker";

const [url, jobsArg, mode] = process.argv.slice(2);
const jobs = Number(jobsArg);
const concurrency = Number(process.env.CEILING_CONCURRENCY ?? 10);
const pool = new pg.Pool({ connectionString: url, max: 20 });
pool.on("error", () => {});

await pool.query(`DELETE FROM graphile_worker._private_jobs`).catch(() => {});
for (let i = 0; i < jobs; i += 1000) {
  const n = Math.min(1000, jobs - i);
  await pool.query(
    `SELECT graphile_worker.add_jobs(array(SELECT json_populate_record(null::graphile_worker.job_spec, json_build_object('identifier', 'noop', 'payload', json_build_object('i', g))) FROM generate_series(1, $1) g))`,
    [n],
  );
}

const worker: Record<string, unknown> =
  mode === "default"
    ? {}
    : { localQueue: { size: mode === "local100" ? 100 : 20, refetchDelay: { durationMs: 100 } }, completeJobBatchDelay: 0, failJobBatchDelay: 0 };
const events = new EventEmitter();
let done = 0;
let first = 0;
let last = 0;
const finished = new Promise<void>((resolve) => {
  events.on("job:start", () => {
    if (!first) first = performance.now();
  });
  events.on("job:complete", () => {
    done++;
    last = performance.now();
    if (done >= jobs) resolve();
  });
});
const cpu0 = process.cpuUsage();
const runner = await run({
  pgPool: pool,
  taskList: { noop: async () => {} },
  concurrency,
  noHandleSignals: true,
  pollInterval: 500,
  logger: new Logger(() => () => {}),
  events,
  preset: { worker },
});
const timeout = new Promise<void>((r) => setTimeout(r, 300_000).unref());
await Promise.race([finished, timeout]);
const cpu = process.cpuUsage(cpu0);
await runner.stop();
// graphile-worker completes jobs in batches: wait until the table is empty (or 10 s).
for (let i = 0; i < 100; i++) {
  const { rows } = await pool.query(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs`);
  if (rows[0].n === 0) break;
  await new Promise((r) => setTimeout(r, 100));
}
const seconds = (last - first) / 1000;
console.log(JSON.stringify({ mode, jobs: done, seconds, jobsPerSecond: Math.round(done / seconds), workerCpuSeconds: (cpu.user + cpu.system) / 1e6 }));
await pool.end();
