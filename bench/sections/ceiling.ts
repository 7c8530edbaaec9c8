// The ceiling: raw graphile-worker no-op jobs/s on a fresh database of the same server, in a
// worker-like child process (bench/ceiling-worker.ts): defaults, and localQueue as Autoflow's
// worker sets it (size 20) and as stack.md measured it (size 100).
import { spawn } from "node:child_process";
import path from "node:path";
import type { BenchServer } from "../lib/database";
import { ROOT } from "../lib/processes";

export interface CeilingResult {
  mode: string;
  jobs: number;
  seconds: number;
  jobsPerSecond: number;
  workerCpuSeconds: number;
}

function runChild(url: string, jobs: number, mode: string): Promise<CeilingResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "bench/ceiling-worker.ts"), url, String(jobs), mode], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    let err = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (err += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 360_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      const line = out.split("\n").find((l) => l.startsWith("{"));
      if (code === 0 && line) resolve(JSON.parse(line));
      else reject(new Error(`ceiling worker (${mode}) exited ${code}: ${err.slice(-1000)}`));
    });
  });
}

export async function runCeiling(server: BenchServer, jobs: number, log: (s: string) => void, repeats = 2): Promise<CeilingResult[]> {
  const url = await server.fresh("autoflow_bench_ceiling");
  const out: CeilingResult[] = [];
  try {
    for (const mode of ["default", "local20", "local100"]) {
      // best of `repeats`: the machine is shared, a neighbour's burst should not set the ceiling
      const runs: CeilingResult[] = [];
      for (let i = 0; i < repeats; i++) runs.push(await runChild(url, jobs, mode));
      const best = runs.sort((a, b) => b.jobsPerSecond - a.jobsPerSecond)[0];
      log(`  graphile-worker no-op ${mode}: ${runs.map((r) => r.jobsPerSecond).join(" / ")} jobs/s`);
      out.push(best);
    }
  } finally {
    await server.drop("autoflow_bench_ceiling");
  }
  return out;
}
