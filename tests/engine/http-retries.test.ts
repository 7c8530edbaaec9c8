// The http action through the engine against a real server on 127.0.0.1: retries with the rule's
// backoff and one Idempotency-Key, `retrying` visible between attempts, a log row per attempt,
// 4xx failing at once into the dead-letter view, and a manual retry that resumes at the failed
// action without redoing the ones that succeeded.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { startTestHttpServer, type TestHttpServer } from "../../server/net/test-http-server";
import { enabledRule, getExecution, sendEvent, sleep, suffix, waitForExecution, waitForStatus } from "./helpers";

let worker: StartedWorker;
let srv: TestHttpServer;
const sfx = suffix();
/** Arrival times of requests, by path. */
const arrivals = new Map<string, number[]>();
/** Scripted answers, by path: statuses taken one per request; the last one repeats. */
const script = new Map<string, number[]>();

beforeAll(async () => {
  srv = await startTestHttpServer("127.0.0.1");
  srv.handle((req, res) => {
    const path = req.url.split("?")[0];
    arrivals.set(path, [...(arrivals.get(path) ?? []), Date.now()]);
    const answers = script.get(path) ?? [200];
    const status = answers.length > 1 ? answers.shift()! : answers[0];
    res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify({ path, status }));
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

const requestsTo = (path: string) => srv.requests.filter((r) => r.url.split("?")[0] === path);

function httpRule(event: string, actions: unknown[], retryPolicy: Record<string, unknown>) {
  return { name: `http ${event}`, trigger: { type: "event", event }, actions, retryPolicy };
}

describe("http retries", () => {
  it("503, 503, 200 succeeds on attempt 3 with one Idempotency-Key; gaps follow the retry policy", async () => {
    const path = `/flaky-${sfx}`;
    script.set(path, [503, 503, 200]);
    const event = `http.flaky.${sfx}`;
    const ruleId = await enabledRule(
      httpRule(event, [{ type: "http", params: { method: "POST", url: `${srv.origin}${path}`, body: { orderId: "{{payload.orderId}}" } } }], {
        maxAttempts: 3,
        initialDelayMs: 300,
        backoffFactor: 2,
        maxDelayMs: 60_000,
      }),
    );
    const eventId = await sendEvent(event, { orderId: "O-1" });
    const exec = await waitForExecution(ruleId, eventId, ["success", "failed"]);
    expect(exec.status, exec.errorMessage ?? "").toBe("success");
    expect(exec.retryCount).toBe(2);

    const reqs = requestsTo(path);
    expect(reqs).toHaveLength(3);
    for (const r of reqs) {
      expect(r.headers["idempotency-key"]).toBe(`${exec.id}:0`);
      expect(JSON.parse(r.body)).toEqual({ orderId: "O-1" });
    }
    const [t1, t2, t3] = arrivals.get(path)!;
    // Base waits 300 and 600 ms, ±20 % jitter; the upper bounds allow for job polling.
    expect(t2 - t1).toBeGreaterThanOrEqual(0.8 * 300);
    expect(t2 - t1).toBeLessThan(300 * 1.2 + 3000);
    expect(t3 - t2).toBeGreaterThanOrEqual(0.8 * 600);
    expect(t3 - t2).toBeLessThan(600 * 1.2 + 3000);

    expect(exec.actions.map((a) => [a.actionIndex, a.status, a.attempt])).toEqual([
      [0, "failed", 1],
      [0, "failed", 2],
      [0, "success", 3],
    ]);
    for (const a of exec.actions) expect(a.details.idempotencyKey).toBe(`${exec.id}:0`);
    expect(exec.actions[0].details).toMatchObject({ errorClass: "dependency", retryable: true, response: { status: 503 } });
    expect(exec.actions[2].details.output).toMatchObject({ status: 200, body: { path, status: 200 } });
  });

  it("a 400 fails at once: one attempt, status failed, and it shows in the dead-letter view", async () => {
    const path = `/bad-${sfx}`;
    script.set(path, [400]);
    const event = `http.bad.${sfx}`;
    const ruleId = await enabledRule(
      httpRule(event, [{ type: "http", params: { method: "PUT", url: `${srv.origin}${path}` } }], { maxAttempts: 5, initialDelayMs: 100 }),
    );
    const eventId = await sendEvent(event, {});
    const exec = await waitForExecution(ruleId, eventId, ["success", "failed"]);
    expect(exec.status).toBe("failed");
    expect(exec.errorClass).toBe("runtime");
    expect(exec.errorMessage).toContain("answered 400");
    expect(exec.retryCount).toBe(0);
    expect(exec.actions).toHaveLength(1);
    expect(exec.actions[0]).toMatchObject({ status: "failed", attempt: 1, details: { retryable: false, response: { status: 400 } } });
    await sleep(600);
    expect(requestsTo(path)).toHaveLength(1);

    const dead = await api("GET", `/executions/dead-letter?ruleId=${ruleId}`, { role: "viewer" });
    expect(dead.status).toBe(200);
    expect(dead.body.items).toHaveLength(1);
    expect(dead.body.items[0]).toMatchObject({
      id: exec.id,
      status: "failed",
      errorClass: "runtime",
      errorMessage: exec.errorMessage,
      failedAction: { actionIndex: 0, actionType: "http", attempt: 1, errorClass: "runtime", error: exec.errorMessage, response: { status: 400 } },
    });
    expect(dead.body.items[0].failedAt).toBeTruthy();
    // The whole list is newest first and pages by cursor.
    const page1 = await api("GET", `/executions/dead-letter?limit=1`, { role: "viewer" });
    expect(page1.body.items).toHaveLength(1);
    const all = await api("GET", `/executions/dead-letter?limit=200`, { role: "viewer" });
    const ids = all.body.items.map((i: { id: string }) => BigInt(i.id));
    expect([...ids].sort((a, b) => (a > b ? -1 : 1))).toEqual(ids);
    if (page1.body.nextCursor) {
      const page2 = await api("GET", `/executions/dead-letter?limit=1&cursor=${page1.body.nextCursor}`, { role: "viewer" });
      expect(BigInt(page2.body.items[0].id)).toBeLessThan(BigInt(page1.body.items[0].id));
    }
  });

  it("shows retrying with nextAttemptAt between attempts, and one log row per attempt with input, output, error", async () => {
    const path = `/slowretry-${sfx}`;
    script.set(path, [502, 200]);
    const event = `http.slowretry.${sfx}`;
    const ruleId = await enabledRule(
      httpRule(event, [{ type: "http", params: { method: "POST", url: `${srv.origin}${path}`, body: "hello {{payload.who}}" } }], {
        maxAttempts: 3,
        initialDelayMs: 2000,
      }),
    );
    const eventId = await sendEvent(event, { who: "world" });
    const waiting = await waitForExecution(ruleId, eventId, ["retrying", "success", "failed"]);
    expect(waiting.status).toBe("retrying");
    expect(waiting.nextAttemptAt).not.toBeNull();
    const due = Date.parse(waiting.nextAttemptAt!);
    expect(due).toBeGreaterThan(Date.now() - 500);
    expect(due).toBeLessThan(Date.now() + 2000 * 1.2 + 500);
    expect(waiting.errorMessage).toContain("answered 502");
    expect(waiting.attempt).toBe(2);
    expect(waiting.actions).toHaveLength(1);
    expect(waiting.actions[0].details).toMatchObject({
      input: { method: "POST", url: `${srv.origin}${path}`, body: "hello world" },
      error: expect.stringContaining("answered 502"),
      errorClass: "dependency",
    });

    const done = await waitForStatus(waiting.id, ["success", "failed"]);
    expect(done.status).toBe("success");
    expect(done.nextAttemptAt).toBeNull();
    expect(done.errorMessage).toBeNull();
    const logs = await api("GET", `/logs?executionId=${done.id}`, { role: "viewer" });
    expect(logs.body.items.map((l: { attempt: number; status: string }) => [l.attempt, l.status])).toEqual([
      [1, "failed"],
      [2, "success"],
    ]);
    expect(logs.body.items[1].details).toMatchObject({ input: { body: "hello world" }, output: { status: 200 } });
    expect(logs.body.items[1].details.error).toBeUndefined();
  });
});

describe("manual retry", () => {
  it("resumes at the failed action and does not redo the actions that succeeded", async () => {
    const first = `/first-${sfx}`;
    const second = `/second-${sfx}`;
    script.set(first, [200]);
    script.set(second, [400]);
    const event = `http.resume.${sfx}`;
    const ruleId = await enabledRule(
      httpRule(
        event,
        [
          { type: "notify", params: { title: "Order {{payload.orderId}}", body: "paid" } },
          { type: "http", params: { method: "POST", url: `${srv.origin}${first}` } },
          { type: "http", params: { method: "POST", url: `${srv.origin}${second}`, body: { prev: "{{actions.1.output.body.path}}" } } },
        ],
        { maxAttempts: 2, initialDelayMs: 100 },
      ),
    );
    const eventId = await sendEvent(event, { orderId: "R-1" });
    const failed = await waitForExecution(ruleId, eventId, ["success", "failed"]);
    expect(failed.status).toBe("failed");
    expect(failed.actions.map((a) => [a.actionIndex, a.status])).toEqual([
      [0, "success"],
      [1, "success"],
      [2, "failed"],
    ]);
    expect(requestsTo(first)).toHaveLength(1);
    expect(requestsTo(second)).toHaveLength(1);

    script.set(second, [200]);
    const retried = await api("POST", `/executions/${failed.id}/retry`, { role: "operator" });
    expect(retried.status).toBe(200);
    expect(["pending", "running", "success"]).toContain(retried.body.status);
    const done = await waitForStatus(failed.id, ["success", "failed"]);
    expect(done.status, done.errorMessage ?? "").toBe("success");
    expect(done.retryCount).toBe(1);

    expect(requestsTo(first)).toHaveLength(1);
    expect(requestsTo(second)).toHaveLength(2);
    // The resumed action still reads the output of the action that ran before the retry.
    expect(JSON.parse(requestsTo(second)[1].body)).toEqual({ prev: first });
    expect(requestsTo(second)[1].headers["idempotency-key"]).toBe(`${failed.id}:2`);
    const notes = await pool().query(`SELECT count(*)::int AS n FROM notification WHERE execution_id = $1`, [failed.id]);
    expect(notes.rows[0].n).toBe(1);
    expect(done.actions.map((a) => [a.actionIndex, a.status, a.attempt])).toEqual([
      [0, "success", 1],
      [1, "success", 1],
      [2, "failed", 1],
      [2, "success", 1],
    ]);

    // Only failed or cancelled executions can be retried; operators and up may.
    const again = await api("POST", `/executions/${failed.id}/retry`, { role: "operator" });
    expect(again.status).toBe(409);
    expect((await api("POST", `/executions/${failed.id}/retry`, { role: "viewer" })).status).toBe(403);
    expect((await getExecution(failed.id)).status).toBe("success");
  });
});
