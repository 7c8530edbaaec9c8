// Events from every door — REST (single, batch, concurrent duplicates), RabbitMQ, SQL — and
// webhooks, all landing on the one dispatch path exactly once.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import amqp from "amqplib";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { signWebhook } from "../../server/domain/webhooks/verify-signature";
import { api, eventRule, waitFor } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";

const AMQP = process.env.AMQP_TEST_URL ?? "amqp://guest:guest@127.0.0.1:5672";
const QUEUE = `autoflow.test.events.${process.pid}`;
let worker: StartedWorker;

beforeAll(async () => {
  process.env.AMQP_URL = AMQP;
  process.env.AUTOFLOW_EVENT_QUEUE = QUEUE;
  resetEnvCache();
  worker = await withWorker();
  await worker.consumerReady;
});
afterAll(async () => {
  await worker?.stop();
  const c = await amqp.connect(AMQP);
  const ch = await c.createChannel();
  await ch.deleteQueue(QUEUE);
  await ch.deleteQueue(`${QUEUE}.dead`);
  await c.close();
  delete process.env.AMQP_URL;
  delete process.env.AUTOFLOW_EVENT_QUEUE;
  resetEnvCache();
});

async function enabledRule(body: unknown): Promise<string> {
  const r = await api("POST", "/rules", { body });
  expect(r.status).toBe(201);
  await api("POST", `/rules/${r.body.id}/enable`);
  return r.body.id;
}

const executionsOf = (ruleId: string) =>
  pool().query<{ status: string; trigger_event_id: string }>(`SELECT status, trigger_event_id FROM task_execution WHERE rule_id = $1`, [ruleId]);

describe("event doors", () => {
  it("the same event id posted 20 times concurrently yields one execution per matching rule", async () => {
    const a = await enabledRule(eventRule("door.dup"));
    const b = await enabledRule(eventRule("door.dup"));
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => api("POST", "/events", { body: { type: "door.dup", id: "dup-1", payload: { orderId: 1 } }, role: "operator" })),
    );
    expect(answers.every((r) => r.status === 202)).toBe(true);
    expect(answers.reduce((s, r) => s + r.body.accepted, 0)).toBe(1);
    expect(answers.reduce((s, r) => s + r.body.duplicates, 0)).toBe(19);
    for (const rule of [a, b]) {
      await waitFor(async () => (await executionsOf(rule)).rows[0]?.status === "success");
      expect((await executionsOf(rule)).rows).toHaveLength(1);
    }
  });

  it("accepts batches up to 1000 and refuses bigger ones with 413", async () => {
    const events = Array.from({ length: 1000 }, (_, i) => ({ type: "door.batch", id: `batch-${i}`, payload: { i } }));
    const ok = await api("POST", "/events", { body: { events }, role: "operator" });
    expect(ok.status).toBe(202);
    expect(ok.body).toEqual({ accepted: 1000, duplicates: 0 });
    const big = await api("POST", "/events", { body: { events: [...events, { type: "door.batch", id: "x" }] }, role: "operator" });
    expect(big.status).toBe(413);
    const bad = await api("POST", "/events", { body: { type: "bad type!", payload: {} }, role: "operator" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe("type");
  });

  it("a RabbitMQ message becomes an event exactly once; an unparseable one goes to the dead-letter queue", async () => {
    const rule = await enabledRule(eventRule("door.amqp"));
    const c = await amqp.connect(AMQP);
    const ch = await c.createConfirmChannel();
    const body = Buffer.from(JSON.stringify({ type: "door.amqp", payload: { orderId: 9 } }));
    // the same message delivered twice (a publisher retry) with one message-id
    ch.sendToQueue(QUEUE, body, { persistent: true, messageId: "amqp-msg-1" });
    ch.sendToQueue(QUEUE, body, { persistent: true, messageId: "amqp-msg-1" });
    ch.sendToQueue(QUEUE, Buffer.from("{not json"), { persistent: true, messageId: "amqp-bad" });
    await ch.waitForConfirms();
    await waitFor(async () => (await executionsOf(rule)).rows[0]?.status === "success");
    await new Promise((r) => setTimeout(r, 500));
    expect((await executionsOf(rule)).rows).toEqual([{ status: "success", trigger_event_id: "amqp-msg-1" }]);
    const ev = await pool().query(`SELECT source FROM event WHERE event_id = 'amqp-msg-1'`);
    expect(ev.rows).toEqual([{ source: "amqp" }]);
    const dead = await waitFor(async () => (await ch.get(`${QUEUE}.dead`, { noAck: true })) || null, 10_000);
    expect(dead.content.toString()).toBe("{not json");
    expect(String(dead.properties.headers?.["x-autoflow-error"])).toMatch(/not valid JSON/);
    await c.close();
  });

  it("SQL callers emit events with autoflow.emit_event in their own transaction", async () => {
    const rule = await enabledRule(eventRule("door.sql"));
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await client.query(`SELECT autoflow.emit_event('door.sql', '{"orderId": 5}'::jsonb, 'sql-rolled-back')`);
      await client.query("ROLLBACK");
      await client.query(`SELECT autoflow.emit_event('door.sql', '{"orderId": 6}'::jsonb, 'sql-1')`);
      await client.query(`SELECT autoflow.emit_event('door.sql', '{"orderId": 6}'::jsonb, 'sql-1')`);
    } finally {
      client.release();
    }
    await waitFor(async () => (await executionsOf(rule)).rows[0]?.status === "success");
    await new Promise((r) => setTimeout(r, 300));
    expect((await executionsOf(rule)).rows.map((r) => r.trigger_event_id)).toEqual(["sql-1"]);
  });
});

describe("webhooks", () => {
  it("runs on a valid signature and refuses bad, missing or 6-minute-old ones", async () => {
    const created = await api("POST", "/rules", { body: { name: "hook", trigger: { type: "webhook" }, actions: [{ type: "notify", params: { title: "hook", body: "{{payload.a}}" } }] } });
    const { id, webhookSecret } = created.body;
    expect(webhookSecret).toMatch(/^whsec_/);
    expect((await api("GET", `/rules/${id}`)).body.webhookSecret).toBeUndefined();
    await api("POST", `/rules/${id}/enable`);
    const body = JSON.stringify({ a: 1 });
    const hook = (headers: Record<string, string>, raw = body) => api("POST", `/hooks/${id}`, { rawBody: raw, role: null, headers });

    const before = (await executionsOf(id)).rows.length;
    expect((await hook({})).status).toBe(401);
    expect((await hook({ "x-autoflow-signature": signWebhook("whsec_wrong", body) })).status).toBe(401);
    expect((await hook({ "x-autoflow-signature": signWebhook(webhookSecret, body, Math.floor(Date.now() / 1000) - 360) })).status).toBe(401);
    expect((await hook({ "x-autoflow-signature": signWebhook(webhookSecret, body) }, JSON.stringify({ a: 2 }))).status).toBe(401);
    expect((await executionsOf(id)).rows.length).toBe(before);

    const good = await hook({ "x-autoflow-signature": signWebhook(webhookSecret, body) });
    expect(good.status).toBe(202);
    expect(good.body.executionId).toMatch(/^\d+$/);
    await waitFor(async () => (await executionsOf(id)).rows[0]?.status === "success");

    // rotating the secret: the old one stops working
    const rotated = await api("POST", `/rules/${id}/webhook-secret`);
    expect(rotated.body.webhookSecret).not.toBe(webhookSecret);
    expect((await hook({ "x-autoflow-signature": signWebhook(webhookSecret, body) })).status).toBe(401);
    expect((await hook({ "x-autoflow-signature": signWebhook(rotated.body.webhookSecret, body) })).status).toBe(202);
  });
});
