// Execution lists and the dashboard on a big database: seeded by bench/seed-executions.ts, measured
// in-process by bench/dashboard-latency.ts (the REST handler Next.js serves, without HTTP), both
// written alongside this benchmark and run here as child processes; then the main list cases again
// over HTTP through the real web process, so the full path is measured too.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import type { BenchServer } from "../lib/database";
import { ROOT, spawnWebProcess, prepareApp } from "../lib/processes";
import { createToken } from "../lib/stack";
import { ApiClient } from "../lib/http-client";
import { summarize, type Summary } from "../lib/stats";
import pg from "pg";

export interface ListsResult {
  executions: number;
  seedSeconds: number;
  seedOutputTail: string[];
  inProcess: { name: string; p50: number; p95: number; max: number }[] | null;
  inProcessError?: string;
  explains: string;
  http: { name: string; path: string; ms: Summary }[];
  peakRssMb: { web: number | null };
}

function runScript(script: string, args: string[], env: Record<string, string>, timeoutMs: number): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, script), ...args], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), timeoutMs);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

export async function runLists(server: BenchServer, o: { executions: number; port: number; iterations: number; log: (s: string) => void }): Promise<ListsResult> {
  await prepareApp(o.log);
  const url = await server.fresh("autoflow_bench");
  const env = { DATABASE_URL: url, LOG_LEVEL: "warn", AUTOFLOW_SECRET: "bench-secret-bench-secret-bench-secret" };
  const t0 = Date.now();
  o.log(`  seeding ${o.executions.toLocaleString()} executions (bench/seed-executions.ts)…`);
  const seed = await runScript("bench/seed-executions.ts", ["--count", String(o.executions), "--rules", "200", "--days", "30"], env, 3 * 3600_000);
  if (seed.code !== 0) throw new Error(`seed-executions failed: ${seed.out.slice(-2000)}`);
  const seedSeconds = (Date.now() - t0) / 1000;
  o.log(`  seeded in ${seedSeconds.toFixed(0)} s; measuring (bench/dashboard-latency.ts)…`);
  const resultFile = path.join(ROOT, "bench/results/monitoring-latency.json");
  fs.rmSync(resultFile, { force: true });
  const lat = await runScript("bench/dashboard-latency.ts", ["--iterations", String(o.iterations), "--explain-ms", "40"], env, 3600_000);
  let inProcess: ListsResult["inProcess"] = null;
  let inProcessError: string | undefined;
  if (lat.code === 0 && fs.existsSync(resultFile)) inProcess = JSON.parse(fs.readFileSync(resultFile, "utf8")).results;
  else inProcessError = lat.out.slice(-2000);
  const explains = lat.out.includes("──") ? lat.out.slice(lat.out.indexOf("──")).split("\nwritten")[0] : "";

  // The same list cases over HTTP through the built web app.
  const web = await spawnWebProcess({ databaseUrl: url, port: o.port });
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  const http: ListsResult["http"] = [];
  let rss: number | null = null;
  try {
    const token = await createToken(db);
    const client = new ApiClient(o.port, token, 4);
    const { rows: hot } = await db.query(`SELECT rule_id FROM execution_total GROUP BY rule_id ORDER BY sum(count) DESC LIMIT 1`);
    const { rows: mid } = await db.query(`SELECT ((min(execution_id) + max(execution_id)) / 2)::bigint AS id FROM task_execution`);
    const { encodeCursor } = await import("../../server/domain/shared/pagination");
    const cases: [string, string][] = [
      ["first page", "/executions?limit=50"],
      ["status=failed", "/executions?status=failed&limit=50"],
      ["hot rule", `/executions?ruleId=${hot[0]?.rule_id}&limit=50`],
      ["hot rule + failed", `/executions?ruleId=${hot[0]?.rule_id}&status=failed&limit=50`],
      ["deep page (middle)", `/executions?limit=50&cursor=${encodeCursor([String(mid[0].id)])}`],
      ["dead letter", "/executions/dead-letter?limit=50"],
    ];
    for (const [name, p] of cases) {
      for (let i = 0; i < 5; i++) await client.request("GET", p);
      const times: number[] = [];
      for (let i = 0; i < o.iterations * 2; i++) {
        const r = await client.request("GET", p);
        if (r.status !== 200) throw new Error(`${p}: ${r.status}`);
        times.push(r.ms);
      }
      http.push({ name, path: p.replace(/cursor=[^&]+/, "cursor=…"), ms: summarize(times) });
    }
    client.close();
  } finally {
    await db.end();
    rss = web.peakRssMb();
    await web.stop();
  }
  const count = Number((seed.out.match(/done: ([\d,]+) executions/)?.[1] ?? String(o.executions)).replace(/,/g, ""));
  return {
    executions: count,
    seedSeconds: Number(seedSeconds.toFixed(0)),
    seedOutputTail: seed.out.trim().split("\n").slice(-4),
    inProcess,
    inProcessError,
    explains,
    http,
    peakRssMb: { web: rss },
  };
}
