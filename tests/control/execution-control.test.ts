// Execution control: priority, slow-action isolation, per-rule rate limit, debounce, per-key
// concurrency in order, progress and hung actions — each against a real worker and Postgres.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { api, waitFor } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";

let server: http.Server;
let base = "";
beforeAll(async () => {
  server = http.createServer((req, res) => {
    const ms = Number(new URL(req.url!, "http://x").searchParams.get("ms") ?? 0);
    if (ms < 0) return; // never answers: a hung endpoint
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'), ms);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = new URL(base).host;
  resetEnvCache();
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
});

async function rule(body: Record<string, unknown>, enable = true): Promise<string> {
  const r = await api("POST", "/rules", { body: { retryPolicy: { maxAttempts: 1 }, ...body } });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  if (enable) await api("POST", `/rules/${r.body.id}/enable`);
  return r.body.id;
}

const rows = (ruleId: string) =>
  pool().query<{ execution_id: string; status: string; start_time: Date | null; end_time: Date | null; input_data: any; throttle_reason: string | null; concurrency_key: string | null }>(
    `SELECT execution_id, status, start_time, end_time, input_data, throttle_reason, concurrency_key FROM task_execution WHERE rule_id = $1 ORDER BY execution_id`,
    [ruleId],
  );
const note = { type: "notify", params: { title: "t", body: "{{payload.seq}}" } };

describe("priority", () => {
  it("5 high-priority executions start before 200 queued low-priority ones are half done", { timeout: 60_000 }, async () => {
    const low = await rule({ name: "low", priority: -10, trigger: { type: "event", event: "prio.low" }, actions: [note] }, false);
    const high = await rule({ name: "high", priority: 50, trigger: { type: "event", event: "prio.high" }, actions: [note] }, false);
    // queued while no worker runs: 200 low, then 5 high
    for (let i = 0; i < 200; i++) await api("POST", `/rules/${low}/trigger`, { body: { payload: { seq: i } } });
    for (let i = 0; i < 5; i++) await api("POST", `/rules/${high}/trigger`, { body: { payload: { seq: i } } });
    const worker = await withWorker(1);
    try {
      await waitFor(async () => (await rows(low)).rows.every((r) => r.status === "success"), 40_000);
      const lows = (await rows(low)).rows.map((r) => r.start_time!.getTime()).sort((a, b) => a - b);
      const highs = (await rows(high)).rows.map((r) => r.start_time!.getTime());
      expect(highs).toHaveLength(5);
      expect(Math.max(...highs)).toBeLessThanOrEqual(lows[99]);
    } finally {
      await worker.stop();
    }
  });
});

describe("with a worker", () => {
  let worker: StartedWorker;
  beforeAll(async () => {
    worker = await withWorker(2);
  });
  afterAll(async () => worker?.stop());

  it("100 executions waiting on a 10 s endpoint do not delay another rule's start by more than 1 s", { timeout: 60_000 }, async () => {
    const slow = await rule({ name: "slow", trigger: { type: "event", event: "iso.slow" }, actions: [{ type: "http", params: { method: "GET", url: `${base}/slow?ms=10000`, timeoutMs: 20000 } }] });
    const fast = await rule({ name: "fast", trigger: { type: "event", event: "iso.fast" }, actions: [note] });
    // one job per execution, the hardest case: each would take a worker slot for 10 s
    for (let i = 0; i < 100; i++) await api("POST", `/rules/${slow}/trigger`, { body: { payload: { seq: i } } });
    await waitFor(async () => (await rows(slow)).rows.filter((r) => r.status === "running").length >= 4, 10_000);
    const posted = Date.now();
    await api("POST", "/events", { body: { type: "iso.fast", payload: { seq: 1 } }, role: "operator" });
    const started = await waitFor(async () => (await rows(fast)).rows[0]?.start_time ?? null, 5_000, 20);
    expect(started.getTime() - posted).toBeLessThan(1_000);
    await api("POST", `/rules/${slow}/disable`);
    for (const r of (await rows(slow)).rows) if (["pending", "running", "retrying"].includes(r.status)) await api("POST", `/executions/${r.execution_id}/cancel`);
  });

  it("a rule limited to 10 per second runs 200 events over about 20 s, none lost", { timeout: 60_000 }, async () => {
    const id = await rule({ name: "limited", trigger: { type: "event", event: "rate.x" }, actions: [note], execution: { rateLimit: { limit: 10, perSeconds: 1 } } });
    const events = Array.from({ length: 200 }, (_, i) => ({ type: "rate.x", payload: { seq: i } }));
    expect((await api("POST", "/events", { body: { events }, role: "operator" })).body.accepted).toBe(200);
    await waitFor(async () => {
      const r = (await rows(id)).rows;
      return r.length === 200 && r.every((x) => x.status === "success");
    }, 40_000, 250);
    const starts = (await rows(id)).rows.map((r) => r.start_time!.getTime()).sort((a, b) => a - b);
    const span = (starts[199] - starts[0]) / 1000;
    // about 20 s: never faster than the limit allows; a loaded machine may start some late
    expect(span).toBeGreaterThan(17);
    expect(span).toBeLessThan(40);
    // the limit's guarantee: no start before its window — the k-th start is at least ⌊k/10⌋ s
    // after the first (50 ms of slack for clock rounding); late starts may bunch, early ones never
    starts.forEach((t, k) => expect(t - starts[0]).toBeGreaterThanOrEqual(Math.floor(k / 10) * 1000 - 1050));
    const delayed = (await rows(id)).rows.filter((r) => r.throttle_reason?.startsWith("rate limit 10 per 1 s"));
    expect(delayed.length).toBeGreaterThanOrEqual(180);
  });

  it("a debounced rule receiving 50 events for one key within its window runs once with the last payload", { timeout: 30_000 }, async () => {
    const id = await rule({
      name: "debounced",
      trigger: { type: "event", event: "deb.x" },
      actions: [note],
      execution: { debounce: { key: "{{payload.contactId}}", windowSeconds: 2 } },
    });
    for (let i = 0; i < 50; i++) await api("POST", "/events", { body: { type: "deb.x", payload: { contactId: "c1", seq: i } }, role: "operator" });
    await waitFor(async () => (await rows(id)).rows.some((r) => r.status === "success"), 15_000);
    await new Promise((r) => setTimeout(r, 2500));
    const all = (await rows(id)).rows;
    expect(all).toHaveLength(50);
    const ran = all.filter((r) => r.status === "success");
    expect(ran).toHaveLength(1);
    expect(ran[0].input_data.payload.seq).toBe(49);
    const collapsed = all.filter((r) => r.status === "skipped");
    expect(collapsed).toHaveLength(49);
    // each collapsed execution names the one it went into; the last of them, the survivor
    expect(collapsed.every((c) => /^collapsed into execution \d+ by debounce/.test(c.throttle_reason ?? ""))).toBe(true);
    expect(collapsed[48].throttle_reason).toBe(`collapsed into execution ${ran[0].execution_id} by debounce (the last payload wins)`);
  });

  it("concurrency 1 per key runs one customer's executions in order, others side by side", { timeout: 60_000 }, async () => {
    const id = await rule({
      name: "per customer",
      trigger: { type: "event", event: "conc.x" },
      actions: [{ type: "http", params: { method: "GET", url: `${base}/work?ms=300` } }, note],
      execution: { concurrency: { limit: 1, key: "{{payload.contactId}}" } },
    });
    const events = Array.from({ length: 12 }, (_, i) => ({ type: "conc.x", payload: { contactId: i % 2 ? "B" : "A", seq: i } }));
    await api("POST", "/events", { body: { events }, role: "operator" });
    await waitFor(async () => (await rows(id)).rows.filter((r) => r.status === "success").length === 12, 30_000);
    const all = (await rows(id)).rows;
    for (const key of ["A", "B"]) {
      const mine = all.filter((r) => r.concurrency_key === key);
      expect(mine).toHaveLength(6);
      for (let i = 1; i < mine.length; i++) {
        expect(mine[i].start_time!.getTime(), `${key} #${i} starts after #${i - 1} ends`).toBeGreaterThanOrEqual(mine[i - 1].end_time!.getTime());
      }
    }
    const a = all.filter((r) => r.concurrency_key === "A");
    const b = all.filter((r) => r.concurrency_key === "B");
    const overlaps = a.some((x) => b.some((y) => x.start_time! < y.end_time! && y.start_time! < x.end_time!));
    expect(overlaps, "different customers run side by side").toBe(true);
  });

  it("a per-action-type rate limit delays sends across executions and drops none", { timeout: 30_000 }, async () => {
    process.env.AUTOFLOW_RATE_SMS_PER_SECOND = "2";
    resetEnvCache();
    try {
      const id = await rule({ name: "sms burst", trigger: { type: "event", event: "smsrate.x" }, actions: [{ type: "sms", params: { to: "+15550000{{payload.seq}}", text: "hi {{payload.seq}}" } }] });
      const events = Array.from({ length: 8 }, (_, i) => ({ type: "smsrate.x", payload: { seq: 10 + i } }));
      await api("POST", "/events", { body: { events }, role: "operator" });
      await waitFor(async () => (await rows(id)).rows.filter((r) => r.status === "success").length === 8, 20_000, 100);
      const sent = await pool().query<{ created_at: Date }>(
        `SELECT d.created_at FROM dev_message d JOIN task_execution e ON d.message_id LIKE e.execution_id || ':%' WHERE e.rule_id = $1 ORDER BY d.created_at`,
        [id],
      );
      expect(sent.rows).toHaveLength(8);
      // 2 per second with a burst of about one second: 8 sends take at least ~2.5 s
      const spread = sent.rows[7].created_at.getTime() - sent.rows[0].created_at.getTime();
      expect(spread).toBeGreaterThan(2_400);
    } finally {
      delete process.env.AUTOFLOW_RATE_SMS_PER_SECOND;
      resetEnvCache();
    }
  });

  it("shows an action's progress while it runs, and times out a hung action", { timeout: 30_000 }, async () => {
    const id = await rule({ name: "progress", trigger: { type: "event", event: "prog.x" }, actions: [{ type: "http", params: { method: "GET", url: `${base}/slow?ms=3000` } }] });
    const { executionId } = (await api("POST", `/rules/${id}/trigger`, { body: { payload: {} } })).body;
    const during = await waitFor(async () => {
      const e = await api("GET", `/executions/${executionId}`);
      return e.body.status === "running" && e.body.progress ? e.body : null;
    }, 5_000, 50);
    expect(during.progress).toMatchObject({ actionIndex: 0, fraction: 0 });
    expect(during.progress.message).toMatch(/waiting for GET/);
    await waitFor(async () => (await api("GET", `/executions/${executionId}`)).body.status === "success", 10_000);

    const hung = await rule({ name: "hung", trigger: { type: "event", event: "hung.x" }, actions: [{ type: "http", params: { method: "GET", url: `${base}/hang?ms=-1`, timeoutMs: 500 } }] });
    const r2 = (await api("POST", `/rules/${hung}/trigger`, { body: { payload: {} } })).body;
    const failed = await waitFor(async () => {
      const e = await api("GET", `/executions/${r2.executionId}`);
      return e.body.status === "failed" ? e.body : null;
    }, 10_000);
    expect(failed.errorMessage).toMatch(/within 500 ms|timed out/i);
    expect(failed.actions[0].details.retryable).toBe(true);
  });
});
