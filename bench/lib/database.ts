// The benchmark's own databases: a fresh `autoflow_bench*` database on the machine's Postgres
// (BENCH_DATABASE_URL, default the local server), or an embedded Postgres under .data/bench-pg
// when no server answers. Never the test or e2e databases.
import pg from "pg";
import { migrate } from "../../server/db/migrate";
import { startEmbeddedPostgres, type EmbeddedDb } from "../../server/db/embedded-postgres";
import { startControlledPostgres } from "./embedded";

export const DEFAULT_SERVER = "postgresql://postgres@127.0.0.1:5432/postgres";
export const EMBEDDED_PORT = 3690;
export const PROFILE_PORT = 3692;

export interface BenchServer {
  serverUrl: string;
  kind: "server" | "embedded";
  embedded?: EmbeddedDb;
  urlFor(name: string): string;
  /** Drops and creates `name` (must start with autoflow_bench) and migrates it; returns its URL. */
  fresh(name: string, opts?: { migrate?: boolean }): Promise<string>;
  drop(name: string): Promise<void>;
  close(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const c = new pg.Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await c.connect();
    await c.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await c.end().catch(() => {});
  }
}

export async function openBenchServer(log: (s: string) => void = () => {}, opts: { profile?: boolean } = {}): Promise<BenchServer> {
  let serverUrl = process.env.BENCH_DATABASE_URL ?? DEFAULT_SERVER;
  let kind: "server" | "embedded" = "server";
  let embedded: EmbeddedDb | undefined;
  if (opts.profile) {
    // Profiling needs pg_stat_statements preloaded, which the shared server is not (and must not be restarted for).
    // A run with BENCH_DB_SUFFIX gets its own folder and port, so two people can profile at once.
    const sfx = process.env.BENCH_DB_SUFFIX ?? "";
    const port = Number(process.env.BENCH_PROFILE_PG_PORT ?? (sfx ? PROFILE_PORT + 10 + ([...sfx].reduce((a, c) => a + c.charCodeAt(0), 0) % 80) : PROFILE_PORT));
    const dir = `.data/bench-profile-pg${sfx}`;
    log(`profiling: an embedded Postgres with pg_stat_statements in ${dir} on port ${port}`);
    const ctl = await startControlledPostgres(dir, port, [
      "-c", "shared_preload_libraries=pg_stat_statements", "-c", "pg_stat_statements.track=all", "-c", "pg_stat_statements.track_planning=on", "-c", "track_io_timing=on",
    ]);
    embedded = { url: ctl.url("postgres"), stop: () => ctl.stop() };
    serverUrl = embedded.url;
    kind = "embedded";
  } else if (!(await reachable(serverUrl))) {
    log(`no Postgres answers at ${serverUrl}; starting an embedded one in .data/bench-pg on port ${EMBEDDED_PORT}`);
    embedded = await startEmbeddedPostgres(".data/bench-pg", { database: "postgres", preferredPort: EMBEDDED_PORT, log });
    serverUrl = embedded.url;
    kind = "embedded";
  }
  // BENCH_DB_SUFFIX keeps concurrent benchmark runs on one server out of each other's databases.
  const suffix = process.env.BENCH_DB_SUFFIX ?? "";
  const full = (name: string) => (suffix && !name.endsWith(suffix) ? name + suffix : name);
  const urlFor = (name: string) => {
    name = full(name);
    const u = new URL(serverUrl);
    u.pathname = `/${name}`;
    return u.toString();
  };
  const admin = async <T>(fn: (c: pg.Client) => Promise<T>) => {
    const c = new pg.Client({ connectionString: serverUrl });
    await c.connect();
    try {
      return await fn(c);
    } finally {
      await c.end();
    }
  };
  const checkName = (name: string) => {
    if (!/^autoflow_bench[a-z0-9_]*$/.test(name)) throw new Error(`refusing to touch database ${name}: bench databases start with autoflow_bench`);
  };
  return {
    serverUrl,
    kind,
    embedded,
    urlFor,
    async fresh(name, opts = {}) {
      name = full(name);
      checkName(name);
      await admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${name}`);
      });
      const url = urlFor(name);
      if (opts.migrate !== false) await migrate(url);
      return url;
    },
    async drop(name) {
      name = full(name);
      checkName(name);
      await admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
    async close() {
      await embedded?.stop();
    },
  };
}
