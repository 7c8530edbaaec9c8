// The engine called directly (no worker): one claim for the batch, every outcome written together,
// and the edge cases of the claim — not yet due, cancel requested, deadline passed while asleep.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, pool } from "../../db";
import { resetEnvCache } from "../../env";
import { systemActor } from "../../auth/roles";
import { startTestHttpServer, type TestHttpServer } from "../../net/test-http-server";
import { createRule } from "../rules/write-rule";
import { runExecutions } from "./run-executions";
import { getExecution } from "./read-executions";
import { retryExecution } from "./control-execution";

let srv: TestHttpServer;
const sfx = crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  srv = await startTestHttpServer("127.0.0.1");
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `127.0.0.1:${srv.port}`;
  resetEnvCache();
});
afterAll(async () => {
  await srv.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
  await closeDb();
});

async function rule(doc: Record<string, unknown>): Promise<string> {
  const r = await createRule(systemActor, { name: `engine ${sfx}`, trigger: { type: "event", event: `engine.${sfx}` }, ...doc });
  return r.id;
}

/** An execution row as dispatch makes it, plus any column overrides. */
async function execution(ruleId: string, payload: Record<string, unknown> = {}, set: Record<string, unknown> = {}): Promise<string> {
  const { rows } = await pool().query<{ execution_id: string }>(
    `INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, scheduled_time, input_data)
     VALUES ($1, 1, $2, 'pending', now(), $3) RETURNING execution_id`,
    [ruleId, `t-${crypto.randomUUID()}`, JSON.stringify({ payload, event: { type: `engine.${sfx}`, depth: 0 } })],
  );
  const id = rows[0].execution_id;
  for (const [col, value] of Object.entries(set)) {
    await pool().query(`UPDATE task_execution SET ${col} = $2 WHERE execution_id = $1`, [id, value]);
  }
  return id;
}

const notify = { type: "notify", params: { title: "t {{payload.n}}", body: "b" } };

describe("runExecutions", () => {
  it("runs a mixed batch in one claim and writes each outcome: success, skipped, invalid version", async () => {
    const ok = await rule({ actions: [notify, notify] });
    const cond = await rule({ condition: { field: "payload.n", op: "gt", value: 5 }, actions: [notify] });
    const broken = await rule({ actions: [notify] });
    await pool().query(`UPDATE rule_version SET document = '{"name": 1}' WHERE rule_id = $1`, [broken]);
    const ids = [await execution(ok, { n: 1 }), await execution(cond, { n: 1 }), await execution(broken)];
    const outcomes = await runExecutions(ids);
    // Outcomes come in claim order (the UPDATE's), not necessarily the order of ids.
    expect(ids.map((id) => outcomes.find((o) => o.id === id)?.status)).toEqual(["success", "skipped", "failed"]);
    const [a, b, c] = await Promise.all(ids.map((id) => getExecution(id)));
    expect(a).toMatchObject({ status: "success", nextAction: 2 });
    expect(a.endTime).not.toBeNull();
    expect(a.actions.map((l) => [l.actionIndex, l.status, (l.details as { idempotencyKey: string }).idempotencyKey])).toEqual([
      [0, "success", `${a.id}:0`],
      [1, "success", `${a.id}:1`],
    ]);
    expect(b).toMatchObject({ status: "skipped", actions: [] });
    expect(c).toMatchObject({ status: "failed", errorClass: "configuration" });
    expect(c.errorMessage).toContain("the rule version this execution runs is invalid");
    // Run again: nothing is claimable, nothing runs twice.
    expect(await runExecutions(ids)).toEqual([]);
    expect((await getExecution(ids[0])).actions).toHaveLength(2);
  });

  it("leaves an execution that is not due yet, and closes one whose cancel was requested without running it", async () => {
    const r = await rule({ actions: [notify] });
    const later = await execution(r, {}, { status: "retrying", next_attempt_at: new Date(Date.now() + 60_000) });
    const cancelled = await execution(r, {}, { cancel_requested: true });
    expect(await runExecutions([later, cancelled])).toEqual([]);
    expect(await getExecution(later)).toMatchObject({ status: "retrying", actions: [] });
    expect(await getExecution(cancelled)).toMatchObject({ status: "cancelled", errorMessage: "cancelled by a user", actions: [] });
  });

  it("fails an execution woken after its deadline without starting its next action", async () => {
    const r = await rule({ execution: { timeoutSeconds: 5 }, actions: [{ type: "delay", params: { seconds: 60 } }, notify] });
    const id = await execution(r, {}, {
      status: "running",
      next_action: 1,
      start_time: new Date(Date.now() - 10_000),
      next_attempt_at: new Date(Date.now() - 1000),
    });
    await runExecutions([id]);
    const e = await getExecution(id);
    expect(e).toMatchObject({ status: "failed", errorClass: "runtime", errorMessage: "execution timed out after 5 s", actions: [] });
    expect((await pool().query(`SELECT count(*)::int AS n FROM notification WHERE execution_id = $1`, [id])).rows[0].n).toBe(0);
  });

  it("wakes a suspended execution no later than its deadline", async () => {
    const r = await rule({ execution: { timeoutSeconds: 3 }, actions: [{ type: "delay", params: { seconds: 600 } }, notify] });
    const id = await execution(r);
    const before = Date.now();
    await runExecutions([id]);
    const e = await getExecution(id);
    expect(e.status).toBe("running");
    const due = Date.parse(e.nextAttemptAt!);
    expect(due).toBeLessThanOrEqual(before + 3000 + 200);
    expect(due).toBeGreaterThan(before);
  });

  it("honours a cancel that arrives while the action is finishing with a retry", async () => {
    let id = "";
    srv.handle((_req, res) => {
      // The user cancels while the request is in flight (the flag only: no worker is listening here).
      void pool()
        .query(`UPDATE task_execution SET cancel_requested = true WHERE execution_id = $1`, [id])
        .then(() => res.writeHead(503).end());
    });
    const r = await rule({ retryPolicy: { maxAttempts: 3, initialDelayMs: 10_000 }, actions: [{ type: "http", params: { method: "GET", url: `${srv.origin}/x` } }] });
    id = await execution(r);
    const [o] = await runExecutions([id]);
    expect(o.status).toBe("retrying");
    const e = await getExecution(id);
    expect(e).toMatchObject({ status: "cancelled", errorMessage: "cancelled by a user", nextAttemptAt: null });
    expect(e.endTime).not.toBeNull();
    expect(e.actions).toMatchObject([{ status: "failed", attempt: 1 }]);
  });

  it("stops before the next action when the cancel flag is set between actions", async () => {
    let id = "";
    srv.handle((_req, res) => {
      void pool()
        .query(`UPDATE task_execution SET cancel_requested = true WHERE execution_id = $1`, [id])
        .then(() => res.writeHead(200).end("ok"));
    });
    const r = await rule({ actions: [{ type: "http", params: { method: "GET", url: `${srv.origin}/y` } }, notify] });
    id = await execution(r);
    await runExecutions([id]);
    const e = await getExecution(id);
    expect(e).toMatchObject({ status: "cancelled", nextAction: 1 });
    expect(e.actions).toMatchObject([{ actionType: "http", status: "success" }]);
    expect((await pool().query(`SELECT count(*)::int AS n FROM notification WHERE execution_id = $1`, [id])).rows[0].n).toBe(0);
  });

  it("keeps the condition's result: a manual retry runs on even if the condition would now be false", async () => {
    const contact = `cond-${sfx}`;
    await pool().query(`INSERT INTO contact (external_id, tags, updated_at) VALUES ($1, '{VIP}', now())`, [contact]);
    let status = 400;
    srv.handle((_req, res) => res.writeHead(status).end());
    const r = await rule({
      condition: { field: "contact.tags", op: "contains", value: "VIP" },
      actions: [{ type: "http", params: { method: "GET", url: `${srv.origin}/z` } }],
    });
    const id = await execution(r, { contactId: contact });
    await runExecutions([id]);
    const failed = await getExecution(id);
    expect(failed.status).toBe("failed");
    expect(failed.outputData).toMatchObject({ condition: { result: true } });

    await pool().query(`UPDATE contact SET tags = '{}' WHERE external_id = $1`, [contact]);
    status = 200;
    await retryExecution(systemActor, id);
    await runExecutions([id]);
    const done = await getExecution(id);
    expect(done.status).toBe("success");
    expect(done.actions.map((a) => a.status)).toEqual(["failed", "success"]);
  });
});
