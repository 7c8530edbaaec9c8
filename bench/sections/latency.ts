// Latency from an event's acceptance to its execution's start and end, at a steady rate: half of
// the measured batched maximum, sent as small paced requests every ~10 ms (a steady stream, not
// bursts of 500, so the figure is the pipeline's own latency and not a batch's queueing).
import type { BenchServer } from "../lib/database";
import { sendEvents } from "../lib/load";
import { cpuMeterFor, latencyFromDb, waitForExecutions, type Latency } from "../lib/measure";
import { createRule, eventRule, startStack } from "../lib/stack";
import { summarize, type Summary } from "../lib/stats";
import type { CpuReport } from "../lib/processes";

export interface LatencyResult {
  targetRate: number;
  achievedRate: number;
  seconds: number;
  perRequest: number;
  workers: number;
  latencyMs: Latency;
  requestMs: Summary;
  cpu: CpuReport;
  peakRssMb: { web: number | null; workers: number[] };
}

export async function runLatency(
  server: BenchServer,
  o: { rate: number; seconds: number; workers: number; port: number; log: (s: string) => void },
): Promise<LatencyResult> {
  const stack = await startStack(server, { dbName: "autoflow_bench", port: o.port, workers: o.workers, log: o.log });
  try {
    const ruleId = await createRule(stack.client, eventRule("bench.steady", 1));
    const warm = await createRule(stack.client, eventRule("bench.warmup", 1));
    await sendEvents({ client: stack.client, type: "bench.warmup", total: 500, perRequest: 50, concurrency: 2, idPrefix: "warm" });
    await waitForExecutions(stack.pool, warm, 500, 60_000);
    const total = Math.round(o.rate * o.seconds);
    const perRequest = Math.max(1, Math.round(o.rate / 100));
    const { meter, refreshBackends } = await cpuMeterFor(stack);
    meter.start();
    const load = await sendEvents({
      client: stack.client,
      type: "bench.steady",
      total,
      perRequest,
      concurrency: 8,
      rate: o.rate,
      idPrefix: "st",
      maxMs: o.seconds * 1000 + 30_000,
    });
    const waited = await waitForExecutions(stack.pool, ruleId, load.accepted, 120_000);
    await refreshBackends();
    const cpu = meter.stop();
    const seconds = (load.endedAt - load.startedAt) / 1000;
    const latencyMs = await latencyFromDb(stack.pool, ruleId);
    o.log(`  steady ${o.rate}/s: dispatched p50/p99 ${latencyMs.dispatched.p50}/${latencyMs.dispatched.p99} ms; start p50/p95/p99 ${latencyMs.start.p50}/${latencyMs.start.p95}/${latencyMs.start.p99} ms (${waited.success} executions; non-2xx ${JSON.stringify(load.non2xx)})`);
    const rss = stack.peakRss();
    return {
      targetRate: o.rate,
      achievedRate: Math.round(load.events / seconds),
      seconds: Number(seconds.toFixed(1)),
      perRequest,
      workers: o.workers,
      latencyMs,
      requestMs: summarize(load.requestMs),
      cpu,
      peakRssMb: { web: rss.webMb, workers: rss.workerMb },
    };
  } finally {
    await stack.stop();
  }
}
