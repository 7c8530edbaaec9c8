// The publish plugin against the RabbitMQ on 127.0.0.1:5672: each test publishes to a queue it
// declared itself and reads the message back, then deletes the queue.
import crypto from "node:crypto";
import amqp, { type Channel, type ChannelModel } from "amqplib";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { closeDb, pool } from "../../../db";
import { resetEnvCache } from "../../../env";
import { systemActor } from "../../../auth/roles";
import { ActionError, type ActionRunContext } from "../plugin";
import { createConnection } from "../../connections/create-connection";
import { testRunContext } from "../http/test-run-context";
import { publishAction } from "./publish-action";
import { cachedConnection, closeAmqpPublishers } from "./amqp-publisher";

const BROKER = "amqp://guest:guest@127.0.0.1:5672";
const suffix = crypto.randomUUID().slice(0, 8);
const queue = `autoflow.test.publish.${suffix}`;
const connName = `amqp-test-${suffix}`;
let admin: ChannelModel;
let ch: Channel;

function setAmqpUrl(url: string | undefined) {
  if (url) process.env.AMQP_URL = url;
  else delete process.env.AMQP_URL;
  resetEnvCache();
}

async function runLikeEngine(raw: Record<string, unknown>, ctx: ActionRunContext = testRunContext()) {
  let params = publishAction.paramsSchema.parse(raw);
  params = (await publishAction.preflight!(params, ctx)) ?? params;
  return publishAction.run(params, ctx);
}

async function failure(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

/** The next message on the test queue (a short poll: confirms mean it is already there). */
async function take() {
  for (let i = 0; i < 20; i++) {
    const m = await ch.get(queue, { noAck: true });
    if (m) return m;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error("no message arrived");
}

beforeAll(async () => {
  admin = await amqp.connect(BROKER);
  ch = await admin.createChannel();
  await ch.assertQueue(queue, { durable: false, autoDelete: false });
  await createConnection(systemActor, { name: connName, type: "amqp", secret: BROKER });
});
afterAll(async () => {
  setAmqpUrl(undefined);
  await closeAmqpPublishers();
  await ch.deleteQueue(queue);
  await admin.close();
  await pool().query(`DELETE FROM connection WHERE name = $1`, [connName]);
  await closeDb();
});
afterEach(async () => {
  setAmqpUrl(undefined);
  await ch.purgeQueue(queue);
});

describe("publish", () => {
  test("default exchange, AMQP_URL: persistent, confirmed, messageId = idempotency key", async () => {
    setAmqpUrl(BROKER);
    const ctx = testRunContext();
    const result = await runLikeEngine({ routingKey: queue, message: { orderId: "A-1", total: 12.5 } }, ctx);
    expect(result.output).toEqual({
      via: "AMQP_URL (amqp://127.0.0.1:5672)",
      exchange: "",
      routingKey: queue,
      messageId: ctx.idempotencyKey,
      contentType: "application/json",
      bytes: 30,
    });
    expect(JSON.stringify(result.output)).not.toContain("guest:guest");
    const m = await take();
    expect(JSON.parse(m.content.toString())).toEqual({ orderId: "A-1", total: 12.5 });
    expect(m.properties.messageId).toBe(ctx.idempotencyKey);
    expect(m.properties.deliveryMode).toBe(2);
    expect(m.properties.contentType).toBe("application/json");
    expect(m.properties.headers).toMatchObject({ "x-autoflow-execution": ctx.executionId });
  });

  test("an amqp connection's URL, and a text message", async () => {
    const result = await runLikeEngine({ routingKey: queue, message: "plain text", connectionId: connName });
    expect((result.output as { via: string }).via).toBe(`amqp connection '${connName}'`);
    const m = await take();
    expect(m.content.toString()).toBe("plain text");
    expect(m.properties.contentType).toBe("text/plain; charset=utf-8");
  });

  test("without AMQP_URL or a connection: a configuration error that says what to set", async () => {
    const err = await failure(runLikeEngine({ routingKey: queue, message: "x" }));
    expect(err.errorClass).toBe("configuration");
    expect(err.message).toBe("publish needs AMQP_URL or an amqp connection");
    const missing = await failure(runLikeEngine({ routingKey: queue, message: "x", connectionId: "no-such" }));
    expect(missing.message).toBe("connection 'no-such' does not exist");
  });

  test("a message no queue takes fails instead of vanishing; a missing exchange is configuration", async () => {
    setAmqpUrl(BROKER);
    const unroutable = await failure(runLikeEngine({ routingKey: `${queue}.missing`, message: "x" }));
    expect(unroutable.errorClass).toBe("runtime");
    expect(unroutable.message).toContain("no queue took the message");

    const noExchange = await failure(runLikeEngine({ exchange: `no-such-exchange-${suffix}`, routingKey: "k", message: "x" }));
    expect(noExchange.errorClass).toBe("configuration");
    expect(noExchange.message).toContain("NOT_FOUND");

    // The broker closed that channel; the next publish opens a new one.
    await runLikeEngine({ routingKey: queue, message: "after" });
    expect((await take()).content.toString()).toBe("after");
  });

  test("reconnects when the cached connection was closed", async () => {
    setAmqpUrl(BROKER);
    await runLikeEngine({ routingKey: queue, message: "one" });
    await take();
    const conn = await cachedConnection(BROKER);
    expect(conn).toBeDefined();
    await conn!.close();
    await runLikeEngine({ routingKey: queue, message: "two" });
    expect((await take()).content.toString()).toBe("two");
    expect(await cachedConnection(BROKER)).not.toBe(conn);
  });

  test("an unreachable broker is a retryable dependency error; a refused login is configuration", async () => {
    setAmqpUrl("amqp://guest:guest@127.0.0.1:1");
    const down = await failure(runLikeEngine({ routingKey: queue, message: "x" }));
    expect(down.errorClass).toBe("dependency");
    expect(down.retryable).toBe(true);
    expect(down.message).toContain("ECONNREFUSED");

    setAmqpUrl("amqp://guest:not-the-password@127.0.0.1:5672");
    const denied = await failure(runLikeEngine({ routingKey: queue, message: "x" }));
    expect(denied.errorClass).toBe("configuration");
    expect(denied.message).not.toContain("not-the-password");
  });

  test("a dry run publishes nothing", async () => {
    setAmqpUrl(BROKER);
    const ctx = testRunContext({ dryRun: true });
    const result = await runLikeEngine({ routingKey: queue, message: { a: 1 } }, ctx);
    expect(result.output).toMatchObject({ wouldPublish: { routingKey: queue, messageId: ctx.idempotencyKey, message: { a: 1 } } });
    await new Promise((r) => setTimeout(r, 100));
    expect(await ch.get(queue, { noAck: true })).toBe(false);
  });
});
