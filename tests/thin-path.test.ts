// The thin path through the whole system: rule → event → dispatch → execution → action log.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, eventRule, waitFor } from "./helpers/api";
import { withWorker } from "./helpers/worker";
import type { StartedWorker } from "../worker/start-worker";
import { pool } from "../server/db";

let worker: StartedWorker;
beforeAll(async () => {
  worker = await withWorker();
});
afterAll(async () => {
  await worker?.stop();
});

describe("event → notify execution", () => {
  it("runs an enabled event rule and records the action log", async () => {
    const created = await api("POST", "/rules", { body: eventRule("order.paid"), role: "editor" });
    expect(created.status).toBe(201);
    expect(created.body.status).toBe("disabled");
    const id = created.body.id;
    expect((await api("POST", `/rules/${id}/enable`, { role: "editor" })).body.status).toBe("enabled");

    const posted = await api("POST", "/events", { body: { type: "order.paid", id: "evt-thin-1", payload: { orderId: 42 } }, role: "operator" });
    expect(posted.status).toBe(202);
    expect(posted.body).toEqual({ accepted: 1, duplicates: 0 });

    const list = await waitFor(async () => {
      const r = await api("GET", `/executions?ruleId=${id}`);
      return r.body.items[0]?.status === "success" ? r : null;
    });
    const exec = await api("GET", `/executions/${list.body.items[0].id}`);
    expect(exec.body.status).toBe("success");
    expect(exec.body.triggerEventId).toBe("evt-thin-1");
    expect(exec.body.actions).toHaveLength(1);
    expect(exec.body.actions[0]).toMatchObject({ actionIndex: 0, actionType: "notify", status: "success", attempt: 1 });
    const n = await pool().query(`SELECT title, body FROM notification WHERE execution_id = $1`, [exec.body.id]);
    expect(n.rows).toEqual([{ title: "Hello", body: "Order 42" }]);

    // the same event id again is accepted once only
    const again = await api("POST", "/events", { body: { type: "order.paid", id: "evt-thin-1", payload: {} }, role: "operator" });
    expect(again.body).toEqual({ accepted: 0, duplicates: 1 });
  });

  it("answers 401 without a token, 403 for a viewer creating a rule, 422 with the field path, changing nothing", async () => {
    const before = (await pool().query(`SELECT count(*)::int AS n FROM automation_rule`)).rows[0].n;
    expect((await api("GET", "/rules", { role: null })).status).toBe(401);
    expect((await api("GET", "/rules", { token: "af_not-a-token" })).status).toBe(401);
    const viewer = await api("POST", "/rules", { body: eventRule("x.y"), role: "viewer" });
    expect(viewer.status).toBe(403);
    expect(viewer.body.error.code).toBe("FORBIDDEN");
    const bad = await api("POST", "/rules", {
      body: { name: "bad", trigger: { type: "cron", cron: "61 * * * *" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] },
      role: "editor",
    });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.some((i: { path: string }) => i.path.startsWith("trigger.cron"))).toBe(true);
    const malformed = await api("POST", "/rules", { rawBody: "{not json", role: "editor" });
    expect(malformed.status).toBe(400);
    const after = (await pool().query(`SELECT count(*)::int AS n FROM automation_rule`)).rows[0].n;
    expect(after).toBe(before);
  });

  it("serves healthz without a token and the OpenAPI description", async () => {
    const h = await api("GET", "/healthz", { role: null });
    expect(h.status).toBe(200);
    expect(h.body.db).toBe("ok");
    expect(h.body.workers).toBeGreaterThanOrEqual(1);
    const o = await api("GET", "/openapi.json", { role: null });
    expect(o.status).toBe(200);
    expect(o.body.openapi).toBe("3.1.0");
    expect(Object.keys(o.body.paths)).toContain("/rules/{id}/trigger");
  });
});
