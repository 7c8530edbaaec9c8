// The short chaos run inside `npm test` (the full one is `npm run chaos`, bench/chaos.ts): real
// worker processes killed and stopped under load, the same events delivered many times, a backlog
// drained. Events go through the REST handler in-process (what Next.js serves); every event that
// got a 2xx must come out once — one execution per rule, `success`, each side effect once.
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { restDoor, tokenFor } from "../helpers/api";
import { spawnWorkerProcess, type ManagedProcess } from "../../bench/lib/processes";
import { waitForPid } from "../../bench/lib/stack";
import { drainBacklog, duplicateDeliveries, sigkillUnderLoad, sigtermMidAction, type ChaosEnv, type ScenarioResult } from "../../bench/chaos/scenarios";
import { duplicatedTotal, lostTotal } from "../../bench/chaos/verify";

const spawned: ManagedProcess[] = [];
afterAll(async () => {
  await Promise.all(spawned.map((w) => w.stop()));
});

async function env(): Promise<ChaosEnv> {
  const token = await tokenFor("admin");
  return {
    pool: pool(),
    door: restDoor(token),
    spawnWorker: (extra) => {
      const w = spawnWorkerProcess({
        databaseUrl: process.env.DATABASE_URL!,
        // the loopback counting endpoint listens on a random port of 127.0.0.1
        env: { AUTOFLOW_HTTP_ALLOWED_HOSTS: "127.0.0.1", AUTOFLOW_RATE_HTTP_PER_SECOND: "0", LOG_LEVEL: "warn", AUTOFLOW_SECRET: process.env.AUTOFLOW_SECRET!, ...(extra ?? {}) },
      });
      spawned.push(w);
      return w;
    },
    waitReady: (w) => waitForPid(pool(), w),
    log: () => {},
    countingPort: 0,
  };
}

function expectOnce(r: ScenarioResult) {
  const v = r.verdict;
  const summary = { lost: lostTotal(v), duplicated: duplicatedTotal(v), notFinished: v.notFinished, failed: v.failed, finished: r.finished };
  expect(v.accepted, r.name).toBeGreaterThan(0);
  expect(summary, `${r.name}: ${JSON.stringify(v)}`).toEqual({ lost: 0, duplicated: 0, notFinished: 0, failed: 0, finished: true });
}

describe("chaos (short)", () => {
  it("SIGKILL of a worker under load loses and duplicates nothing", { timeout: 60_000 }, async () => {
    expectOnce(await sigkillUnderLoad(await env(), { events: 600, seconds: 6 }));
  });

  it("SIGTERM with actions in flight: the actions are aborted, handed back and finished once by another worker", { timeout: 60_000 }, async () => {
    const r = await sigtermMidAction(await env(), { events: 20, actionMs: 3_500 });
    expectOnce(r);
    expect(r.notes.exitCode).toBe(0);
  });

  it("the same events delivered many times at once are accepted and run once", { timeout: 60_000 }, async () => {
    const r = await duplicateDeliveries(await env(), { ids: 300, copies: 4 });
    expectOnce(r);
    expect(r.notes.acceptedSum).toBe(300);
  });

  it("a backlog built with no worker running drains completely", { timeout: 60_000 }, async () => {
    expectOnce(await drainBacklog(await env(), { events: 2_000 }));
  });
});
