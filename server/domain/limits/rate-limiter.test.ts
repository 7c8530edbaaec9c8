// The Postgres-backed rate limiter: bursts, pacing, "delay, don't drop" (a refusal books nothing),
// booked short waits, all-or-nothing over several keys, and many concurrent callers (each on its
// own database connection, as separate worker processes would be) never exceeding the limit.
import crypto from "node:crypto";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import pg from "pg";
import { spawn } from "node:child_process";
import { closeDb, pool } from "../../db";
import { databaseUrl, resetEnvCache } from "../../env";
import { actionRateLimits, paceOf, reserve, reserveAll, reserveForAction, resetRateLimit } from "./rate-limiter";

const key = (name: string) => `test:${name}:${crypto.randomUUID().slice(0, 8)}`;

afterEach(() => {
  for (const k of Object.keys(process.env)) if (k.startsWith("AUTOFLOW_RATE_")) delete process.env[k];
  resetEnvCache();
});
afterAll(async () => {
  await pool().query(`DELETE FROM rate_limit_bucket WHERE key LIKE 'test:%'`);
  await closeDb();
});

describe("paceOf", () => {
  test("per second and per minute; burst defaults to the per-period amount; 0 or nothing is off", () => {
    expect(paceOf({ perSecond: 10 })).toEqual({ intervalMs: 100, toleranceMs: 900 });
    expect(paceOf({ perMinute: 30 })).toEqual({ intervalMs: 2000, toleranceMs: 58_000 });
    expect(paceOf({ perSecond: 4, burst: 1 })).toEqual({ intervalMs: 250, toleranceMs: 0 });
    expect(paceOf({ perSecond: 0.5 })).toEqual({ intervalMs: 2000, toleranceMs: 0 });
    expect(paceOf({ perSecond: 0 })).toBeNull();
    expect(paceOf({})).toBeNull();
    expect(paceOf({ perSecond: Number.NaN })).toBeNull();
  });
});

describe("reserve", () => {
  // Rates here are slow enough (seconds between slots) that a busy test machine cannot refill a
  // bucket between two calls and blur the counts.
  test("a burst goes at once; the next call is told to come back after one interval, and nothing was booked", async () => {
    const k = key("burst");
    for (let i = 0; i < 10; i++) expect(await reserve(k, { perMinute: 10 })).toEqual({ delayMs: 0, reserved: true });
    const refused = await reserve(k, { perMinute: 10 });
    expect(refused.reserved).toBe(false);
    expect(refused.limitedBy).toBe(k);
    expect(refused.delayMs).toBeGreaterThan(4000);
    expect(refused.delayMs).toBeLessThanOrEqual(6000);
    // A refusal books nothing: asking again gets (about) the same wait, not one interval more.
    const again = await reserve(k, { perMinute: 10 });
    expect(again.reserved).toBe(false);
    expect(again.delayMs).toBeLessThanOrEqual(refused.delayMs);
  });

  test("after the wait it was told, the call goes through", async () => {
    const k = key("wait");
    expect((await reserve(k, { perSecond: 20, burst: 1 })).reserved).toBe(true);
    const refused = await reserve(k, { perSecond: 20, burst: 1 });
    if (!refused.reserved) {
      expect(refused.delayMs).toBeLessThanOrEqual(50);
      await new Promise((r) => setTimeout(r, refused.delayMs + 5));
    }
    expect(await reserve(k, { perSecond: 20, burst: 1 })).toMatchObject({ reserved: true, delayMs: 0 });
  });

  test("with maxWaitMs, short waits are booked one interval apart (the caller sleeps, then runs)", async () => {
    const k = key("book");
    const limit = { perSecond: 2, burst: 1 };
    const delays: number[] = [];
    for (let i = 0; i < 6; i++) {
      const r = await reserve(k, limit, { maxWaitMs: 5000 });
      expect(r.reserved).toBe(true);
      delays.push(r.delayMs);
    }
    expect(delays[0]).toBe(0);
    // 500 ms apart, less the time the calls themselves took.
    for (let i = 1; i < delays.length; i++) {
      expect(delays[i] - delays[i - 1]).toBeGreaterThan(300);
      expect(delays[i] - delays[i - 1]).toBeLessThanOrEqual(501);
    }
    expect(delays[5]).toBeGreaterThan(2000);
    // A wait over maxWaitMs is refused instead.
    const far = await reserve(k, limit, { maxWaitMs: 10 });
    expect(far.reserved).toBe(false);
    expect(far.delayMs).toBeGreaterThan(2000);
  });

  test("per minute: 3 at once, then the 4th waits about 20 s", async () => {
    const k = key("minute");
    for (let i = 0; i < 3; i++) expect((await reserve(k, { perMinute: 3 })).delayMs).toBe(0);
    const r = await reserve(k, { perMinute: 3 });
    expect(r.reserved).toBe(false);
    expect(r.delayMs).toBeGreaterThan(19_000);
    expect(r.delayMs).toBeLessThanOrEqual(20_000);
  });

  test("a limit that is off never waits and stores nothing", async () => {
    const k = key("off");
    expect(await reserve(k, { perSecond: 0 })).toEqual({ delayMs: 0, reserved: true });
    const { rows } = await pool().query(`SELECT 1 FROM rate_limit_bucket WHERE key = $1`, [k]);
    expect(rows).toHaveLength(0);
  });
});

describe("reserveAll", () => {
  test("all or nothing: when one key must wait, the others are not charged", async () => {
    const free = key("free");
    const busy = key("busy");
    await reserve(busy, { perSecond: 1, burst: 1 });
    const r = await reserveAll([
      { key: free, limit: { perSecond: 2, burst: 2 } },
      { key: busy, limit: { perSecond: 1, burst: 1 } },
    ]);
    expect(r.reserved).toBe(false);
    expect(r.limitedBy).toBe(busy);
    expect(r.delayMs).toBeGreaterThan(900);
    // `free` still has its whole burst of 2.
    expect((await reserve(free, { perSecond: 2, burst: 2 })).delayMs).toBe(0);
    expect((await reserve(free, { perSecond: 2, burst: 2 })).delayMs).toBe(0);
    expect((await reserve(free, { perSecond: 2, burst: 2 })).reserved).toBe(false);
  });

  test("concurrent callers on separate connections (as separate workers) get exactly the burst, then pacing", async () => {
    const k = key("race");
    const clients = await Promise.all(
      Array.from({ length: 8 }, async () => {
        const c = new pg.Client({ connectionString: databaseUrl() });
        await c.connect();
        return c;
      }),
    );
    try {
      // 40 calls at once through the shared pool (up to 20 connections) race on the same row.
      // Exactly 5 (the burst) may go now.
      const results = await Promise.all(Array.from({ length: 40 }, () => reserve(k, { perMinute: 5 })));
      expect(results.filter((r) => r.reserved && r.delayMs === 0)).toHaveLength(5);
      expect(results.filter((r) => !r.reserved)).toHaveLength(35);
      // Seen from another connection, the bucket holds 5 intervals (60 s) of credit taken.
      const { rows } = await clients[0].query<{ ahead: number }>(
        `SELECT tat - extract(epoch FROM clock_timestamp()) * 1000 AS ahead FROM rate_limit_bucket WHERE key = $1`,
        [k],
      );
      expect(Number(rows[0].ahead)).toBeGreaterThan(55_000);
      expect(Number(rows[0].ahead)).toBeLessThanOrEqual(60_000);
    } finally {
      await Promise.all(clients.map((c) => c.end()));
    }
  });

  test("sustained: 25 callers booking waits on a 50/s limit finish no faster than the limit allows", async () => {
    const k = key("steady");
    const limit = { perSecond: 50, burst: 5 };
    const started = Date.now();
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        for (;;) {
          const r = await reserve(k, limit, { maxWaitMs: 100 });
          if (r.reserved) {
            await new Promise((res) => setTimeout(res, r.delayMs));
            return;
          }
          await new Promise((res) => setTimeout(res, r.delayMs));
        }
      }),
    );
    // 5 at once, then 20 more at 20 ms each: at least ~400 ms.
    expect(Date.now() - started).toBeGreaterThanOrEqual(380);
  });
});

describe("across processes", () => {
  test("three worker-like processes taking slots at once share one bucket: 6 go at once in total", async () => {
    // 6 per minute: a burst of 6, then one every 10 s, so the seconds the processes take to start
    // add no slot.
    const k = key("procs");
    const run = () =>
      new Promise<number>((resolve, reject) => {
        const child = spawn(process.execPath, ["--import", "tsx", "server/domain/limits/test-reserve-child.ts", k, "6", "10"], {
          env: { ...process.env },
          stdio: ["ignore", "pipe", "inherit"],
        });
        let out = "";
        child.stdout.on("data", (d) => (out += d));
        child.on("error", reject);
        child.on("exit", (code) => (code === 0 ? resolve(JSON.parse(out.trim().split("\n").at(-1)!).immediate) : reject(new Error(`child exited ${code}`))));
      });
    const counts = await Promise.all([run(), run(), run()]);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(6);
  }, 60_000);
});

describe("actionRateLimits", () => {
  test("reads the per-type and per-connection rates from the environment; 0 is off", () => {
    expect(actionRateLimits("email")).toEqual([{ key: "action:email", limit: { perSecond: 50 } }]);
    expect(actionRateLimits("sms", "c1")).toEqual([{ key: "action:sms", limit: { perSecond: 10 } }]);
    expect(actionRateLimits("http")).toEqual([]);
    expect(actionRateLimits("notify")).toEqual([]);
    process.env.AUTOFLOW_RATE_EMAIL_PER_SECOND = "0";
    process.env.AUTOFLOW_RATE_CONNECTION_PER_SECOND = "2";
    resetEnvCache();
    expect(actionRateLimits("email", "11111111-1111-4111-8111-111111111111")).toEqual([
      { key: "connection:11111111-1111-4111-8111-111111111111", limit: { perSecond: 2 } },
    ]);
  });

  test("reserveForAction: the type's bucket and the connection's, together (what the engine calls)", async () => {
    process.env.AUTOFLOW_RATE_SMS_PER_SECOND = "1";
    process.env.AUTOFLOW_RATE_CONNECTION_PER_SECOND = "2";
    resetEnvCache();
    const conn = crypto.randomUUID();
    await resetRateLimit("action:sms");
    await resetRateLimit(`connection:${conn}`);
    expect(await reserveForAction("sms", conn)).toEqual({ delayMs: 0, reserved: true });
    const second = await reserveForAction("sms", conn);
    expect(second).toMatchObject({ reserved: false, limitedBy: "action:sms" });
    expect(second.delayMs).toBeGreaterThan(900);
    // Types without a limit never wait.
    expect(await reserveForAction("notify")).toEqual({ delayMs: 0, reserved: true });
    await resetRateLimit("action:sms");
  });
});
