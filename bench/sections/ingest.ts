// The web door alone: one event per request, 20 requests at once, no worker running — how many
// events per second the web process (Next.js + the REST handler + the ingest statement) accepts
// when it has the machine to itself. The bound of the one-event-per-request end-to-end figure.
import type { BenchServer } from "../lib/database";
import { sendEvents } from "../lib/load";
import { cpuMeterFor } from "../lib/measure";
import { createRule, eventRule, startStack } from "../lib/stack";
import { summarize, type Summary } from "../lib/stats";
import type { CpuReport } from "../lib/processes";

export interface IngestOnlyResult {
  events: number;
  concurrency: number;
  eventsPerSecond: number;
  requestMs: Summary;
  webCpuMsPerRequest: number;
  postgresCpuMsPerRequest: number;
  cpu: CpuReport;
}

export async function runIngestOnly(server: BenchServer, o: { events: number; port: number; log: (s: string) => void }): Promise<IngestOnlyResult> {
  const stack = await startStack(server, { dbName: "autoflow_bench", port: o.port, workers: 0, log: o.log });
  try {
    await createRule(stack.client, eventRule("bench.order", 1));
    await sendEvents({ client: stack.client, type: "bench.order", total: 1_000, perRequest: 1, concurrency: 20, idPrefix: "warm" });
    const { meter, refreshBackends } = await cpuMeterFor(stack);
    meter.start();
    const r = await sendEvents({ client: stack.client, type: "bench.order", total: o.events, perRequest: 1, concurrency: 20, idPrefix: "in" });
    await refreshBackends();
    const cpu = meter.stop();
    const seconds = (r.endedAt - r.startedAt) / 1000;
    return {
      events: r.events,
      concurrency: 20,
      eventsPerSecond: Math.round(r.events / seconds),
      requestMs: summarize(r.requestMs),
      webCpuMsPerRequest: Number(((cpu.cpuSeconds.web * 1000) / Math.max(1, r.requests)).toFixed(3)),
      postgresCpuMsPerRequest: Number(((cpu.cpuSeconds.postgresAll * 1000) / Math.max(1, r.requests)).toFixed(3)),
      cpu,
    };
  } finally {
    await stack.stop();
  }
}
