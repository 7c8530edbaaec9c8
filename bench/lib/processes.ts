// The processes a benchmark or chaos run starts — the built web app (server/web/serve.ts, as
// `autoflow web` runs it) and worker processes (`worker/index.ts`, as `autoflow worker` runs it) —
// each stopped by its own PID. Also reads CPU time and resident memory from /proc.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { sleep } from "./stats";

export const ROOT = path.resolve(import.meta.dirname, "../..");
/** Where web and workers run from: the app snapshot once prepareApp() ran (see app-snapshot.ts). */
let appDir = ROOT;
export const currentAppDir = () => appDir;
/** Runs web and workers from another prepared copy of the app (before/after comparisons). */
export const useAppDir = (dir: string) => {
  appDir = dir;
};
export const BENCH_SECRET = "bench-secret-bench-secret-bench-secret";

export interface ManagedProcess {
  name: string;
  child: ChildProcess;
  pid: number;
  output(): string;
  /** SIGTERM, then SIGKILL after graceMs. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
  signal(sig: NodeJS.Signals): void;
  exited(): boolean;
  /** The process and its descendants, from /proc. */
  treePids(): number[];
  /** Highest resident set (MB) seen: the tree's summed RSS sampled every 250 ms, or a member's VmHWM. */
  peakRssMb(): number;
}

function readProc(pid: number, file: string): string | null {
  try {
    return fs.readFileSync(`/proc/${pid}/${file}`, "utf8");
  } catch {
    return null;
  }
}

/** All pids with their parent, from /proc. */
function processTable(): Map<number, number> {
  const table = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    const stat = readProc(Number(d), "stat");
    if (!stat) continue;
    const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    table.set(Number(d), Number(rest[1]));
  }
  return table;
}

export function descendants(root: number): number[] {
  const table = processTable();
  const out = [root];
  for (let i = 0; i < out.length && i < 1000; i++) {
    for (const [pid, ppid] of table) if (ppid === out[i]) out.push(pid);
  }
  return out.filter((p) => table.has(p));
}

/** utime + stime of a process in seconds (0 when it is gone). */
export function cpuSeconds(pid: number): number {
  const stat = readProc(pid, "stat");
  if (!stat) return 0;
  const rest = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  return (Number(rest[11]) + Number(rest[12])) / 100; // USER_HZ is 100 on Linux
}

function statusKb(pid: number, field: "VmRSS" | "VmHWM"): number {
  const s = readProc(pid, "status");
  const m = s?.match(new RegExp(`^${field}:\\s+(\\d+) kB`, "m"));
  return m ? Number(m[1]) : 0;
}

const STAT_FIELDS = ["user", "nice", "system", "idle", "iowait", "irq", "softirq", "steal"] as const;
/** Machine-wide CPU ticks (all cores) from /proc/stat, by kind. */
export function machineTicks(): Record<(typeof STAT_FIELDS)[number], number> {
  const line = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  return Object.fromEntries(STAT_FIELDS.map((k, i) => [k, line[i] ?? 0])) as Record<(typeof STAT_FIELDS)[number], number>;
}

/** Every process whose name is `name` (e.g. all Postgres processes: backends, WAL writer, checkpointer…). */
export function pidsNamed(name: string): number[] {
  const out: number[] = [];
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    if (readProc(Number(d), "comm")?.trim() === name) out.push(Number(d));
  }
  return out;
}

function manage(name: string, child: ChildProcess): ManagedProcess {
  let out = "";
  const keep = (d: Buffer) => {
    out += d.toString();
    if (out.length > 200_000) out = out.slice(-100_000);
  };
  child.stdout?.on("data", keep);
  child.stderr?.on("data", keep);
  const exitedP = new Promise<void>((r) => child.once("exit", () => r()));
  let peakKb = 0;
  const treePids = () => (child.exitCode === null && child.signalCode === null ? descendants(child.pid!) : []);
  const sample = () => {
    const pids = treePids();
    const sum = pids.reduce((a, p) => a + statusKb(p, "VmRSS"), 0);
    const hwm = Math.max(0, ...pids.map((p) => statusKb(p, "VmHWM")));
    peakKb = Math.max(peakKb, sum, hwm);
  };
  const timer = setInterval(sample, 250);
  timer.unref();
  child.once("exit", () => clearInterval(timer));
  const isExited = () => child.exitCode !== null || child.signalCode !== null;
  const signalAndWait = async (sig: NodeJS.Signals, waitMs: number) => {
    if (isExited()) return;
    sample();
    child.kill(sig);
    await Promise.race([exitedP, sleep(waitMs)]);
    if (!isExited()) {
      child.kill("SIGKILL");
      await Promise.race([exitedP, sleep(5_000)]);
    }
  };
  return {
    name,
    child,
    pid: child.pid!,
    output: () => out,
    stop: (graceMs = 15_000) => signalAndWait("SIGTERM", graceMs),
    kill: () => signalAndWait("SIGKILL", 5_000),
    signal: (sig) => {
      if (!isExited()) child.kill(sig);
    },
    exited: isExited,
    treePids,
    peakRssMb: () => {
      if (!isExited()) sample();
      return Math.round(peakKb / 1024);
    },
  };
}

export interface ProcessEnv {
  databaseUrl: string;
  env?: Record<string, string>;
  nodeArgs?: string[];
}

function baseEnv(databaseUrl: string, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    ...process.env,
    DATABASE_URL: databaseUrl,
    AUTOFLOW_SECRET: BENCH_SECRET,
    NEXTAUTH_SECRET: BENCH_SECRET,
    LOG_LEVEL: "warn",
    NEXT_TELEMETRY_DISABLED: "1",
    CHECKPOINT_DISABLE: "1",
    ...extra,
  };
}

/** `node worker/index.ts`, the process `npm run autoflow -- worker` becomes. */
export function spawnWorkerProcess(o: ProcessEnv & { name?: string }): ManagedProcess {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), "--import", "tsx", path.join(appDir, "worker/index.ts")], {
    cwd: appDir,
    env: baseEnv(o.databaseUrl, o.env),
    stdio: ["ignore", "pipe", "pipe"],
  });
  return manage(o.name ?? "worker", child);
}

/** Snapshots and builds the app once per run (app-snapshot.ts); web and workers then run from it. */
let prepared: Promise<unknown> | undefined;
export function prepareApp(log: (s: string) => void): Promise<unknown> {
  prepared ??= import("./app-snapshot").then(async ({ prepareAppSnapshot }) => {
    const snap = await prepareAppSnapshot(log);
    appDir = snap.dir;
    return snap;
  });
  return prepared;
}

/** The web server on the built app (server/web/serve.ts) — what `autoflow web` runs — resolved once /api/v1/healthz answers. */
export async function spawnWebProcess(o: ProcessEnv & { port: number }): Promise<ManagedProcess> {
  const child = spawn(process.execPath, [...(o.nodeArgs ?? []), "--import", "tsx", path.join(appDir, "server/web/serve.ts")], {
    cwd: appDir,
    env: baseEnv(o.databaseUrl, {
      NODE_ENV: "production",
      PORT: String(o.port),
      HOST: "127.0.0.1",
      AUTOFLOW_ALLOW_GENERATED_SECRET: "1",
      NEXTAUTH_URL: `http://127.0.0.1:${o.port}`,
      ...(o.env ?? {}),
    }),
    stdio: ["ignore", "pipe", "pipe"],
  });
  const p = manage("web", child);
  const deadline = Date.now() + 60_000;
  for (let i = 0; i < 400 && Date.now() < deadline; i++) {
    if (p.exited()) throw new Error(`the web app exited: ${p.output().slice(-2000)}`);
    try {
      const r = await fetch(`http://127.0.0.1:${o.port}/api/v1/healthz`);
      if (r.ok) return p;
    } catch {
      // not listening yet
    }
    await sleep(250);
  }
  await p.stop();
  throw new Error("the web app did not answer within 60 s");
}

/** Resolves once n worker processes have a fresh heartbeat. */
export async function waitForWorkers(query: (sql: string) => Promise<{ rows: { n: number }[] }>, n: number, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    const { rows } = await query(`SELECT count(*)::int AS n FROM worker_heartbeat WHERE last_seen_at > now() - interval '5 seconds'`);
    if (rows[0].n >= n) return;
    await sleep(200);
  }
  throw new Error(`fewer than ${n} workers came up in ${timeoutMs} ms`);
}

/** CPU seconds used by groups of processes between start() and stop(). */
export interface CpuReport {
  wallSeconds: number;
  /** share of all cores' time, by kind (steal = taken by the hypervisor for other guests) */
  machinePct: Record<string, number>;
  machineBusyPct: number;
  cpuSeconds: Record<string, number>;
  /** busy CPU seconds of the whole machine not used by the measured groups (other tenants, kernel) */
  otherCpuSeconds: number;
}

export class CpuMeter {
  private startTicks = new Map<number, number>();
  private startMachine = machineTicks();
  private t0 = 0;
  constructor(private readonly groups: () => Record<string, number[]>) {}

  start(): void {
    this.startTicks.clear();
    for (const pids of Object.values(this.groups())) for (const p of pids) this.startTicks.set(p, cpuSeconds(p));
    this.startMachine = machineTicks();
    this.t0 = Date.now();
  }

  stop(): CpuReport {
    const out: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups())) {
      let s = 0;
      for (const p of pids) s += Math.max(0, cpuSeconds(p) - (this.startTicks.get(p) ?? 0));
      out[name] = Number(s.toFixed(2));
    }
    const end = machineTicks();
    const delta = Object.fromEntries(Object.entries(end).map(([k, v]) => [k, v - this.startMachine[k as keyof typeof end]]));
    const total = Math.max(1, Object.values(delta).reduce((a, b) => a + b, 0));
    const machinePct = Object.fromEntries(Object.entries(delta).map(([k, v]) => [k, Number(((100 * v) / total).toFixed(1))]));
    const busy = 100 - (machinePct.idle ?? 0) - (machinePct.iowait ?? 0);
    const busySeconds = (total - delta.idle - delta.iowait) / 100;
    const ours = Object.entries(out).filter(([k]) => k !== "postgres").reduce((a, [, v]) => a + v, 0);
    return {
      wallSeconds: (Date.now() - this.t0) / 1000,
      machinePct,
      machineBusyPct: Number(busy.toFixed(1)),
      cpuSeconds: out,
      otherCpuSeconds: Number((busySeconds - ours).toFixed(2)),
    };
  }
}
