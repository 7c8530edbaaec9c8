// Real worker processes for scheduling and crash tests: `node --import tsx worker/index.ts` on the
// test database, stopped by PID (SIGTERM, or SIGKILL to simulate a crash).
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";

const ROOT = path.resolve(import.meta.dirname, "../..");

export interface WorkerProcess {
  child: ChildProcess;
  output(): string;
  stop(): Promise<void>;
  kill(): Promise<void>;
}

export function spawnWorker(env: Record<string, string> = {}): WorkerProcess {
  let out = "";
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "worker/index.ts")], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "warn", WORKER_CONCURRENCY: "10", ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (out += d.toString()));
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const signal = async (sig: NodeJS.Signals, waitMs: number) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(sig);
    await Promise.race([exited, new Promise((r) => setTimeout(r, waitMs))]);
    if (child.exitCode === null && child.signalCode === null) {
      child.kill("SIGKILL");
      await exited;
    }
  };
  return {
    child,
    output: () => out,
    stop: () => signal("SIGTERM", 15_000),
    kill: () => signal("SIGKILL", 5_000),
  };
}

/** Resolves once `n` worker processes have written a heartbeat. */
export async function waitForWorkers(query: (sql: string) => Promise<{ rows: { n: number }[] }>, n: number, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const { rows } = await query(`SELECT count(*)::int AS n FROM worker_heartbeat WHERE last_seen_at > now() - interval '5 seconds'`);
    if (rows[0].n >= n) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`fewer than ${n} workers came up in ${timeoutMs} ms`);
}
