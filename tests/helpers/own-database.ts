// A test file that compares whole-database row counts runs on a database of its own, so that
// nothing another file left behind (a job still due, a process still stopping) can change a
// count under it. Call before anything in the file touches the database.
import pg from "pg";
import { migrate } from "../../server/db/migrate";
import { resetEnvCache } from "../../server/env";

export async function useOwnDatabase(name: string): Promise<void> {
  const current = new URL(process.env.DATABASE_URL!);
  const admin = new pg.Client({ connectionString: current.toString() });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  current.pathname = `/${name}`;
  await migrate(current.toString());
  process.env.DATABASE_URL = current.toString();
  resetEnvCache();
}
