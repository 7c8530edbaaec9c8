// Seeds a database with N finished executions (default 10 million) spread over the last D days,
// and the rollups the engine would have written for them, so the dashboard, /api/metrics and the
// execution lists can be measured at scale (bench/dashboard-latency.ts).
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/autoflow_bench npx tsx bench/seed-executions.ts [--count 10000000]
//        [--rules 200] [--days 30] [--chunk 500000] [--reset]
//
// The database is created and migrated when missing; --reset empties the seeded tables first.
// Rows are made by generate_series in chunks (one INSERT … SELECT per chunk, with every index in
// place, as production would have them); ids grow with created_at as they do in production. A
// few rules are hot (a squared random pick), 5 % of executions fail (each with its failed action
// log, for the dead-letter view), 1.5 % are skipped, 0.5 % cancelled. Durations are log-normal-ish
// (a few ms to a few s). Rollups are then computed from the rows with the engine's histogram
// buckets: per-minute for the last 2 days, per-hour for all of them, totals per rule.
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { BUCKETS, bucketOfSql, histogramAggSql, histogramSumColumnsSql } from "../server/domain/monitoring/histogram";
import { compactRollups } from "../server/domain/monitoring/compact-rollups";

function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1].replace(/_/g, "")) : dflt;
}
const COUNT = arg("count", 10_000_000);
const RULES = arg("rules", 200);
const DAYS = arg("days", 30);
const CHUNK = arg("chunk", 500_000);
const RESET = process.argv.includes("--reset");
const url = process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/autoflow_bench";

const t0 = Date.now();
const secs = (since: number) => ((Date.now() - since) / 1000).toFixed(1);
const log = (s: string) => console.log(`[seed ${secs(t0).padStart(6)} s] ${s}`);

async function ensureDatabase(): Promise<void> {
  const u = new URL(url);
  const name = u.pathname.slice(1);
  u.pathname = "/postgres";
  const admin = new pg.Client({ connectionString: u.toString() });
  await admin.connect();
  const exists = (await admin.query(`SELECT 1 FROM pg_database WHERE datname = $1`, [name])).rows.length > 0;
  if (!exists) {
    await admin.query(`CREATE DATABASE "${name}"`);
    log(`created database ${name}`);
  }
  await admin.end();
}

await ensureDatabase();
await migrate(url, log);
const db = new pg.Client({ connectionString: url });
await db.connect();
// A benchmark's rows need no crash safety: skip the WAL flush on each commit.
await db.query(`SET synchronous_commit = off`);
await db.query(`SET maintenance_work_mem = '512MB'`);
await db.query(`SET work_mem = '256MB'`);

if (RESET) {
  await db.query(`TRUNCATE task_execution, action_execution_log, execution_rollup, execution_rollup_hour, execution_rollup_all_hour, execution_total, action_duration_total, rule_fire RESTART IDENTITY`);
  await db.query(`DELETE FROM automation_rule WHERE name LIKE 'bench rule %'`);
  log("emptied the seeded tables");
}

// Rules: mostly event rules, every tenth a per-minute cron rule (the dashboard's schedule checks).
let t = Date.now();
const { rows: ruleRows } = await db.query<{ rule_id: string }>(
  `INSERT INTO automation_rule (name, trigger_config, actions_config, status, trigger_type, trigger_event_type, updated_at, next_fire_at)
   SELECT 'bench rule ' || g,
          CASE WHEN g % 10 = 0 THEN '{"type":"cron","cron":"* * * * *"}'::jsonb ELSE jsonb_build_object('type', 'event', 'event', 'bench.' || g) END,
          '[{"type":"notify","params":{"title":"t","body":"b"}}]'::jsonb,
          'enabled', CASE WHEN g % 10 = 0 THEN 'cron' ELSE 'event' END, CASE WHEN g % 10 = 0 THEN NULL ELSE 'bench.' || g END, now(),
          CASE WHEN g % 10 = 0 THEN date_trunc('minute', now()) + interval '1 minute' END
     FROM generate_series(1, $1) g RETURNING rule_id`,
  [RULES],
);
const ruleIds = ruleRows.map((r) => r.rule_id);
log(`${ruleIds.length} rules in ${secs(t)} s`);

// Executions, chunk by chunk. Row i of COUNT is created at now − DAYS + i·(DAYS/COUNT).
t = Date.now();
const span = DAYS * 86_400;
for (let from = 1; from <= COUNT; from += CHUNK) {
  const to = Math.min(COUNT, from + CHUNK - 1);
  const c = Date.now();
  await db.query(
    `INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, priority, scheduled_time, start_time, end_time,
                                 input_data, error_message, error_class, created_at, updated_at)
     SELECT r, 1, 'bench-' || i, s::"ExecutionStatus", 0, created, created + interval '5 ms', created + interval '5 ms' + make_interval(secs => ms / 1000.0),
            jsonb_build_object('payload', jsonb_build_object('orderId', i, 'amount', (i % 997) + 0.5)),
            CASE WHEN s = 'failed' THEN 'POST https://api.example.com/orders answered 503' END,
            CASE WHEN s = 'failed' THEN 'dependency' END,
            created, created
       FROM (
         SELECT i, ($1::uuid[])[1 + floor($2 * random() ^ 2)::int] AS r,
                now() - make_interval(secs => $3) + make_interval(secs => $3 * (i::float8 / $4)) AS created,
                CASE WHEN x < 0.05 THEN 'failed' WHEN x < 0.065 THEN 'skipped' WHEN x < 0.07 THEN 'cancelled' ELSE 'success' END AS s,
                -- log-normal-ish: mostly 5–200 ms, a tail into seconds
                least(120000, exp(1.5 + 4.5 * random() * random() + 2.0 * random() ^ 8))::float8 AS ms
           FROM (SELECT i, random() AS x FROM generate_series($5::bigint, $6::bigint) i) g
       ) x`,
    [ruleIds, ruleIds.length, span, COUNT, from, to],
  );
  log(`executions ${from.toLocaleString()}–${to.toLocaleString()} in ${secs(c)} s (${Math.round((to - from + 1) / ((Date.now() - c) / 1000)).toLocaleString()} rows/s)`);
}
const execSeconds = (Date.now() - t) / 1000;
log(`${COUNT.toLocaleString()} executions in ${execSeconds.toFixed(1)} s`);

// The failed action of each failed execution (what the dead-letter view shows).
t = Date.now();
await db.query(
  `INSERT INTO action_execution_log (execution_id, action_index, action_type, status, attempt, start_time, end_time, details)
   SELECT execution_id, 0, 'http', 'failed', 1, start_time, end_time,
          '{"error":"POST https://api.example.com/orders answered 503","errorClass":"dependency","retryable":true,"response":{"status":503}}'::jsonb
     FROM task_execution WHERE status = 'failed' AND trigger_event_id LIKE 'bench-%'`,
);
log(`action logs of failed executions in ${secs(t)} s`);

// Rollups, as the engine would have written them.
const histArray = `ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `h${i + 1}`).join(", ")}]::bigint[]`;
t = Date.now();
const B = `CASE WHEN ms IS NULL THEN NULL ELSE ${bucketOfSql("ms")} END`;
const fin = `SELECT rule_id, status, end_time, EXTRACT(EPOCH FROM (end_time - start_time)) * 1000 AS ms FROM task_execution WHERE status IN ('success', 'failed', 'skipped', 'cancelled')`;
await db.query(
  `INSERT INTO execution_rollup_hour (bucket, rule_id, status, count, duration_count, duration_sum_ms, duration_hist)
   SELECT date_trunc('hour', end_time, 'UTC'), rule_id, status, count(*), count(ms), round(sum(ms))::bigint, ${histogramAggSql("b")}
     FROM (SELECT f.*, ${B} AS b FROM (${fin}) f) x GROUP BY 1, 2, 3
   ON CONFLICT DO NOTHING`,
);
log(`hour rollups in ${secs(t)} s`);
t = Date.now();
await db.query(
  `INSERT INTO execution_rollup (bucket, rule_id, status, count, duration_count, duration_sum_ms, duration_hist)
   SELECT date_trunc('minute', end_time, 'UTC'), rule_id, status, count(*), count(ms), round(sum(ms))::bigint, ${histogramAggSql("b")}
     FROM (SELECT f.*, ${B} AS b FROM (${fin} AND created_at > now() - interval '2 days') f) x GROUP BY 1, 2, 3
   ON CONFLICT DO NOTHING`,
);
await db.query(
  `INSERT INTO execution_total (rule_id, status, count)
   SELECT rule_id, status, sum(count) FROM execution_rollup_hour GROUP BY 1, 2
   ON CONFLICT (rule_id, status) DO UPDATE SET count = EXCLUDED.count`,
);
await db.query(
  `INSERT INTO action_duration_total (rule_id, action_type, status, count, duration_sum_ms, duration_hist)
   SELECT rule_id, 'notify', 'success', n, dsum, ${histArray} FROM (
     SELECT rule_id, sum(count) AS n, sum(duration_sum_ms) AS dsum, ${histogramSumColumnsSql("duration_hist")}
       FROM execution_rollup_hour WHERE status = 'success' GROUP BY 1) x
   ON CONFLICT DO NOTHING`,
);
log(`minute rollups and totals in ${secs(t)} s`);
t = Date.now();
const compacted = await compactRollups(db);
log(`compacted ${compacted} closed hours × statuses across rules in ${secs(t)} s (the alerts task does this every ~10 s)`);

t = Date.now();
await db.query(`VACUUM ANALYZE task_execution`);
await db.query(`VACUUM ANALYZE action_execution_log`);
for (const table of ["execution_rollup", "execution_rollup_hour", "execution_rollup_all_hour", "automation_rule"]) await db.query(`VACUUM ANALYZE ${table}`);
log(`vacuum analyze in ${secs(t)} s`);

const { rows: size } = await db.query(
  `SELECT pg_size_pretty(pg_total_relation_size('task_execution')) AS executions,
          (SELECT count(*) FROM execution_rollup) AS minute_rows, (SELECT count(*) FROM execution_rollup_hour) AS hour_rows`,
);
log(`done: ${COUNT.toLocaleString()} executions (${size[0].executions} with indexes; ${size[0].minute_rows} minute and ${size[0].hour_rows} hour rollup rows); ` +
  `executions inserted at ${Math.round(COUNT / execSeconds).toLocaleString()} rows/s, total ${secs(t0)} s`);
await db.end();
