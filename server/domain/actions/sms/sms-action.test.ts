// The sms plugin: the dev outbox table, and a real HTTP "gateway" on 127.0.0.2 behind an
// sms_http connection (allowed through AUTOFLOW_HTTP_ALLOWED_HOSTS, as an admin would).
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { closeDb, pool } from "../../../db";
import { resetEnvCache } from "../../../env";
import { systemActor } from "../../../auth/roles";
import { ActionError, type ActionRunContext } from "../plugin";
import { renderParams } from "../../templates/render-template";
import { resolveTemplateParams } from "../../templates/template-store";
import { createConnection } from "../../connections/create-connection";
import { updateConnection } from "../../connections/update-connection";
import { startTestHttpServer, type TestHttpServer } from "../../../net/test-http-server";
import { testRunContext } from "../http/test-run-context";
import { smsAction } from "./sms-action";
import { fillBodyTemplate } from "./http-gateway-provider";

const API_KEY = "sms-api-key-5678";
const suffix = crypto.randomUUID().slice(0, 8);
const gatewayName = `sms-gw-${suffix}`;
const smtpName = `not-sms-${suffix}`;
const templateId = crypto.randomUUID();
let gateway: TestHttpServer;
let gatewayId: string;

const execCtx = { payload: { code: "4711" }, contact: { phone: "+15550100", name: "Ann" }, event: null, now: "", actions: [] };

async function runLikeEngine(raw: Record<string, unknown>, ctx: ActionRunContext = testRunContext()) {
  let params = smsAction.paramsSchema.parse(renderParams(raw, execCtx, smsAction.htmlKeys ?? ["html"]));
  params = await resolveTemplateParams(params, execCtx, ctx.db, "sms");
  params = (await smsAction.preflight!(params, ctx)) ?? params;
  return smsAction.run(params, ctx);
}

async function failure(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

beforeAll(async () => {
  gateway = await startTestHttpServer("127.0.0.2");
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `127.0.0.2:${gateway.port}`;
  resetEnvCache();
  gatewayId = (
    await createConnection(systemActor, {
      name: gatewayName,
      type: "sms_http",
      config: { url: `${gateway.origin}/send`, from: "Shop" },
      secret: API_KEY,
    })
  ).id;
  await createConnection(systemActor, { name: smtpName, type: "smtp", config: { host: "127.0.0.1" } });
  await pool().query(`INSERT INTO template (id, name, channel, body, updated_at) VALUES ($1, $2, 'sms', 'Code {{payload.code}} for {{contact.name}}', now())`, [
    templateId,
    `sms-test-${suffix}`,
  ]);
});
afterAll(async () => {
  await gateway.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
  await pool().query(`DELETE FROM connection WHERE name = ANY($1)`, [[gatewayName, smtpName]]);
  await pool().query(`DELETE FROM template WHERE id = $1`, [templateId]);
  await closeDb();
});
afterEach(async () => {
  gateway.requests.length = 0;
  gateway.handle((_q, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"messageId":"gw-1"}'));
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `127.0.0.2:${gateway.port}`;
  resetEnvCache();
});

describe("sms through an HTTP gateway", () => {
  test("POSTs {to, text, from, idempotencyKey} with the API key as Bearer; the key stays out of the output", async () => {
    gateway.handle((_q, res) => res.writeHead(200, { "content-type": "application/json" }).end('{"messageId":"gw-1"}'));
    const ctx = testRunContext();
    const result = await runLikeEngine({ to: "{{contact.phone}}", text: "Your code is {{payload.code}}", connectionId: gatewayName }, ctx);
    expect(result.output).toEqual({ via: `sms_http connection '${gatewayName}'`, providerMessageId: "gw-1" });
    expect(JSON.stringify(result.output)).not.toContain(API_KEY);
    expect(gateway.requests).toHaveLength(1);
    const req = gateway.requests[0];
    expect(req.method).toBe("POST");
    expect(req.url).toBe("/send");
    expect(req.headers.authorization).toBe(`Bearer ${API_KEY}`);
    expect(req.headers["idempotency-key"]).toBe(ctx.idempotencyKey);
    expect(JSON.parse(req.body)).toEqual({ to: "+15550100", text: "Your code is 4711", from: "Shop", idempotencyKey: ctx.idempotencyKey });
  });

  test("a bodyTemplate reshapes the JSON without letting the text break it", async () => {
    await updateConnection(systemActor, gatewayId, {
      config: { url: `${gateway.origin}/send`, bodyTemplate: '{"phone":"{{to}}","msg":{"body":"{{text}}","ref":"af-{{idempotencyKey}}"}}' },
    });
    try {
      const ctx = testRunContext();
      await runLikeEngine({ to: "+15550100", text: 'He said "hi"}', connectionId: gatewayId }, ctx);
      expect(JSON.parse(gateway.requests[0].body)).toEqual({ phone: "+15550100", msg: { body: 'He said "hi"}', ref: `af-${ctx.idempotencyKey}` } });
    } finally {
      await updateConnection(systemActor, gatewayId, { config: { url: `${gateway.origin}/send`, from: "Shop" } });
    }
    expect(fillBodyTemplate({ a: ["{{from}}"], n: 1 }, { to: "t", text: "x", from: null, idempotencyKey: "k" })).toEqual({ a: [null], n: 1 });
  });

  test("gateway answers classify: 503 retryable, 401 configuration, 400 fails at once", async () => {
    const p = { to: "+15550100", text: "t", connectionId: gatewayName };
    gateway.handle((_q, res) => res.writeHead(503).end());
    const down = await failure(runLikeEngine(p));
    expect([down.errorClass, down.retryable]).toEqual(["dependency", true]);
    gateway.handle((_q, res) => res.writeHead(401).end());
    const key = await failure(runLikeEngine(p));
    expect([key.errorClass, key.retryable]).toEqual(["configuration", false]);
    expect(key.message).not.toContain(API_KEY);
    gateway.handle((_q, res) => res.writeHead(400).end('{"error":"bad number"}'));
    const bad = await failure(runLikeEngine(p));
    expect([bad.errorClass, bad.retryable]).toEqual(["runtime", false]);
  });

  test("the gateway URL goes through the outbound guard", async () => {
    delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
    resetEnvCache();
    const err = await failure(runLikeEngine({ to: "+15550100", text: "t", connectionId: gatewayName }));
    expect(err.errorClass).toBe("configuration");
    expect(err.message).toContain("AUTOFLOW_HTTP_ALLOWED_HOSTS");
    expect(gateway.requests).toHaveLength(0);
  });

  test("a missing or wrong-type connection is a configuration error in preflight", async () => {
    const missing = await failure(runLikeEngine({ to: "+15550100", text: "t", connectionId: "nope" }));
    expect(missing.message).toBe("connection 'nope' does not exist");
    const wrong = await failure(runLikeEngine({ to: "+15550100", text: "t", connectionId: smtpName }));
    expect(wrong.errorClass).toBe("configuration");
    expect(wrong.message).toContain("needs a sms_http connection");
    expect(gateway.requests).toHaveLength(0);
  });
});

describe("the dev outbox", () => {
  test("without a connection the message is stored once, keyed by the idempotency key; templates apply", async () => {
    const ctx = testRunContext();
    const first = await runLikeEngine({ to: "{{contact.phone}}", templateId }, ctx);
    const again = await runLikeEngine({ to: "{{contact.phone}}", templateId }, { ...ctx, attempt: 2 });
    const { rows } = await pool().query(`SELECT id, channel, "to", text FROM dev_message WHERE message_id = $1`, [ctx.idempotencyKey]);
    expect(rows).toEqual([{ id: expect.any(String), channel: "sms", to: "+15550100", text: "Code 4711 for Ann" }]);
    expect(first.output).toEqual({ via: "dev outbox", providerMessageId: `dev-message:${rows[0].id}` });
    expect(again.output).toEqual(first.output);
  });

  test("a dry run stores nothing", async () => {
    const ctx = testRunContext({ dryRun: true });
    const result = await runLikeEngine({ to: "+15550100", text: "hello" }, ctx);
    expect(result.output).toEqual({ wouldSend: { to: "+15550100", text: "hello", via: "dev outbox" } });
    const { rows } = await pool().query(`SELECT 1 FROM dev_message WHERE message_id = $1`, [ctx.idempotencyKey]);
    expect(rows).toHaveLength(0);
  });
});
