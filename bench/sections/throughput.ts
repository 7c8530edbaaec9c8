// End to end: events POSTed over HTTP to the real web process → dispatch → run → executions
// `success`, with real worker processes, for a one-action and a three-action rule, in batches of
// events and one event per request.
import type { BenchServer } from "../lib/database";
import { sendEvents } from "../lib/load";
import { cpuMeterFor, throughputFromDb, waitForExecutions, type Throughput } from "../lib/measure";
import { createRule, eventRule, startStack, type Stack } from "../lib/stack";
import { summarize, type Summary } from "../lib/stats";
import type { CpuReport } from "../lib/processes";

export interface ThroughputCase {
  name: string;
  actions: number;
  mode: "batch" | "single";
  events: number;
  perRequest: number;
  concurrency: number;
  workers: number;
  workerConcurrency?: number;
}

export interface ThroughputResult extends ThroughputCase {
  throughput: Throughput;
  ingest: { seconds: number; eventsPerSecond: number; requestMs: Summary; non2xx: Record<string, number> };
  succeeded: number;
  timedOut: boolean;
  cpu: CpuReport & { msPerExecution: Record<string, number> };
  peakRssMb: { web: number | null; workers: number[] };
}

export interface CaseOptions {
  port: number;
  log: (s: string) => void;
  workerEnv?: Record<string, string>;
  workerNodeArgs?: string[];
  webNodeArgs?: string[];
  /** profiling hooks: called right before the measured load and right after it */
  beforeMeasure?: (stack: Stack) => Promise<void>;
  afterMeasure?: (stack: Stack) => Promise<void>;
}

export async function runThroughputCase(server: BenchServer, c: ThroughputCase, o: CaseOptions): Promise<ThroughputResult> {
  const stack = await startStack(server, {
    dbName: "autoflow_bench",
    port: o.port,
    workers: c.workers,
    workerEnv: { ...(c.workerConcurrency ? { WORKER_CONCURRENCY: String(c.workerConcurrency) } : {}), ...(o.workerEnv ?? {}) },
    workerNodeArgs: o.workerNodeArgs,
    webNodeArgs: o.webNodeArgs,
    log: o.log,
  });
  try {
    const ruleId = await createRule(stack.client, eventRule("bench.order", c.actions));
    // Warm up the web app's routes and the worker (not measured): another rule, other events.
    const warmRule = await createRule(stack.client, eventRule("bench.warmup", c.actions));
    await sendEvents({ client: stack.client, type: "bench.warmup", total: 500, perRequest: Math.min(100, c.perRequest), concurrency: 2, idPrefix: "warm" });
    await waitForExecutions(stack.pool, warmRule, 500, 60_000);
    await o.beforeMeasure?.(stack);
    const { meter, refreshBackends } = await cpuMeterFor(stack);
    const refresher = setInterval(() => void refreshBackends().catch(() => {}), 2_000);
    meter.start();
    let lastLog = 0;
    const loadP = sendEvents({ client: stack.client, type: "bench.order", total: c.events, perRequest: c.perRequest, concurrency: c.concurrency, idPrefix: "ev" });
    const waited = await waitForExecutions(stack.pool, ruleId, c.events, Math.max(120_000, c.events * 10), (done) => {
      if (Date.now() - lastLog > 5_000) {
        lastLog = Date.now();
        o.log(`  ${c.name}: ${done}/${c.events} executions finished`);
      }
    });
    const load = await loadP;
    clearInterval(refresher);
    await refreshBackends();
    const cpu = meter.stop();
    await o.afterMeasure?.(stack);
    const throughput = await throughputFromDb(stack.pool, ruleId, "bench.order");
    const ingestSeconds = (load.endedAt - load.startedAt) / 1000;
    const rss = stack.peakRss();
    return {
      ...c,
      throughput,
      ingest: {
        seconds: Number(ingestSeconds.toFixed(2)),
        eventsPerSecond: Math.round(load.events / ingestSeconds),
        requestMs: summarize(load.requestMs),
        non2xx: load.non2xx,
      },
      succeeded: waited.success,
      timedOut: waited.timedOut,
      cpu: {
        ...cpu,
        msPerExecution: Object.fromEntries(Object.entries(cpu.cpuSeconds).map(([k, v]) => [k, Number(((v * 1000) / Math.max(1, waited.success)).toFixed(3))])),
      },
      peakRssMb: { web: rss.webMb, workers: rss.workerMb },
    };
  } finally {
    await stack.stop();
  }
}
