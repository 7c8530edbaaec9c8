import { openBenchServer } from "./lib/database";
import { runThroughputCase } from "./sections/throughput";
const [actions, mode, events, workers, wc] = process.argv.slice(2);
const server = await openBenchServer(console.log);
const r = await runThroughputCase(server, {
  name: "dev", actions: Number(actions), mode: mode as "batch", events: Number(events),
  perRequest: mode === "batch" ? 500 : 1, concurrency: mode === "batch" ? 2 : 20, workers: Number(workers ?? 1), workerConcurrency: wc ? Number(wc) : undefined,
}, { port: 3601, log: console.log });
console.log(JSON.stringify(r, null, 1));
await server.close();
