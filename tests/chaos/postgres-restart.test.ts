// The short Postgres-restart chaos run inside `npm test` (the full one is `npm run chaos`): an
// embedded Postgres this test owns (never the machine's shared server) is stopped under a steady
// load and started again; every event that got a 2xx must come out once — one execution per rule,
// `success`, each side effect once — and the workers must recover on their own (bench/chaos).
//
// The whole test runs against that embedded Postgres: DATABASE_URL is switched before any server
// module is loaded (vitest gives each test file its own module graph).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { startControlledPostgres, type ControlledPostgres } from "../../bench/lib/embedded";
import type { ManagedProcess } from "../../bench/lib/processes";

const PORT = 3697;
let ctl: ControlledPostgres;
let url = "";
const spawned: ManagedProcess[] = [];

beforeAll(async () => {
  ctl = await startControlledPostgres(".data/test-chaos-pg", PORT);
  const admin = new pg.Client({ connectionString: ctl.url("postgres") });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS autoflow_test_chaos_pg WITH (FORCE)`);
  await admin.query(`CREATE DATABASE autoflow_test_chaos_pg`);
  await admin.end();
  url = ctl.url("autoflow_test_chaos_pg");
  const { migrate } = await import("../../server/db/migrate");
  await migrate(url);
  process.env.DATABASE_URL = url;
});

afterAll(async () => {
  await Promise.all(spawned.map((w) => w.stop()));
  const { closeDb } = await import("../../server/db");
  await closeDb();
  await ctl?.stop().catch(() => {});
});

describe("chaos (short): Postgres restart", () => {
  it("a Postgres stopped for 10 s under load loses and duplicates nothing, and the workers recover", { timeout: 300_000 }, async () => {
    const { pool } = await import("../../server/db");
    const { databaseUrl } = await import("../../server/env");
    expect(databaseUrl()).toBe(url);
    const { restDoor, tokenFor } = await import("../helpers/api");
    const { spawnWorkerProcess } = await import("../../bench/lib/processes");
    const { waitForPid } = await import("../../bench/lib/stack");
    const { postgresRestart } = await import("../../bench/chaos/scenarios");
    const { duplicatedTotal, lostTotal } = await import("../../bench/chaos/verify");
    const token = await tokenFor("admin");
    const r = await postgresRestart(
      {
        pool: pool(),
        door: restDoor(token),
        spawnWorker: () => {
          const w = spawnWorkerProcess({
            databaseUrl: url,
            // the loopback counting endpoint listens on a random port of 127.0.0.1
            env: { AUTOFLOW_HTTP_ALLOWED_HOSTS: "127.0.0.1", AUTOFLOW_RATE_HTTP_PER_SECOND: "0", LOG_LEVEL: "warn", AUTOFLOW_SECRET: process.env.AUTOFLOW_SECRET! },
          });
          spawned.push(w);
          return w;
        },
        waitReady: (w) => waitForPid(pool(), w),
        log: () => {},
        countingPort: 0,
      },
      { ctl, rate: 40, seconds: 20, stopAt: 5, outageSeconds: 10, waitMs: 180_000 },
    );
    const v = r.verdict;
    const summary = { lost: lostTotal(v), duplicated: duplicatedTotal(v), notFinished: v.notFinished, failed: v.failed, finished: r.finished };
    expect(v.accepted).toBeGreaterThan(0);
    expect(summary, `${r.name}: ${JSON.stringify(v)} ${JSON.stringify(r.notes).slice(0, 4000)}`).toEqual({ lost: 0, duplicated: 0, notFinished: 0, failed: 0, finished: true });
  });
});
