import { expect, test } from "vitest";
import pg from "pg";
test("db migrated", async () => {
  const c = new pg.Client({ connectionString: process.env.DATABASE_URL });
  await c.connect();
  const r = await c.query("select count(*) from autoflow_migration");
  expect(Number(r.rows[0].count)).toBe(2);
  await c.end();
});
