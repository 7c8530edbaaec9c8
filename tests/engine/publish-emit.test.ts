// publish to the RabbitMQ on 127.0.0.1:5672 and emit_event chaining rules, through the engine;
// a rule that triggers itself stops at the event depth limit with a configuration error.
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { waitFor } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { resetEnvCache } from "../../server/env";
import { MAX_EVENT_DEPTH } from "../../server/domain/actions/emit-event/emit-event-action";
import { enabledRule, executionsOf, getExecution, sendEvent, sleep, suffix, waitForExecution } from "./helpers";

const BROKER = "amqp://guest:guest@127.0.0.1:5672";
let worker: StartedWorker;
let broker: ChannelModel;
let ch: Channel;
const sfx = suffix();
const queue = `autoflow.test.engine.${sfx}`;

beforeAll(async () => {
  process.env.AMQP_URL = BROKER;
  resetEnvCache();
  broker = await amqp.connect(BROKER);
  ch = await broker.createChannel();
  await ch.assertQueue(queue, { durable: false, autoDelete: false });
  worker = await withWorker();
});

afterAll(async () => {
  await worker?.stop();
  await ch?.deleteQueue(queue).catch(() => {});
  await broker?.close();
  delete process.env.AMQP_URL;
  resetEnvCache();
});

describe("publish + emit_event", () => {
  it("publishes to RabbitMQ, then emits an event that runs a second rule", async () => {
    const first = `pub.first.${sfx}`;
    const second = `pub.second.${sfx}`;
    const ruleA = await enabledRule({
      name: `publish then emit ${sfx}`,
      trigger: { type: "event", event: first },
      actions: [
        { type: "publish", params: { routingKey: queue, message: { orderId: "{{payload.orderId}}", kind: "paid" } } },
        { type: "emit_event", params: { type: second, payload: { orderId: "{{payload.orderId}}", from: "A" } } },
      ],
    });
    const ruleB = await enabledRule({
      name: `chained ${sfx}`,
      trigger: { type: "event", event: second },
      condition: { field: "payload.from", op: "eq", value: "A" },
      actions: [{ type: "notify", params: { title: "chained {{payload.orderId}}", body: "depth {{event.type}}" } }],
    });
    const eventId = await sendEvent(first, { orderId: "P-9" });
    const a = await waitForExecution(ruleA, eventId, ["success", "failed"]);
    expect(a.status, a.errorMessage ?? "").toBe("success");

    const msg = await waitFor(async () => (await ch.get(queue, { noAck: true })) || null, 5000, 50);
    expect(JSON.parse(msg.content.toString("utf8"))).toEqual({ orderId: "P-9", kind: "paid" });
    expect(msg.properties.messageId).toBe(`${a.id}:0`);
    expect(msg.properties.contentType).toBe("application/json");
    expect(msg.properties.deliveryMode).toBe(2);
    expect(await ch.get(queue, { noAck: true })).toBe(false);

    const emittedId = `emit:${a.id}:1`;
    expect(a.actions[1].details.output).toEqual({ eventId: emittedId, duplicate: false });
    const b = await waitForExecution(ruleB, emittedId, ["success", "failed", "skipped"]);
    expect(b.status, b.errorMessage ?? "").toBe("success");
    expect(b.actions).toMatchObject([{ actionType: "notify", status: "success" }]);
  });

  it("a rule that emits the event that triggers it stops at the depth limit with a configuration error", async () => {
    const loop = `loop.${sfx}`;
    const ruleId = await enabledRule({
      name: `loop ${sfx}`,
      trigger: { type: "event", event: loop },
      actions: [{ type: "emit_event", params: { type: loop, payload: { n: "{{payload.n}}" } } }],
    });
    await sendEvent(loop, { n: 1 });
    const failed = await waitFor(async () => (await executionsOf(ruleId)).find((e) => e.status === "failed"), 30_000);
    const f = await getExecution(failed.id);
    expect(f.errorClass).toBe("configuration");
    expect(f.errorMessage).toContain(`deeper than ${MAX_EVENT_DEPTH}`);
    expect(f.retryCount).toBe(0);
    // Nothing more follows the failed one.
    await sleep(1500);
    const all = await executionsOf(ruleId);
    expect(all).toHaveLength(MAX_EVENT_DEPTH + 1);
    expect(all.filter((e) => e.status === "success")).toHaveLength(MAX_EVENT_DEPTH);
    expect(all.filter((e) => e.status === "failed")).toHaveLength(1);
  });
});
