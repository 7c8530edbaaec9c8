// Latency of the monitoring dashboard, /api/metrics and the execution lists on a big database
// (seed it with bench/seed-executions.ts). Each case is a real API call made in-process through
// the same handler Next.js serves (/api/v1 REST over the tRPC procedures: token check, input
// validation, SQL, JSON), repeated: p50 / p95 / max per case. Cases slower than --explain-ms at
// p95 get the EXPLAIN (ANALYZE, BUFFERS) of their slowest SQL statement printed.
//
//   DATABASE_URL=postgresql://postgres@127.0.0.1:5432/autoflow_bench npx tsx bench/dashboard-latency.ts [--iterations 40] [--explain-ms 150]
import fs from "node:fs";
import path from "node:path";
import { performance } from "node:perf_hooks";
import { pool, closeDb } from "../server/db";
import { handleRest } from "../server/api/rest/handle-rest";
import { createApiToken } from "../server/auth/api-tokens";
import { handleMetricsRequest } from "../server/domain/monitoring/metrics-endpoint";
import { encodeCursor } from "../server/domain/shared/pagination";

process.env.LOG_LEVEL ??= "warn";
function arg(name: string, dflt: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? Number(process.argv[i + 1]) : dflt;
}
const ITER = arg("iterations", 40);
const EXPLAIN_MS = arg("explain-ms", 150);

const db = pool();
const { token } = await createApiToken("bench-latency", "admin", "bench");

// Anchors for filters and deep pages, read from the data.
const { rows: a } = await db.query(
  `SELECT (SELECT count(*) FROM task_execution) AS total, min(execution_id)::bigint AS lo, max(execution_id)::bigint AS hi FROM task_execution`,
);
const total = Number(a[0].total);
const lo = BigInt(a[0].lo);
const hi = BigInt(a[0].hi);
const mid = (lo + hi) / 2n;
const { rows: hot } = await db.query(`SELECT rule_id FROM execution_total GROUP BY rule_id ORDER BY sum(count) DESC LIMIT 1`);
const { rows: cold } = await db.query(`SELECT rule_id FROM execution_total GROUP BY rule_id ORDER BY sum(count) ASC LIMIT 1`);
const { rows: failedMid } = await db.query(`SELECT execution_id FROM task_execution WHERE status = 'failed' AND execution_id <= $1 ORDER BY execution_id DESC LIMIT 1`, [String(mid)]);
const hotRule = hot[0].rule_id as string;
const coldRule = cold[0].rule_id as string;
const day = 86_400_000;
const iso = (ms: number) => encodeURIComponent(new Date(ms).toISOString());
const now = Date.now();
const cur = (id: bigint | string) => encodeCursor([String(id)]);

const cases: [string, string][] = [
  ["dashboard 1h", "/dashboard?range=1h"],
  ["dashboard 24h", "/dashboard?range=24h"],
  ["dashboard 7d", "/dashboard?range=7d"],
  ["dashboard 30d", "/dashboard?range=30d"],
  ["metrics", "METRICS"],
  ["executions: first page", "/executions?limit=50"],
  ["executions: deep page (middle)", `/executions?limit=50&cursor=${cur(mid)}`],
  ["executions: deep page (oldest)", `/executions?limit=50&cursor=${cur(lo + 1000n)}`],
  ["executions: status=failed", "/executions?status=failed&limit=50"],
  ["executions: status=failed, deep", `/executions?status=failed&limit=50&cursor=${cur(failedMid[0].execution_id)}`],
  ["executions: hot rule", `/executions?ruleId=${hotRule}&limit=50`],
  ["executions: cold rule, deep", `/executions?ruleId=${coldRule}&limit=50&cursor=${cur(mid)}`],
  ["executions: hot rule + failed", `/executions?ruleId=${hotRule}&status=failed&limit=50`],
  ["executions: cold rule + cancelled", `/executions?ruleId=${coldRule}&status=cancelled&limit=50`],
  ["executions: from/to 1 h yesterday", `/executions?from=${iso(now - day - 3_600_000)}&to=${iso(now - day)}&limit=50`],
  ["executions: from/to 1 h, 25 days ago", `/executions?from=${iso(now - 25 * day - 3_600_000)}&to=${iso(now - 25 * day)}&limit=50`],
  ["executions: from (last 7 days), failed", `/executions?from=${iso(now - 7 * day)}&status=failed&limit=50`],
  ["dead letter: first page", "/executions/dead-letter?limit=50"],
  ["dead letter: deep page", `/executions/dead-letter?limit=50&cursor=${cur(failedMid[0].execution_id)}`],
  ["alert incidents", "/alerts/incidents?limit=50"],
];

async function call(path: string): Promise<void> {
  const headers = { authorization: `Bearer ${token}` };
  const res =
    path === "METRICS"
      ? await handleMetricsRequest(new Request("http://bench/api/metrics", { headers }))
      : await handleRest(new Request(`http://bench/api/v1${path}`, { headers }), path.split("?")[0]);
  const body = await res.text();
  if (res.status !== 200) throw new Error(`${path}: ${res.status} ${body.slice(0, 300)}`);
}

// Records the SQL a call runs, to EXPLAIN the slowest statement of a slow case.
type Stmt = { text: string; values: unknown[]; ms: number };
let recording: Stmt[] | null = null;
const query = db.query.bind(db) as (...args: unknown[]) => Promise<unknown>;
(db as unknown as { query: (...args: unknown[]) => Promise<unknown> }).query = async (...args: unknown[]) => {
  const t = performance.now();
  const out = await query(...args);
  if (recording && typeof args[0] === "string") recording.push({ text: args[0], values: (args[1] as unknown[]) ?? [], ms: performance.now() - t });
  return out;
};

const pct = (xs: number[], p: number) => xs[Math.min(xs.length - 1, Math.floor(p * xs.length))];
const results: { name: string; p50: number; p95: number; max: number }[] = [];
console.log(`database: ${total.toLocaleString()} executions; ${ITER} calls per case after 3 warm-up calls\n`);
console.log(`${"case".padEnd(42)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
const slow: { name: string; path: string }[] = [];
for (const [name, path] of cases) {
  for (let i = 0; i < 3; i++) await call(path);
  const times: number[] = [];
  for (let i = 0; i < ITER; i++) {
    const t = performance.now();
    await call(path);
    times.push(performance.now() - t);
  }
  times.sort((x, y) => x - y);
  const r = { name, p50: pct(times, 0.5), p95: pct(times, 0.95), max: times[times.length - 1] };
  results.push(r);
  console.log(`${name.padEnd(42)} ${r.p50.toFixed(1).padStart(8)} ${r.p95.toFixed(1).padStart(8)} ${r.max.toFixed(1).padStart(8)}`);
  if (r.p95 > EXPLAIN_MS) slow.push({ name, path });
}

for (const { name, path } of slow) {
  recording = [];
  await call(path);
  const worst = recording.sort((x, y) => y.ms - x.ms)[0];
  recording = null;
  if (!worst) continue;
  const plan = await query(`EXPLAIN (ANALYZE, BUFFERS) ${worst.text}`, worst.values);
  console.log(`\n── ${name}: slowest statement ${worst.ms.toFixed(1)} ms\n${worst.text.trim().replace(/\s+/g, " ").slice(0, 400)}\n`);
  for (const row of (plan as { rows: Record<string, string>[] }).rows) console.log(row["QUERY PLAN"]);
}

const out = path.resolve(import.meta.dirname, "results/monitoring-latency.json");
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.writeFileSync(out, JSON.stringify({ at: new Date().toISOString(), executions: total, iterations: ITER, results }, null, 2) + "\n");
console.log(`\nwritten ${path.relative(process.cwd(), out)}`);
await closeDb();
