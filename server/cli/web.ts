// The web process: builds the Next.js app when the build is missing or older than the sources,
// then runs server/web/serve.ts — the built app behind one Node server, with a fast path for the
// ingest doors (see that file).
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

const ROOT = path.resolve(import.meta.dirname, "../..");
const NEXT_BIN = path.join(ROOT, "node_modules/next/dist/bin/next");
const SOURCE_DIRS = ["app", "components", "server", "public"];
const SOURCE_FILES = ["next.config.mjs", "proxy.ts", "package.json", "tsconfig.json"];

function newestSourceMtime(): number {
  let newest = 0;
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      if (p.endsWith("generated") || p.endsWith("node_modules")) return;
      for (const e of fs.readdirSync(p)) walk(path.join(p, e));
    } else if (!p.endsWith(".test.ts")) newest = Math.max(newest, st.mtimeMs);
  };
  for (const d of SOURCE_DIRS) walk(path.join(ROOT, d));
  for (const f of SOURCE_FILES) walk(path.join(ROOT, f));
  return newest;
}

export function buildIsCurrent(): boolean {
  const id = path.join(ROOT, ".next", "BUILD_ID");
  if (!fs.existsSync(id)) return false;
  return fs.statSync(id).mtimeMs >= newestSourceMtime();
}

function run(args: string[], extraEnv: Record<string, string>): ChildProcess {
  return spawn(process.execPath, [NEXT_BIN, ...args], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", ...extraEnv },
  });
}

export async function buildIfNeeded(log: (s: string) => void): Promise<void> {
  if (buildIsCurrent()) return;
  log("building the web app (first start or sources changed; about a minute)…");
  const child = run(["build"], { NODE_ENV: "production" });
  const code = await new Promise<number | null>((r) => child.on("exit", r));
  if (code !== 0) throw new Error(`next build failed with exit code ${code}`);
}

/** Starts the web server (server/web/serve.ts) as a child process; resolves once it answers /api/v1/healthz. */
export async function spawnWeb(log: (s: string) => void): Promise<ChildProcess> {
  await buildIfNeeded(log);
  const port = env().PORT;
  const child = spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "server/web/serve.ts")], {
    cwd: ROOT,
    stdio: "inherit",
    env: {
      ...process.env,
      NEXT_TELEMETRY_DISABLED: "1",
      NODE_ENV: "production",
      PORT: String(port),
      HOST: process.env.HOST ?? "0.0.0.0",
      AUTOFLOW_ALLOW_GENERATED_SECRET: "1",
      NEXTAUTH_URL: process.env.NEXTAUTH_URL ?? `http://localhost:${port}`,
    },
  });
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the web app exited with code ${child.exitCode}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/api/v1/healthz`);
      if (r.ok) return child;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  child.kill("SIGTERM");
  throw new Error("the web app did not answer within 60 s");
}

export async function startWeb({ log }: { log: (s: string) => void }): Promise<void> {
  const { ensureDatabase, migrateDatabase } = await import("./bootstrap");
  await ensureDatabase(log);
  await migrateDatabase(log);
  const child = await spawnWeb(log);
  log(`web app listening on http://localhost:${env().PORT}`);
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.once(sig, () => child.kill("SIGTERM"));
  await new Promise((r) => child.on("exit", r));
}
