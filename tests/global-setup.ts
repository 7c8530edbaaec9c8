// vitest global setup: one fresh database for the whole run — a database named autoflow_vitest on
// the server in DATABASE_URL, else an embedded Postgres under .data/test-pg — migrated once.
import pg from "pg";
import { migrate } from "../server/db/migrate";
import { startEmbeddedPostgres, type EmbeddedDb } from "../server/db/embedded-postgres";

let embedded: EmbeddedDb | undefined;

async function recreateDatabase(serverUrl: string, name: string): Promise<string> {
  const admin = new pg.Client({ connectionString: serverUrl });
  await admin.connect();
  try {
    await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
    await admin.query(`CREATE DATABASE ${name}`);
  } finally {
    await admin.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return url.toString();
}

export async function setup() {
  let serverUrl = process.env.DATABASE_URL;
  if (!serverUrl) {
    embedded = await startEmbeddedPostgres(".data/test-pg", { database: "postgres" });
    serverUrl = embedded.url;
  }
  const url = await recreateDatabase(serverUrl, process.env.AUTOFLOW_TEST_DB ?? "autoflow_vitest");
  await migrate(url);
  process.env.DATABASE_URL = url;
  process.env.AUTOFLOW_SECRET ??= "test-secret-test-secret-test-secret";
  (process.env as Record<string, string>).NODE_ENV = "test";
  process.env.LOG_LEVEL ??= "silent";
}

export async function teardown() {
  await embedded?.stop();
}
