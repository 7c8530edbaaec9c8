// Cancelling an execution asleep in a delay and one whose http action hangs, and the per-execution
// timeout (execution.timeoutSeconds), against a real worker and a real server on 127.0.0.1.
import type { ServerResponse } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, waitFor } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { startTestHttpServer, type TestHttpServer } from "../../server/net/test-http-server";
import { enabledRule, getExecution, sendEvent, sleep, suffix, waitForExecution, waitForStatus } from "./helpers";

let worker: StartedWorker;
let srv: TestHttpServer;
const sfx = suffix();
/** Requests the slow endpoint is holding, and when each one's connection closed. */
const held: { path: string; res: ServerResponse; closedAt: number | null }[] = [];

beforeAll(async () => {
  srv = await startTestHttpServer("127.0.0.1");
  srv.handle((req, res) => {
    if (req.url.startsWith("/slow")) {
      const entry = { path: req.url, res, closedAt: null as number | null };
      held.push(entry);
      res.on("close", () => (entry.closedAt = Date.now()));
      return; // never answers
    }
    res.end("ok");
  });
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `127.0.0.1:${srv.port}`;
  resetEnvCache();
  worker = await withWorker();
});

afterAll(async () => {
  await worker?.stop();
  await srv?.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
});

const notifications = async (executionId: string) =>
  (await pool().query(`SELECT count(*)::int AS n FROM notification WHERE execution_id = $1`, [executionId])).rows[0].n as number;

describe("cancel", () => {
  it("cancelling during a delay is immediate and the next action never runs", async () => {
    const event = `cancel.delay.${sfx}`;
    const ruleId = await enabledRule({
      name: `delay then notify ${sfx}`,
      trigger: { type: "event", event },
      actions: [
        { type: "delay", params: { seconds: 30 } },
        { type: "notify", params: { title: "after the delay", body: "should not appear" } },
      ],
    });
    const eventId = await sendEvent(event, {});
    const asleep = await waitFor(async () => {
      const [e] = (await api("GET", `/executions?ruleId=${ruleId}`, { role: "viewer" })).body.items;
      return e && e.triggerEventId === eventId && e.status === "running" && e.nextAttemptAt ? e : null;
    });
    const full = await getExecution(asleep.id);
    expect(full.actions).toMatchObject([{ actionType: "delay", status: "success" }]);
    expect(Date.parse(full.nextAttemptAt!)).toBeGreaterThan(Date.now() + 20_000);

    const started = Date.now();
    const cancelled = await api("POST", `/executions/${asleep.id}/cancel`, { role: "operator" });
    expect(cancelled.status).toBe(200);
    expect(cancelled.body.status).toBe("cancelled");
    expect(cancelled.body.errorMessage).toBe("cancelled by a user");
    expect(Date.now() - started).toBeLessThan(1000);
    // Its wake-up job is gone too.
    const jobs = await pool().query(`SELECT count(*)::int AS n FROM graphile_worker.jobs WHERE key = $1`, [`exec:${asleep.id}`]);
    expect(jobs.rows[0].n).toBe(0);

    await sleep(1500);
    const after = await getExecution(asleep.id);
    expect(after.status).toBe("cancelled");
    expect(after.actions).toHaveLength(1);
    expect(await notifications(asleep.id)).toBe(0);
    // Cancelling again: it is already finished.
    expect((await api("POST", `/executions/${asleep.id}/cancel`, { role: "operator" })).status).toBe(409);
  });

  it("cancelling a running http action aborts the request through its signal", async () => {
    const event = `cancel.http.${sfx}`;
    const path = `/slow-cancel-${sfx}`;
    const ruleId = await enabledRule({
      name: `hanging http ${sfx}`,
      trigger: { type: "event", event },
      actions: [
        { type: "http", params: { method: "GET", url: `${srv.origin}${path}`, timeoutMs: 120_000 } },
        { type: "notify", params: { title: "after http", body: "should not appear" } },
      ],
    });
    const eventId = await sendEvent(event, {});
    await waitFor(async () => held.find((h) => h.path === path));
    const running = await waitForExecution(ruleId, eventId, ["running"]);
    expect(running.actions).toHaveLength(0);

    const started = Date.now();
    const res = await api("POST", `/executions/${running.id}/cancel`, { role: "operator" });
    expect(res.status).toBe(200);
    const done = res.body.status === "cancelled" ? res.body : await waitForStatus(running.id, ["cancelled", "failed", "success"], 5000);
    expect(done.status).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(3000);
    // The server saw the client hang up: the request was aborted, not left to time out.
    const h = await waitFor(async () => held.find((x) => x.path === path && x.closedAt !== null), 3000);
    expect(h.closedAt! - started).toBeLessThan(3000);

    const full = await getExecution(running.id);
    expect(full.actions).toMatchObject([{ actionIndex: 0, actionType: "http", status: "cancelled", attempt: 1 }]);
    await sleep(500);
    expect(await notifications(running.id)).toBe(0);
    expect((await getExecution(running.id)).status).toBe("cancelled");
  });
});

describe("execution timeout (execution.timeoutSeconds)", () => {
  it("fails a running execution after N s, aborting the action in flight, without retrying", async () => {
    const event = `timeout.http.${sfx}`;
    const path = `/slow-timeout-${sfx}`;
    const ruleId = await enabledRule({
      name: `timeout http ${sfx}`,
      trigger: { type: "event", event },
      execution: { timeoutSeconds: 1 },
      retryPolicy: { maxAttempts: 5, initialDelayMs: 100 },
      actions: [{ type: "http", params: { method: "GET", url: `${srv.origin}${path}`, timeoutMs: 60_000 } }],
    });
    const eventId = await sendEvent(event, {});
    const exec = await waitForExecution(ruleId, eventId, ["failed", "success", "cancelled"], 10_000);
    expect(exec.status).toBe("failed");
    expect(exec.errorClass).toBe("runtime");
    expect(exec.errorMessage).toBe("execution timed out after 1 s");
    expect(exec.retryCount).toBe(0);
    expect(exec.actions).toMatchObject([{ actionType: "http", status: "failed", attempt: 1, details: { error: "execution timed out after 1 s", retryable: false } }]);
    const a = exec.actions[0];
    const took = Date.parse(a.endTime) - Date.parse(a.startTime);
    expect(took).toBeGreaterThanOrEqual(800);
    expect(took).toBeLessThan(5000);
    const h = await waitFor(async () => held.find((x) => x.path === path && x.closedAt !== null), 3000);
    expect(h).toBeTruthy();
    expect(held.filter((x) => x.path === path)).toHaveLength(1);
  });

  it("counts a suspended delay on the wall clock: the execution fails at its deadline, the next action never runs", async () => {
    const event = `timeout.delay.${sfx}`;
    const ruleId = await enabledRule({
      name: `timeout delay ${sfx}`,
      trigger: { type: "event", event },
      execution: { timeoutSeconds: 2 },
      actions: [
        { type: "delay", params: { seconds: 20 } },
        { type: "notify", params: { title: "late", body: "should not appear" } },
      ],
    });
    const eventId = await sendEvent(event, {});
    const asleep = await waitForExecution(ruleId, eventId, ["running"]);
    const sent = Date.now();
    const exec = await waitForStatus(asleep.id, ["failed", "success", "cancelled"], 10_000);
    expect(exec.status).toBe("failed");
    expect(exec.errorMessage).toBe("execution timed out after 2 s");
    expect(exec.errorClass).toBe("runtime");
    expect(Date.now() - sent).toBeLessThan(6000);
    expect(exec.actions).toMatchObject([{ actionType: "delay", status: "success" }]);
    expect(await notifications(asleep.id)).toBe(0);
  });

  it("an execution that finishes in time is not affected", async () => {
    const event = `timeout.ok.${sfx}`;
    const ruleId = await enabledRule({
      name: `timeout ok ${sfx}`,
      trigger: { type: "event", event },
      execution: { timeoutSeconds: 30 },
      actions: [{ type: "notify", params: { title: "quick", body: "done" } }],
    });
    const exec = await waitForExecution(ruleId, await sendEvent(event, {}), ["failed", "success"]);
    expect(exec.status).toBe("success");
  });
});
