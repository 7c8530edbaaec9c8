// Where the time goes: one end-to-end case on an embedded Postgres with pg_stat_statements, the
// worker and web processes under `node --cpu-prof`. Prints the top statements (total time) and
// the top functions (self time) of each profile; writes them to bench/results/profile-*.json.
// Usage: npx tsx bench/profile.ts [actions=1] [batch|single] [events=20000] [workers=1]
//        npx tsx bench/profile.ts cron [aligned|spread] [rules=1000] [workers=2]
import fs from "node:fs";
import path from "node:path";
import { openBenchServer } from "./lib/database";
import { runThroughputCase } from "./sections/throughput";
import { runCron } from "./sections/cron";
import { ROOT } from "./lib/processes";

const [actions = "1", mode = "batch", events = "20000", workers = "1"] = process.argv.slice(2);
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
const profDir = path.join(ROOT, ".data/bench-profiles", stamp);
fs.mkdirSync(profDir, { recursive: true });
const log = (s: string) => console.log(s);
const server = await openBenchServer(log, { profile: process.env.BENCH_PROFILE_SERVER !== "1" });

interface Stmt { query: string; calls: number; total_ms: number; mean_ms: number; plan_ms: number; plans: number; rows: number }
let statements: Stmt[] = [];
const hooks = {
  // one folder per process kind; V8 names each thread's file (the tsx loader thread has its own)
  workerNodeArgs: ["--cpu-prof", `--cpu-prof-dir=${path.join(profDir, "worker")}`],
  webNodeArgs: ["--cpu-prof", `--cpu-prof-dir=${path.join(profDir, "web")}`],
  beforeMeasure: async (stack: { pool: { query: (s: string) => Promise<unknown> } }) => {
    await stack.pool.query(`CREATE EXTENSION IF NOT EXISTS pg_stat_statements`).catch(() => {});
    await stack.pool.query(`SELECT pg_stat_statements_reset()`).catch(() => {});
  },
  afterMeasure: async (stack: { pool: { query: <T>(s: string) => Promise<{ rows: T[] }> } }) => {
    const { rows } = await stack.pool
      .query<Stmt>(
        `SELECT regexp_replace(query, '\\s+', ' ', 'g') AS query, calls::int, round(total_exec_time::numeric, 1)::float AS total_ms,
                round(mean_exec_time::numeric, 3)::float AS mean_ms, round(total_plan_time::numeric, 1)::float AS plan_ms, plans::int, rows::int
           FROM pg_stat_statements WHERE dbid = (SELECT oid FROM pg_database WHERE datname = current_database())
          ORDER BY total_exec_time + total_plan_time DESC LIMIT 40`,
      )
      .catch(() => ({ rows: [] as Stmt[] }));
    statements = rows;
  },
};
const r =
  actions === "cron"
    ? await runCron(server, { variant: mode as "aligned" | "spread", rules: Number(events), minutes: 1, workers: Number(workers), port: Number(process.env.BENCH_PORT ?? 3602), log, ...hooks }).then((c) => ({
        throughput: { firesPerSecond: c.firesPerSecond, fireLatenessMs: c.fireLatenessMs },
        cpu: { ...c.cpu, msPerExecution: Object.fromEntries(Object.entries(c.cpu.cpuSeconds).map(([k, v]) => [k, Number(((v * 1000) / Math.max(1, c.fires)).toFixed(3))])) },
      }))
    : await runThroughputCase(
        server,
        { name: "profile", actions: Number(actions), mode: mode as "batch" | "single", events: Number(events), perRequest: mode === "batch" ? 500 : 1, concurrency: mode === "batch" ? 2 : 20, workers: Number(workers) },
        { port: Number(process.env.BENCH_PORT ?? 3602), log, ...hooks },
      );
await server.close();

// Self time per function from each .cpuprofile (V8 format: nodes + samples + timeDeltas).
function topFunctions(file: string, n = 25) {
  const prof = JSON.parse(fs.readFileSync(file, "utf8")) as {
    nodes: { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; children?: number[] }[];
    samples: number[];
    timeDeltas: number[];
  };
  const byId = new Map(prof.nodes.map((nd) => [nd.id, nd]));
  const self = new Map<string, number>();
  let total = 0;
  prof.samples.forEach((id, i) => {
    const nd = byId.get(id)!;
    const dt = prof.timeDeltas[i] ?? 0;
    total += dt;
    const f = nd.callFrame;
    const key = `${f.functionName || "(anonymous)"} ${f.url.replace(/^.*node_modules\//, "~/").replace(ROOT, "")}:${f.lineNumber + 1}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  // inclusive time per function: self time of the node and everything below it (once per stack)
  const nodeSelf = new Map<number, number>();
  prof.samples.forEach((id, i) => nodeSelf.set(id, (nodeSelf.get(id) ?? 0) + (prof.timeDeltas[i] ?? 0)));
  const inclusive = new Map<string, number>();
  const keyOf = (nd: (typeof prof.nodes)[number]) =>
    `${nd.callFrame.functionName || "(anonymous)"} ${nd.callFrame.url.replace(/^.*node_modules\//, "~/").replace(ROOT, "")}:${nd.callFrame.lineNumber + 1}`;
  const walk = (id: number, onStack: Set<string>): number => {
    const nd = byId.get(id)!;
    const key = keyOf(nd);
    let t = nodeSelf.get(id) ?? 0;
    const fresh = !onStack.has(key);
    if (fresh) onStack.add(key);
    for (const c of nd.children ?? []) t += walk(c, onStack);
    if (fresh) {
      onStack.delete(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + t);
    }
    return t;
  };
  if (prof.nodes.length) walk(prof.nodes[0].id, new Set());
  const idle = [...self.entries()].filter(([k]) => k.startsWith("(idle)")).reduce((a, [, v]) => a + v, 0);
  return {
    file: path.basename(file),
    totalMs: Math.round(total / 1000),
    busyMs: Math.round((total - idle) / 1000),
    ownCode: [...inclusive.entries()]
      .filter(([k]) => /\/(server|worker|app)\//.test(k) && !k.includes("node_modules") && !k.includes(".next/server/chunks"))
      .sort((a, b) => b[1] - a[1])
      .slice(0, 25)
      .map(([k, v]) => ({ fn: k, inclusiveMs: Math.round(v / 1000) })),
    top: [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, n + 1).map(([k, v]) => ({ fn: k, selfMs: Math.round(v / 1000), pct: Number(((100 * v) / total).toFixed(1)) })),
  };
}
const profiles = ["worker", "web"].flatMap((kind) => {
  const dir = path.join(profDir, kind);
  if (!fs.existsSync(dir)) return [];
  // the main thread's profile is the biggest; the module-loader thread's is nearly empty
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith(".cpuprofile"))
    .map((f) => ({ ...topFunctions(path.join(dir, f)), kind }))
    .sort((a, b) => b.busyMs - a.busyMs)
    .slice(0, 2);
});
const out = { case: { actions, mode, events, workers }, throughput: r.throughput, cpu: r.cpu, statements, profiles, profileDir: profDir };
fs.mkdirSync(path.join(ROOT, "bench/results"), { recursive: true });
fs.writeFileSync(path.join(ROOT, `bench/results/profile-${stamp}.json`), JSON.stringify(out, null, 2));
console.log(`throughput ${JSON.stringify(r.throughput)}; cpu ms/execution (or fire) ${JSON.stringify(r.cpu.msPerExecution)}`);
console.log("\ntop statements by total time (execution + planning):");
for (const s of statements.slice(0, 25)) console.log(`${String(s.total_ms).padStart(9)} ms ${String(s.plan_ms).padStart(8)} ms in ${String(s.plans).padStart(6)} plans ${String(s.calls).padStart(7)} calls ${String(s.mean_ms).padStart(8)} ms  ${s.query.slice(0, 150)}`);
for (const p of profiles) {
  console.log(`\n${p.kind} ${p.file}: ${p.totalMs} ms sampled, ${p.busyMs} ms busy`);
  for (const t of p.top.filter((x) => !x.fn.startsWith("(idle)")).slice(0, 25)) console.log(`${String(t.selfMs).padStart(7)} ms ${String(t.pct).padStart(5)}%  ${t.fn}`);
  console.log("  our code, inclusive:");
  for (const t of p.ownCode.slice(0, 15)) console.log(`${String(t.inclusiveMs).padStart(7)} ms  ${t.fn}`);
}
