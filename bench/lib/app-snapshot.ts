// The benchmark runs a snapshot of the app: the sources copied to .data/bench-app and built there.
// That keeps the run away from the working tree's .next (other people's `npm start` and e2e runs
// build and serve it) and from edits made while it runs: web and workers run the same sources.
// The snapshot's next.config.mjs wraps the real one and skips only the type check (`npm run
// typecheck` and CI own that; a half-edited test file elsewhere must not stop a benchmark).
import { spawn } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { ROOT } from "./processes";

// BENCH_APP_DIR lets two people benchmark different edits at once without sharing a snapshot.
export const SNAPSHOT = path.resolve(ROOT, process.env.BENCH_APP_DIR ?? ".data/bench-app");
// What the Next build reads (worker/ and prisma/ are copied too, but changing them needs no rebuild).
const SOURCES = ["app", "components", "server", "public", "proxy.ts", "next.config.mjs", "package.json", "tsconfig.json", "next-env.d.ts"];

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv = process.env): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr.on("data", (d: Buffer) => (out += d.toString()));
    const timer = setTimeout(() => child.kill("SIGKILL"), 600_000);
    child.on("exit", (code) => {
      clearTimeout(timer);
      resolve({ code, out });
    });
  });
}

function sourceHash(root: string): string {
  const h = crypto.createHash("sha256");
  const walk = (p: string) => {
    let st: fs.Stats;
    try {
      st = fs.statSync(p);
    } catch {
      return;
    }
    if (st.isDirectory()) {
      for (const e of fs.readdirSync(p).sort()) if (e !== "node_modules") walk(path.join(p, e));
    } else {
      h.update(path.relative(root, p));
      h.update(fs.readFileSync(p));
    }
  };
  for (const s of SOURCES) walk(path.join(root, s));
  return h.digest("hex");
}

export interface Snapshot {
  dir: string;
  hash: string;
  built: boolean;
  buildSeconds: number;
}

export async function prepareAppSnapshot(log: (s: string) => void): Promise<Snapshot> {
  fs.mkdirSync(SNAPSHOT, { recursive: true });
  const args = ["-a", "--delete"];
  for (const x of ["node_modules", ".next", ".data", ".git", "test-results", "playwright-report", "e2e", "bench", "*.tsbuildinfo", "next.config.base.mjs", ".bench-build-hash"]) args.push("--exclude", x);
  const r = await run("rsync", [...args, `${ROOT}/`, `${SNAPSHOT}/`], ROOT);
  if (r.code !== 0) throw new Error(`rsync failed: ${r.out}`);
  fs.copyFileSync(path.join(ROOT, "next.config.mjs"), path.join(SNAPSHOT, "next.config.base.mjs"));
  fs.writeFileSync(
    path.join(SNAPSHOT, "next.config.mjs"),
    `// Written by bench/lib/app-snapshot.ts: the project's config, without the build-time type check.\n` +
      `import base from "./next.config.base.mjs";\n` +
      `export default { ...base, typescript: { ...(base.typescript ?? {}), ignoreBuildErrors: true }, turbopack: { ...(base.turbopack ?? {}), root: ${JSON.stringify(ROOT)} } };\n`,
  );
  const nm = path.join(SNAPSHOT, "node_modules");
  if (!fs.existsSync(nm)) fs.symlinkSync(path.join(ROOT, "node_modules"), nm, "dir");
  const hash = sourceHash(ROOT);
  const hashFile = path.join(SNAPSHOT, ".bench-build-hash");
  if (fs.existsSync(path.join(SNAPSHOT, ".next/BUILD_ID")) && fs.existsSync(hashFile) && fs.readFileSync(hashFile, "utf8") === hash) {
    return { dir: SNAPSHOT, hash, built: false, buildSeconds: 0 };
  }
  log("building a snapshot of the web app in .data/bench-app (sources changed since the last bench build)…");
  const t0 = Date.now();
  const b = await run(process.execPath, [path.join(ROOT, "node_modules/next/dist/bin/next"), "build"], SNAPSHOT, {
    ...process.env,
    NODE_ENV: "production",
    NEXT_TELEMETRY_DISABLED: "1",
  });
  if (b.code !== 0) throw new Error(`next build of the snapshot failed:\n${b.out.slice(-3000)}`);
  fs.writeFileSync(hashFile, hash);
  return { dir: SNAPSHOT, hash, built: true, buildSeconds: Math.round((Date.now() - t0) / 1000) };
}
