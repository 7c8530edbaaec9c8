// Applies prisma/migrations/*/migration.sql in order, each once, then graphile-worker's own schema.
// Our own runner instead of `prisma migrate deploy`: no engine, no shadow database, about 100 ms, and
// an advisory lock makes concurrent starts (several workers at once) safe.
import fs from "node:fs";
import path from "node:path";
import pg from "pg";
import { Logger, runMigrations } from "graphile-worker";

const MIGRATIONS_DIR = path.resolve(import.meta.dirname, "../../prisma/migrations");
const LOCK_KEY = 4_242_001;

export async function migrate(connectionString: string, log: (s: string) => void = () => {}): Promise<string[]> {
  const client = new pg.Client({ connectionString });
  await client.connect();
  const applied: string[] = [];
  try {
    await client.query("SELECT pg_advisory_lock($1)", [LOCK_KEY]);
    // Schema-qualified, and the search path pinned: a role whose name matches a schema must not
    // see (or create) a second bookkeeping table or put tables outside public.
    await client.query("SET search_path TO public");
    await client.query(`CREATE TABLE IF NOT EXISTS public.autoflow_migration (
      name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    const done = new Set(
      (await client.query<{ name: string }>("SELECT name FROM public.autoflow_migration")).rows.map((r) => r.name),
    );
    const names = fs
      .readdirSync(MIGRATIONS_DIR, { withFileTypes: true })
      .filter((d) => d.isDirectory())
      .map((d) => d.name)
      .sort();
    for (const name of names) {
      if (done.has(name)) continue;
      const sql = fs.readFileSync(path.join(MIGRATIONS_DIR, name, "migration.sql"), "utf8");
      await client.query("BEGIN");
      try {
        await client.query(sql);
        await client.query("INSERT INTO public.autoflow_migration (name) VALUES ($1)", [name]);
        await client.query("COMMIT");
      } catch (err) {
        await client.query("ROLLBACK");
        throw new Error(`migration ${name} failed: ${(err as Error).message}`);
      }
      applied.push(name);
      log(`applied migration ${name}`);
    }
    // graphile-worker keeps its queue in the same database (schema graphile_worker).
    await runMigrations({ connectionString, logger: quietLogger });
  } finally {
    await client.query("SELECT pg_advisory_unlock($1)", [LOCK_KEY]).catch(() => {});
    await client.end();
  }
  return applied;
}

const quietLogger = new Logger(() => () => {});
