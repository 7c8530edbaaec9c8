// `npm start`: the whole product on one machine — Postgres (embedded unless DATABASE_URL is set),
// migrations, the first admin, the web app and a worker. Ctrl-C / SIGTERM stops all of it cleanly.
import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { env } from "../env";
import { closeDb } from "../db";
import { ensureAdmin, ensureDatabase, ensureSecret, migrateDatabase } from "./bootstrap";
import { spawnWeb } from "./web";

const ROOT = path.resolve(import.meta.dirname, "../..");
const log = (s: string) => console.log(`[autoflow] ${s}`);

function spawnWorker(): ChildProcess {
  return spawn(process.execPath, ["--import", "tsx", path.join(ROOT, "worker/index.ts")], {
    cwd: ROOT,
    stdio: "inherit",
    env: { ...process.env },
  });
}

function waitExit(child: ChildProcess, ms: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      resolve();
    }, ms);
    child.once("exit", () => {
      clearTimeout(timer);
      resolve();
    });
  });
}

export async function startAll(): Promise<void> {
  const started = Date.now();
  ensureSecret();
  const embedded = await ensureDatabase(log);
  await migrateDatabase(log);
  const admin = await ensureAdmin(log);
  await closeDb();

  let stopping = false;
  let worker = spawnWorker();
  const superviseWorker = () =>
    worker.once("exit", (code) => {
      if (stopping) return;
      // A worker that dies is restarted: scheduled work must not silently stop.
      log(`worker exited with ${code}; restarting it`);
      worker = spawnWorker();
      superviseWorker();
    });
  superviseWorker();
  let web: ChildProcess;
  try {
    web = await spawnWeb(log);
  } catch (err) {
    stopping = true;
    worker.kill("SIGTERM");
    await waitExit(worker, 10_000);
    await embedded?.stop();
    throw err;
  }

  const port = env().PORT;
  log("");
  log(`Autoflow is running at http://localhost:${port}  (started in ${((Date.now() - started) / 1000).toFixed(1)} s)`);
  if (admin?.password) {
    log(`Sign in as ${admin.email} with password: ${admin.password}`);
    log("(shown only this once; create more users with `npm run autoflow -- user:create`)");
  } else if (admin) {
    log(`Sign in as ${admin.email} with the ADMIN_PASSWORD you set.`);
  } else {
    log("Sign in with an existing user. API tokens: `npm run autoflow -- token:create --name N --role R`.");
  }
  log("Press Ctrl-C to stop.");

  const stop = async (why: string) => {
    if (stopping) return;
    stopping = true;
    log(`stopping (${why})…`);
    web.kill("SIGTERM");
    worker.kill("SIGTERM");
    await Promise.all([waitExit(web, 15_000), waitExit(worker, 15_000)]);
    await embedded?.stop();
    log("stopped.");
    process.exit(0);
  };
  process.on("SIGINT", () => void stop("SIGINT"));
  process.on("SIGTERM", () => void stop("SIGTERM"));
  web.on("exit", (code) => void stop(`web exited with ${code}`));
}
