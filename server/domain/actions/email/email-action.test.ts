// The email plugin against a real SMTP server on 127.0.0.1 and the real dev mailbox table.
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { closeDb, pool } from "../../../db";
import { resetEnvCache } from "../../../env";
import { systemActor } from "../../../auth/roles";
import { ActionError, type ActionRunContext } from "../plugin";
import { renderParams } from "../../templates/render-template";
import { resolveTemplateParams } from "../../templates/template-store";
import { createConnection } from "../../connections/create-connection";
import { testRunContext } from "../http/test-run-context";
import { emailAction } from "./email-action";
import { header, startTestSmtpServer, type TestSmtpServer } from "./test-smtp-server";

const PASSWORD = "smtp-pass-1234";
let smtp: TestSmtpServer;
let open: TestSmtpServer; // no AUTH: for SMTP_URL
let connectionName: string;
const templateId = crypto.randomUUID();

const execCtx = {
  payload: { orderId: "A-1", url: "javascript:alert(1)" },
  contact: { name: "<script>alert('x')</script>", email: "ann@example.com" },
  event: null,
  now: new Date().toISOString(),
  actions: [],
};

/** What the engine does: render (html keys escaped), parse, apply templates, preflight, run. */
async function runLikeEngine(raw: Record<string, unknown>, ctx: ActionRunContext = testRunContext()) {
  const rendered = renderParams(raw, execCtx, emailAction.htmlKeys);
  let params = emailAction.paramsSchema.parse(rendered);
  params = await resolveTemplateParams(params, execCtx, ctx.db, "email");
  params = (await emailAction.preflight!(params, ctx)) ?? params;
  return emailAction.run(params, ctx);
}

async function failure(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

function setSmtpUrl(url: string | undefined) {
  if (url) process.env.SMTP_URL = url;
  else delete process.env.SMTP_URL;
  resetEnvCache();
}

beforeAll(async () => {
  smtp = await startTestSmtpServer({ user: "bot", pass: PASSWORD });
  open = await startTestSmtpServer();
  connectionName = `smtp-test-${crypto.randomUUID().slice(0, 8)}`;
  await createConnection(systemActor, {
    name: connectionName,
    type: "smtp",
    config: { host: "127.0.0.1", port: smtp.port, user: "bot", from: "Shop <shop@example.com>" },
    secret: PASSWORD,
  });
  await pool().query(
    `INSERT INTO template (id, name, channel, subject, body, updated_at) VALUES ($1, $2, 'email', 'T', '<p>Template for {{contact.name}}</p>', now())`,
    [templateId, `email-test-${templateId.slice(0, 8)}`],
  );
});
afterAll(async () => {
  setSmtpUrl(undefined);
  await smtp.close();
  await open.close();
  await pool().query(`DELETE FROM connection WHERE name = $1`, [connectionName]);
  await pool().query(`DELETE FROM template WHERE id = $1`, [templateId]);
  await closeDb();
});
afterEach(() => {
  smtp.received.length = 0;
  open.received.length = 0;
  smtp.rcptReply = null;
  smtp.stall = false;
  setSmtpUrl(undefined);
});

describe("email over SMTP", () => {
  test("a connection's server receives the message: Message-ID is the idempotency key, values escaped in html", async () => {
    const ctx = testRunContext();
    const result = await runLikeEngine(
      { to: "{{contact.email}}", subject: "Hi {{contact.name}}", html: "<p>Hello {{contact.name}}, order {{payload.orderId}}</p>", connectionId: connectionName },
      ctx,
    );
    expect(smtp.received).toHaveLength(1);
    const mail = smtp.received[0];
    expect(mail.user).toBe("bot");
    expect(mail.to).toEqual(["ann@example.com"]);
    expect(mail.from).toBe("shop@example.com");
    expect(header(mail.raw, "Message-ID")).toBe(`<${ctx.idempotencyKey}@autoflow>`);
    expect(mail.raw).toContain("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;");
    expect(mail.raw).not.toContain("<script>alert('x')</script>, order");
    expect(result.output).toMatchObject({ via: `smtp connection '${connectionName}'`, messageId: `<${ctx.idempotencyKey}@autoflow>`, accepted: ["ann@example.com"] });
    expect(JSON.stringify(result.output)).not.toContain(PASSWORD);
  });

  test("SMTP_URL is the default server when no connection is named", async () => {
    setSmtpUrl(`smtp://127.0.0.1:${open.port}`);
    const ctx = testRunContext();
    await runLikeEngine({ to: "bob@example.com", subject: "s", text: "plain body" }, ctx);
    expect(open.received).toHaveLength(1);
    expect(header(open.received[0].raw, "Message-ID")).toBe(`<${ctx.idempotencyKey}@autoflow>`);
    expect(open.received[0].raw).toContain("plain body");
  });

  test("javascript: links in html are neutralised", async () => {
    await runLikeEngine({ to: "a@example.com", subject: "s", html: '<a href="{{payload.url}}">x</a>', connectionId: connectionName });
    expect(smtp.received[0].raw).toContain('<a href="#">x</a>');
    expect(smtp.received[0].raw).not.toContain("javascript:");
  });

  test("5xx from the server fails at once; 4xx is retried; a refused login is configuration", async () => {
    smtp.rcptReply = 550;
    const permanent = await failure(runLikeEngine({ to: "a@example.com", subject: "s", text: "t", connectionId: connectionName }));
    expect(permanent.errorClass).toBe("runtime");
    expect(permanent.retryable).toBe(false);

    smtp.rcptReply = 451;
    const temporary = await failure(runLikeEngine({ to: "a@example.com", subject: "s", text: "t", connectionId: connectionName }));
    expect(temporary.errorClass).toBe("dependency");
    expect(temporary.retryable).toBe(true);
    smtp.rcptReply = null;

    setSmtpUrl(`smtp://bot:wrong@127.0.0.1:${smtp.port}`);
    const login = await failure(runLikeEngine({ to: "a@example.com", subject: "s", text: "t" }));
    expect(login.errorClass).toBe("configuration");
    expect(login.message).not.toContain("wrong");
    expect(smtp.received).toHaveLength(0);
  });

  test("an unreachable server is a retryable dependency error", async () => {
    const gone = await startTestSmtpServer();
    const port = gone.port;
    await gone.close();
    setSmtpUrl(`smtp://127.0.0.1:${port}`);
    const err = await failure(runLikeEngine({ to: "a@example.com", subject: "s", text: "t" }));
    expect(err.errorClass).toBe("dependency");
    expect(err.retryable).toBe(true);
  });

  test("an abort closes the SMTP connection at once", async () => {
    smtp.stall = true;
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new ActionError("runtime", "cancelled")), 200);
    const started = Date.now();
    const err = await failure(runLikeEngine({ to: "a@example.com", subject: "s", text: "t", connectionId: connectionName }, testRunContext({ signal: ctl.signal })));
    expect(err.message).toBe("cancelled");
    expect(Date.now() - started).toBeLessThan(3000);
  });
});

describe("email references", () => {
  test("a missing template or connection fails in preflight as configuration, before anything is sent", async () => {
    const ctx = testRunContext();
    const params = emailAction.paramsSchema.parse({ to: "a@example.com", subject: "s", templateId: "no-such-template" });
    const t = await failure(emailAction.preflight!(params, ctx) as Promise<unknown>);
    expect(t.errorClass).toBe("configuration");
    expect(t.message).toBe("template 'no-such-template' does not exist");

    const c = await failure(runLikeEngine({ to: "a@example.com", subject: "s", text: "t", connectionId: "no-such-connection" }));
    expect(c.errorClass).toBe("configuration");
    expect(c.message).toBe("connection 'no-such-connection' does not exist");
    expect(smtp.received).toHaveLength(0);
  });

  test("a template that was never applied is refused instead of sending an empty mail", async () => {
    const params = emailAction.paramsSchema.parse({ to: "a@example.com", subject: "s", templateId });
    const err = await failure(emailAction.preflight!(params, testRunContext()) as Promise<unknown>);
    expect(err.errorClass).toBe("configuration");
    expect(err.message).toContain("resolveTemplateParams");
  });

  test("a template's body is rendered with escaping and sent", async () => {
    await runLikeEngine({ to: "a@example.com", subject: "From template", templateId, connectionId: connectionName });
    expect(smtp.received[0].raw).toContain("Template for &lt;script&gt;");
  });
});

describe("the dev mailbox", () => {
  test("with no connection and no SMTP_URL the message is stored once per idempotency key", async () => {
    const ctx = testRunContext();
    const raw = { to: "{{contact.email}}", subject: "Hi", html: "<b>{{contact.name}}</b>" };
    const first = await runLikeEngine(raw, ctx);
    const second = await runLikeEngine(raw, { ...ctx, attempt: 2 });
    const messageId = `<${ctx.idempotencyKey}@autoflow>`;
    expect(first.output).toMatchObject({ via: "dev-mailbox", messageId, duplicate: false });
    expect(second.output).toMatchObject({ via: "dev-mailbox", messageId, duplicate: true });
    const { rows } = await pool().query(`SELECT id, channel, "to", "from", subject, html FROM dev_message WHERE message_id = $1`, [messageId]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ channel: "email", to: "ann@example.com", from: "Autoflow <autoflow@localhost>", subject: "Hi", html: "<b>&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;</b>" });
    expect((second.output as { devMessageId: string }).devMessageId).toBe(rows[0].id);
    expect(smtp.received).toHaveLength(0);
  });

  test("a dry run sends and stores nothing", async () => {
    const ctx = testRunContext({ dryRun: true });
    const result = await runLikeEngine({ to: "a@example.com", subject: "s", text: "t", connectionId: connectionName }, ctx);
    expect(result.output).toMatchObject({ wouldSend: { to: "a@example.com", messageId: `<${ctx.idempotencyKey}@autoflow>`, via: `smtp connection '${connectionName}'` } });
    expect(smtp.received).toHaveLength(0);
    const { rows } = await pool().query(`SELECT 1 FROM dev_message WHERE message_id = $1`, [`<${ctx.idempotencyKey}@autoflow>`]);
    expect(rows).toHaveLength(0);
  });
});
