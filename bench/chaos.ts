// `npm run chaos [-- --quick | --long] [--only kill,term,dup,backlog,cron,pg]`
//
// Reliability under failure, measured: every event that got a 2xx is recorded by the client and
// must come out once — one execution per rule, `success`, each side effect once (notification rows
// by idempotency key; deliveries counted by a loopback endpoint for the http action). Scenarios:
//   kill     SIGKILL a worker under load (a replacement starts, as `npm start` restarts a dead one)
//   term     SIGTERM a worker while its http actions are in flight
//   dup      the same events delivered many times, concurrently
//   backlog  drain a backlog of 100,000 executions (10,000 with --quick)
//   cron     three workers on cron rules for a few minutes (30 with --long), one SIGTERMed, one SIGKILLed
//   pg       restart Postgres for 20 s under load — an EMBEDDED Postgres this script starts and stops
//            (never the machine's shared service)
// Events go over HTTP to the built web app (a snapshot, see bench/lib/app-snapshot.ts). Writes
// bench/results/chaos-<time>.json/.md and chaos-latest.json/.md. Exit code 1 when anything was lost
// or duplicated.
import pg from "pg";
import { openBenchServer } from "./lib/database";
import { formatMachine, machineInfo } from "./lib/machine";
import { prepareApp, spawnWebProcess, spawnWorkerProcess, type ManagedProcess } from "./lib/processes";
import { createToken, waitForPid } from "./lib/stack";
import { ApiClient } from "./lib/http-client";
import { table, writeResults } from "./lib/report";
import { startControlledPostgres } from "./lib/embedded";
import { migrate } from "../server/db/migrate";
import { cronThreeWorkers, drainBacklog, duplicateDeliveries, postgresRestart, sigkillUnderLoad, sigtermMidAction, type ChaosEnv, type CronChaosResult, type ScenarioResult } from "./chaos/scenarios";
import { duplicatedTotal, lostTotal } from "./chaos/verify";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const long = argv.includes("--long");
const onlyArg = argv.find((a) => a.startsWith("--only"));
const only = new Set((onlyArg?.includes("=") ? onlyArg.split("=")[1] : onlyArg ? argv[argv.indexOf(onlyArg) + 1] : "kill,term,dup,backlog,cron,pg").split(","));
const mode = quick ? "quick" : long ? "long" : "standard";
const WEB_PORT = 3610;
const PG_WEB_PORT = 3611;
const COUNTING_PORT = 3620;
const CHAOS_PG_PORT = 3691;
const t0 = Date.now();
const log = (s: string) => console.log(`[chaos ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${s}`);
const size = {
  kill: quick ? { events: 2_000, seconds: 15 } : long ? { events: 30_000, seconds: 120 } : { events: 6_000, seconds: 30 },
  term: { events: quick ? 100 : 200 },
  dup: quick ? { ids: 1_000, copies: 4 } : { ids: 5_000, copies: 5 },
  backlog: { events: quick ? 10_000 : 100_000 },
  cron: { rules: quick ? 50 : 100, minutes: quick ? 2 : long ? 30 : 4 },
  pg: { rate: 100, seconds: quick ? 45 : 60, outageSeconds: 20, stopAt: 10 },
};

// The http action's default rate limit (AUTOFLOW_RATE_HTTP_PER_SECOND, 50/s) is lifted: lateness should
// measure recovery from the failure, not the configured pacing.
const workerEnv = { AUTOFLOW_HTTP_ALLOWED_HOSTS: `127.0.0.1:${COUNTING_PORT}`, LOG_LEVEL: "warn", AUTOFLOW_RATE_HTTP_PER_SECOND: "0" };
const results: { mode: string; machine?: unknown; scenarios: ScenarioResult[]; cron?: CronChaosResult; errors: { scenario: string; error: string }[] } = { mode, scenarios: [], errors: [] };

const server = await openBenchServer(log);
const admin = new pg.Client({ connectionString: server.serverUrl });
await admin.connect();
const machine = await machineInfo(admin, server.kind);
await admin.end();
results.machine = machine;
console.log(`\nAutoflow chaos (${mode})\n${formatMachine(machine)}\n`);
await prepareApp(log);

const run = async (key: string, fn: () => Promise<void>) => {
  if (!only.has(key)) return;
  log(`── ${key}`);
  try {
    await fn();
  } catch (err) {
    log(`${key} failed: ${(err as Error).stack ?? err}`);
    results.errors.push({ scenario: key, error: String((err as Error).message ?? err).slice(0, 2000) });
  }
};
const report = (r: ScenarioResult) => {
  results.scenarios.push(r);
  log(`  ${r.name}: accepted ${r.verdict.accepted}, lost ${lostTotal(r.verdict)}, duplicated ${duplicatedTotal(r.verdict)}, http redelivered ${r.verdict.httpRedelivered}, not finished ${r.verdict.notFinished}, late ${r.verdict.late}; end latency p99 ${r.verdict.endLatencyMs.p99} ms`);
};

// ── scenarios on the machine's Postgres, one fresh database, the built web app ───────────────
if (["kill", "term", "dup", "backlog", "cron"].some((k) => only.has(k))) {
  const url = await server.fresh("autoflow_bench_chaos");
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {});
  const web = await spawnWebProcess({ databaseUrl: url, port: WEB_PORT });
  const client = new ApiClient(WEB_PORT, await createToken(pool));
  const spawned: ManagedProcess[] = [];
  const env: ChaosEnv = {
    pool,
    door: client,
    spawnWorker: (e) => {
      const w = spawnWorkerProcess({ databaseUrl: url, env: { ...workerEnv, ...(e ?? {}) }, name: `worker${spawned.length + 1}` });
      spawned.push(w);
      return w;
    },
    waitReady: (w) => waitForPid(pool, w),
    log,
    countingPort: COUNTING_PORT,
  };
  try {
    await run("kill", async () => report(await sigkillUnderLoad(env, size.kill)));
    await run("term", async () => report(await sigtermMidAction(env, size.term)));
    await run("dup", async () => report(await duplicateDeliveries(env, size.dup)));
    await run("backlog", async () => report(await drainBacklog(env, size.backlog)));
    await run("cron", async () => {
      const r = await cronThreeWorkers(env, size.cron);
      results.cron = r;
      log(`  ${r.name}: ${r.slotsExpected} slots, fired ${r.fired}, missing ${r.missing}, skipped/missed ${r.skippedOrMissed}, duplicates ${r.duplicateFires + r.duplicateExecutions}, late > 1 s ${r.late}; lateness p50/p99/max ${r.fireLatenessMs.p50}/${r.fireLatenessMs.p99}/${r.fireLatenessMs.max} ms`);
    });
  } finally {
    client.close();
    await Promise.all(spawned.map((w) => w.stop()));
    await web.stop();
    await pool.end();
    await server.drop("autoflow_bench_chaos").catch(() => {});
  }
}

// ── Postgres restarted for 20 s under load: an embedded Postgres this script owns ────────────
await run("pg", async () => {
  const ctl = await startControlledPostgres(".data/bench-chaos-pg", CHAOS_PG_PORT);
  const adminUrl = ctl.url("postgres");
  const a = new pg.Client({ connectionString: adminUrl });
  await a.connect();
  await a.query(`DROP DATABASE IF EXISTS autoflow_bench_chaos_pg WITH (FORCE)`);
  await a.query(`CREATE DATABASE autoflow_bench_chaos_pg`);
  await a.end();
  const url = ctl.url("autoflow_bench_chaos_pg");
  await migrate(url);
  const pool = new pg.Pool({ connectionString: url, max: 4 });
  pool.on("error", () => {});
  let web = await spawnWebProcess({ databaseUrl: url, port: PG_WEB_PORT });
  const client = new ApiClient(PG_WEB_PORT, await createToken(pool));
  const webRestarts: string[] = [];
  let n = 0;
  try {
    const r = await postgresRestart(
      {
        pool,
        door: client,
        spawnWorker: () => spawnWorkerProcess({ databaseUrl: url, env: workerEnv, name: `pgworker${++n}` }),
        waitReady: (w) => waitForPid(pool, w),
        log,
        countingPort: COUNTING_PORT,
      },
      {
        ctl,
        rate: size.pg.rate,
        seconds: size.pg.seconds,
        stopAt: size.pg.stopAt,
        outageSeconds: size.pg.outageSeconds,
        // The web app is restarted when it exits, as the workers are.
        supervise: async () => {
          if (!web.exited()) return;
          webRestarts.push(`web exited (code ${web.child.exitCode})`);
          web = await spawnWebProcess({ databaseUrl: url, port: PG_WEB_PORT }).catch(() => web);
        },
      },
    );
    r.description += "; events go to the web app, which is restarted too if it exits";
    r.notes.webRestarts = webRestarts;
    report(r);
  } finally {
    client.close();
    await web.stop();
    await pool.end();
    await ctl.stop().catch(() => {});
  }
});

await server.close();

// ── report ──────────────────────────────────────────────────────────────────────────────────
const md: string[] = [`# Autoflow chaos — ${mode} run, ${machine.startedAt}`, "", "```", formatMachine(machine), "```", ""];
md.push(
  table(
    ["scenario", "accepted events", "executions expected", "lost", "duplicated", "http redelivered (same key)", "not finished", "failed", "late", "end latency p50 / p99 / max ms", "took s"],
    results.scenarios.map((r) => [
      r.name,
      r.verdict.accepted,
      r.verdict.executionsExpected,
      lostTotal(r.verdict),
      duplicatedTotal(r.verdict),
      r.verdict.httpRedelivered,
      r.verdict.notFinished,
      r.verdict.failed,
      `${r.verdict.late} (> ${Number.isFinite(r.verdict.lateThresholdMs) ? `${r.verdict.lateThresholdMs / 1000} s` : "–"})`,
      `${r.verdict.endLatencyMs.p50} / ${r.verdict.endLatencyMs.p99} / ${r.verdict.endLatencyMs.max}`,
      r.seconds,
    ]),
  ),
  "",
  "lost = events, executions, notifications or http deliveries missing; duplicated = executions per (rule, event) > 1, notifications per key > 1, an action with two successful attempts. " +
    "http redelivered: the endpoint saw the same idempotency key twice — an attempt interrupted by the crash or shutdown was sent again with the same key (at-least-once delivery, deduplicable by the receiver).",
  "",
);
if (results.cron) {
  const c = results.cron;
  md.push("## Cron on three workers", "", c.description, "");
  md.push(
    table(
      ["slots", "fired", "missing", "skipped / missed", "duplicate fires / executions", "not success", "notifications lost", "late > 1 s", "lateness p50 / p99 / max ms"],
      [[c.slotsExpected, c.fired, c.missing, c.skippedOrMissed, `${c.duplicateFires} / ${c.duplicateExecutions}`, c.notSucceeded, c.notificationsLost, c.late, `${c.fireLatenessMs.p50} / ${c.fireLatenessMs.p99} / ${c.fireLatenessMs.max}`]],
    ),
    "",
    `Events: ${(c.notes.events as string[]).join("; ")}`,
    "",
  );
}
md.push("## Details", "");
for (const r of results.scenarios) md.push(`- **${r.name}** — ${r.description}. ${JSON.stringify({ ...r.verdict, endLatencyMs: undefined })} notes: ${JSON.stringify(r.notes)}`);
if (results.errors.length) md.push("", "## Errors", "", ...results.errors.map((e) => `- ${e.scenario}: ${e.error}`));
md.push("", `Reproduce: \`npm run chaos${quick ? " -- --quick" : long ? " -- --long" : ""}\`.`, "");
const files = writeResults("chaos", results, md.join("\n"));
console.log("\n" + md.join("\n"));
log(`written ${files.json} and ${files.md}`);
const bad = results.errors.length > 0 || results.scenarios.some((r) => lostTotal(r.verdict) + duplicatedTotal(r.verdict) > 0 || !r.finished) || (results.cron && results.cron.missing + results.cron.duplicateFires + results.cron.duplicateExecutions > 0);
process.exit(bad ? 1 : 0);
