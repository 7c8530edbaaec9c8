// `npm run bench [-- --quick | --long] [--only ceiling,throughput,latency,cron,lists] [--workers N]`
//
// Measures Autoflow side by side in one run, on its own fresh database (`autoflow_bench` on
// BENCH_DATABASE_URL, default the local Postgres; an embedded Postgres when none answers):
//   ceiling     raw graphile-worker no-op jobs/s (defaults, localQueue) on the same server
//   throughput  events POSTed over HTTP to the built web app → executions `success` per second,
//               one-action and three-action rules, 500 events per request and one per request
//               (20 at once), each next to a fresh ceiling probe for the ratio
//   latency     accepted → execution start / end at a steady half of the batched maximum
//   cron        lateness of 10,000 per-minute rules (all due at once, and spread), exactly-once
//   lists       execution lists and dashboard with 1 M executions (10 M with --long)
// and the peak memory of the web and worker processes. Prints the machine first; writes
// bench/results/bench-<time>.json/.md and bench/results/latest.json/.md.
import { openBenchServer } from "./lib/database";
import { formatMachine, machineInfo } from "./lib/machine";
import { prepareApp } from "./lib/processes";
import { table, writeResults } from "./lib/report";
import { runCeiling, type CeilingResult } from "./sections/ceiling";
import { runThroughputCase, type ThroughputCase, type ThroughputResult } from "./sections/throughput";
import { runLatency, type LatencyResult } from "./sections/latency";
import { runCron, type CronResult } from "./sections/cron";
import { runLists, type ListsResult } from "./sections/lists";
import { runIngestOnly, type IngestOnlyResult } from "./sections/ingest";
import pg from "pg";

const argv = process.argv.slice(2);
const quick = argv.includes("--quick");
const long = argv.includes("--long");
const flag = (name: string) => {
  const i = argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (i < 0) return undefined;
  return argv[i].includes("=") ? argv[i].split("=")[1] : argv[i + 1];
};
const only = new Set((flag("only") ?? "ceiling,throughput,latency,cron,lists").split(","));
const workersFlag = flag("workers");
const PORT = Number(process.env.BENCH_PORT ?? 3601);
const mode = quick ? "quick" : long ? "long" : "standard";
const t0 = Date.now();
const log = (s: string) => console.log(`[bench ${((Date.now() - t0) / 1000).toFixed(0).padStart(5)} s] ${s}`);

const size = {
  ceilingJobs: quick ? 10_000 : 20_000,
  oneBatch: quick ? 10_000 : long ? 100_000 : 50_000,
  threeBatch: quick ? 6_000 : long ? 60_000 : 30_000,
  oneSingle: quick ? 4_000 : long ? 40_000 : 20_000,
  threeSingle: quick ? 2_000 : long ? 20_000 : 10_000,
  latencySeconds: quick ? 15 : long ? 120 : 40,
  cronRules: quick ? 1_000 : 10_000,
  cronMinutes: quick ? 1 : long ? 5 : 2,
  listExecutions: quick ? 200_000 : long ? 10_000_000 : 1_000_000,
  listIterations: quick ? 20 : 40,
};

interface CaseWithCeiling extends ThroughputResult {
  ceilingNear: CeilingResult[];
  ratioToCeiling: { default: number; localQueue20: number; localQueue100: number };
}

const server = await openBenchServer(log);
const admin = new pg.Client({ connectionString: server.serverUrl });
await admin.connect();
const machine = await machineInfo(admin, server.kind);
await admin.end();
console.log(`\nAutoflow benchmark (${mode})\n${formatMachine(machine)}\n`);

const results: {
  mode: string;
  machine: typeof machine;
  size: typeof size;
  snapshot?: unknown;
  ceiling?: CeilingResult[];
  throughput: CaseWithCeiling[];
  ingestOnly?: IngestOnlyResult;
  latency?: LatencyResult;
  cron: CronResult[];
  lists?: ListsResult;
  errors: { section: string; error: string }[];
  peakRssMb: { web: number; worker: number };
  durationSeconds?: number;
} = { mode, machine, size, throughput: [], cron: [], errors: [], peakRssMb: { web: 0, worker: 0 } };

const section = async (name: string, fn: () => Promise<void>) => {
  if (!only.has(name)) return;
  log(`── ${name}`);
  try {
    await fn();
  } catch (err) {
    log(`${name} failed: ${(err as Error).stack ?? err}`);
    results.errors.push({ section: name, error: String((err as Error).message ?? err).slice(0, 2000) });
  }
};
const notePeak = (r: { peakRssMb: { web: number | null; workers?: number[] } }) => {
  results.peakRssMb.web = Math.max(results.peakRssMb.web, r.peakRssMb.web ?? 0);
  results.peakRssMb.worker = Math.max(results.peakRssMb.worker, ...(r.peakRssMb.workers ?? [0]));
};

try {
  results.snapshot = await prepareApp(log);

  await section("ceiling", async () => {
    results.ceiling = await runCeiling(server, size.ceilingJobs, log);
  });

  await section("throughput", async () => {
    const w = workersFlag ? Number(workersFlag) : undefined;
    const cases: ThroughputCase[] = [
      { name: "one action, 500 events/request", actions: 1, mode: "batch", events: size.oneBatch, perRequest: 500, concurrency: 2, workers: w ?? 2 },
      { name: "one action, 500 events/request, 1 worker", actions: 1, mode: "batch", events: size.oneBatch, perRequest: 500, concurrency: 2, workers: 1 },
      { name: "three actions, 500 events/request", actions: 3, mode: "batch", events: size.threeBatch, perRequest: 500, concurrency: 2, workers: w ?? 2 },
      { name: "one action, 1 event/request × 20", actions: 1, mode: "single", events: size.oneSingle, perRequest: 1, concurrency: 20, workers: w ?? 1 },
      { name: "three actions, 1 event/request × 20", actions: 3, mode: "single", events: size.threeSingle, perRequest: 1, concurrency: 20, workers: w ?? 1 },
    ];
    for (const c of cases) {
      if (w && c.name.endsWith("1 worker")) continue;
      const near = await runCeiling(server, 10_000, () => {}, 1);
      log(`  ${c.name} (${c.workers} worker${c.workers > 1 ? "s" : ""}, ${c.events.toLocaleString()} events); ceiling now ${near.map((x) => `${x.mode} ${x.jobsPerSecond}`).join(", ")} jobs/s`);
      const r = await runThroughputCase(server, c, { port: PORT, log });
      const ratio = (m: string) => Number((r.throughput.perSecond / (near.find((x) => x.mode === m)?.jobsPerSecond ?? Infinity)).toFixed(2));
      const withCeiling = { ...r, ceilingNear: near, ratioToCeiling: { default: ratio("default"), localQueue20: ratio("local20"), localQueue100: ratio("local100") } };
      results.throughput.push(withCeiling);
      notePeak(r);
      log(`  → ${r.throughput.perSecond.toLocaleString()} executions/s (plateau median ${r.throughput.plateauPerSecond.median}), ratio to ceiling ${withCeiling.ratioToCeiling.localQueue20} (localQueue 20) / ${withCeiling.ratioToCeiling.default} (default); CPU ms/execution ${JSON.stringify(r.cpu.msPerExecution)}; other load ${r.cpu.otherCpuSeconds} CPU s`);
    }
  });

  await section("throughput", async () => {
    results.ingestOnly = await runIngestOnly(server, { events: quick ? 5_000 : 20_000, port: PORT, log });
    log(`  web door alone (no worker): ${results.ingestOnly.eventsPerSecond} events/s, one per request × 20; web CPU ${results.ingestOnly.webCpuMsPerRequest} ms/request`);
  });

  await section("latency", async () => {
    const best = results.throughput.filter((r) => r.actions === 1 && r.mode === "batch").sort((a, b) => b.throughput.perSecond - a.throughput.perSecond)[0];
    const max = best?.throughput.perSecond ?? 2000;
    const workers = best?.workers ?? (workersFlag ? Number(workersFlag) : 2);
    const rate = flag("latency-rate") ? Number(flag("latency-rate")) : Math.round(max / 2);
    results.latency = await runLatency(server, { rate, seconds: size.latencySeconds, workers, port: PORT, log });
    notePeak(results.latency);
  });

  await section("cron", async () => {
    const workers = workersFlag ? Number(workersFlag) : 2;
    for (const variant of (flag("cron-variants") ?? "aligned,spread").split(",") as ("aligned" | "spread")[]) {
      const r = await runCron(server, { variant, rules: size.cronRules, minutes: variant === "aligned" ? size.cronMinutes : 1, workers, port: PORT, log });
      results.cron.push(r);
      notePeak(r);
    }
  });

  await section("lists", async () => {
    results.lists = await runLists(server, { executions: size.listExecutions, port: PORT, iterations: size.listIterations, log });
    notePeak({ peakRssMb: { web: results.lists.peakRssMb.web } });
  });
} finally {
  await server.drop("autoflow_bench").catch(() => {});
  await server.close();
}
results.durationSeconds = Math.round((Date.now() - t0) / 1000);

// ── report ──────────────────────────────────────────────────────────────────────────────────
const cpuBound = (r: ThroughputResult) => {
  const m = r.cpu.msPerExecution;
  const ms = (m.web ?? 0) + (m.workers ?? 0) + (m.postgresAll ?? 0);
  return ms > 0 ? Math.round((machine.cores * 1000) / ms) : null;
};
const md: string[] = [];
md.push(`# Autoflow benchmark — ${mode} run, ${machine.startedAt}`, "");
md.push("```", formatMachine(machine), "```", "");
const ceiling = (m: string) => results.ceiling?.find((c) => c.mode === m)?.jobsPerSecond;
const oneBatch = results.throughput.filter((r) => r.actions === 1 && r.mode === "batch").sort((a, b) => b.throughput.perSecond - a.throughput.perSecond)[0];
const oneSingle = results.throughput.find((r) => r.actions === 1 && r.mode === "single");
const aligned = results.cron.find((c) => c.variant === "aligned");
const spread = results.cron.find((c) => c.variant === "spread");
const listFirst = results.lists?.inProcess?.find((r) => r.name === "executions: first page");
const listWorst = results.lists?.inProcess?.filter((r) => r.name.startsWith("executions")).sort((a, b) => b.p95 - a.p95)[0];
const verdict = (ok: boolean | undefined) => (ok === undefined ? "not measured" : ok ? "**met**" : "**not met**");
md.push("## Targets", "");
md.push(
  table(
    ["target", "measured", ""],
    [
      ["≥ 2,000 one-action executions/s, batched events", oneBatch ? `${oneBatch.throughput.perSecond.toLocaleString()}/s (${oneBatch.workers} worker${oneBatch.workers > 1 ? "s" : ""})` : null, verdict(oneBatch && oneBatch.throughput.perSecond >= 2000)],
      ["≥ 1,000 one-action executions/s, one event per request", oneSingle ? `${oneSingle.throughput.perSecond.toLocaleString()}/s` : null, verdict(oneSingle && oneSingle.throughput.perSecond >= 1000)],
      ["≥ ¼ of the raw graphile-worker ceiling (localQueue as Autoflow runs it)", oneBatch ? `${oneBatch.ratioToCeiling.localQueue20} (default mode: ${oneBatch.ratioToCeiling.default})` : null, verdict(oneBatch && oneBatch.ratioToCeiling.localQueue20 >= 0.25)],
      ["p99 start latency < 100 ms at half load", results.latency ? `${results.latency.latencyMs.start.p99} ms at ${results.latency.achievedRate}/s` : null, verdict(results.latency && (results.latency.latencyMs.start.p99 ?? Infinity) < 100)],
      [`cron lateness p99 < 1 s, ${size.cronRules.toLocaleString()} rules all due at once`, aligned ? `${aligned.fireLatenessMs.p99} ms` : null, verdict(aligned && (aligned.fireLatenessMs.p99 ?? Infinity) < 1000)],
      [`cron lateness p99 < 1 s, ${size.cronRules.toLocaleString()} rules spread over the minute`, spread ? `${spread.fireLatenessMs.p99} ms` : null, verdict(spread && (spread.fireLatenessMs.p99 ?? Infinity) < 1000)],
      [`executions list p95 < 50 ms at ${size.listExecutions.toLocaleString()} rows (first page / worst list case)`, listFirst && listWorst ? `${listFirst.p95.toFixed(1)} ms / ${listWorst.p95.toFixed(1)} ms (${listWorst.name})` : null, verdict(listWorst && listWorst.p95 < 50)],
    ],
  ),
  "",
);
if (results.ceiling) {
  md.push("## Ceiling: raw graphile-worker no-op jobs", "");
  md.push(table(["mode", "jobs", "jobs/s", "worker CPU s"], results.ceiling.map((c) => [c.mode, c.jobs, c.jobsPerSecond, c.workerCpuSeconds.toFixed(2)])), "");
}
if (results.throughput.length) {
  md.push("## End to end: HTTP → web → dispatch → run → `success`", "");
  md.push(
    table(
      ["case", "workers", "executions", "exec/s", "plateau median", "ceiling near (default / lq20 / lq100)", "ratio lq20", "ingest events/s", "CPU ms/exec web / workers / pg", "CPU-bound estimate /s", "machine busy %, other CPU s"],
      results.throughput.map((r) => [
        r.name,
        r.workers,
        r.succeeded,
        r.throughput.perSecond,
        r.throughput.plateauPerSecond.median,
        r.ceilingNear.map((c) => c.jobsPerSecond.toLocaleString("en-US")).join(" / "),
        r.ratioToCeiling.localQueue20,
        r.ingest.eventsPerSecond,
        `${r.cpu.msPerExecution.web} / ${r.cpu.msPerExecution.workers} / ${r.cpu.msPerExecution.postgresAll}`,
        cpuBound(r),
        `${r.cpu.machineBusyPct}, ${r.cpu.otherCpuSeconds}`,
      ]),
    ),
    "",
    "CPU ms/exec: CPU time of each process group over the case divided by executions (pg = every Postgres process). " +
      "CPU-bound estimate: the machine's cores divided by the CPU the web, workers and Postgres spent per execution — what the same " +
      "work would reach with the machine to itself (an estimate: it assumes the work spreads over every core). " +
      "Other CPU s: busy CPU time of the machine not used by these processes (other tenants of the shared machine).",
    "",
  );
}
if (results.ingestOnly) {
  const i = results.ingestOnly;
  md.push(
    `The web door alone (no worker running): ${i.eventsPerSecond.toLocaleString("en-US")} events/s accepted, one event per request, 20 at once; ` +
      `request p50/p99 ${i.requestMs.p50}/${i.requestMs.p99} ms; CPU per request: web ${i.webCpuMsPerRequest} ms, Postgres ${i.postgresCpuMsPerRequest} ms (machine busy ${i.cpu.machineBusyPct} %, other ${i.cpu.otherCpuSeconds} CPU s).`,
    "",
  );
}
if (results.latency) {
  const l = results.latency;
  md.push("## Latency at half load", "");
  md.push(`${l.achievedRate}/s for ${l.seconds} s (target ${l.targetRate}/s, ${l.perRequest} events per request every ~10 ms, ${l.workers} workers). From event.received_at:`, "");
  md.push(table(["", "p50 ms", "p95 ms", "p99 ms", "max ms"], [["execution created (dispatched)", l.latencyMs.dispatched.p50, l.latencyMs.dispatched.p95, l.latencyMs.dispatched.p99, l.latencyMs.dispatched.max], ["execution start", l.latencyMs.start.p50, l.latencyMs.start.p95, l.latencyMs.start.p99, l.latencyMs.start.max], ["execution end", l.latencyMs.end.p50, l.latencyMs.end.p95, l.latencyMs.end.p99, l.latencyMs.end.max], ["HTTP request", l.requestMs.p50, l.requestMs.p95, l.requestMs.p99, l.requestMs.max]]), "");
}
if (results.cron.length) {
  md.push("## Cron", "");
  md.push(
    table(
      ["variant", "rules", "workers", "fires expected / recorded", "missing", "duplicate fires / executions", "not success", "notifications missing / duplicated", "fire lateness p50 / p99 / max ms", "exec end p99 ms", "late > 1 s", "fires/s (aligned)"],
      results.cron.map((c) => [
        c.variant,
        c.rules,
        c.workers,
        `${c.expectedFires} / ${c.fires}`,
        c.missing,
        `${c.duplicateFires} / ${c.duplicateExecutions}`,
        c.notSucceeded,
        `${c.notificationsMissing} / ${c.notificationsDuplicated}`,
        `${c.fireLatenessMs.p50} / ${c.fireLatenessMs.p99} / ${c.fireLatenessMs.max}`,
        c.endLatenessMs.p99,
        c.lateOver1s,
        c.firesPerSecond || "–",
      ]),
    ),
    "",
  );
}
if (results.lists) {
  const L = results.lists;
  md.push(`## Lists and dashboard at ${L.executions.toLocaleString()} executions`, "");
  md.push(`Seeded by bench/seed-executions.ts in ${L.seedSeconds} s. In-process (bench/dashboard-latency.ts, the REST handler without HTTP):`, "");
  if (L.inProcess) md.push(table(["case", "p50 ms", "p95 ms", "max ms"], L.inProcess.map((r) => [r.name, r.p50.toFixed(1), r.p95.toFixed(1), r.max.toFixed(1)])), "");
  else md.push("```", L.inProcessError ?? "", "```", "");
  md.push("Over HTTP through the web process:", "");
  md.push(table(["case", "p50 ms", "p95 ms", "p99 ms"], L.http.map((r) => [r.name, r.ms.p50, r.ms.p95, r.ms.p99])), "");
  if (L.explains) md.push("Plans of the slowest statements (p95 over 40 ms):", "", "```", L.explains.trim(), "```", "");
}
md.push("## Peak memory (RSS, process tree)", "", table(["process", "MB"], [["web", results.peakRssMb.web], ["worker", results.peakRssMb.worker]]), "");
if (results.errors.length) md.push("## Errors", "", ...results.errors.map((e) => `- ${e.section}: ${e.error}`), "");
md.push(`Run took ${results.durationSeconds} s. Reproduce: \`npm run bench${quick ? " -- --quick" : long ? " -- --long" : ""}\`.`, "");
const files = writeResults("bench", results, md.join("\n"));
console.log("\n" + md.join("\n"));
log(`written ${files.json} and ${files.md} (and latest.json / latest.md)`);
process.exit(results.errors.length ? 1 : 0);
