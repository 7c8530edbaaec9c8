// The contract's example rule end to end: an order.paid event for a VIP contact tags the contact
// and sends one email through an smtp connection to a real SMTP server on 127.0.0.1; a non-VIP is
// skipped. Also: email from a saved template, and references that do not exist.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { header, startTestSmtpServer, type TestSmtpServer } from "../../server/domain/actions/email/test-smtp-server";
import { enabledRule, htmlPart, sendEvent, sleep, suffix, waitForExecution } from "./helpers";

let worker: StartedWorker;
let smtp: TestSmtpServer;
const sfx = suffix();
const connName = `smtp-vip-${sfx}`;
const EVIL = "<script>alert(1)</script>";
const daysAgo = (n: number) => new Date(Date.now() - n * 86_400_000).toISOString();

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  worker = await withWorker();
  const c = await api("POST", "/connections", {
    body: { name: connName, type: "smtp", config: { host: "127.0.0.1", port: smtp.port, from: "Shop <shop@example.com>" } },
    role: "admin",
  });
  expect(c.status, JSON.stringify(c.body)).toBe(201);
});

afterAll(async () => {
  await worker?.stop();
  await smtp?.close();
});

function vipRule(event: string, email: Record<string, unknown> = {}) {
  return {
    name: `VIP thank-you ${event}`,
    trigger: { type: "event", event },
    condition: {
      all: [
        { field: "contact.tags", op: "contains", value: "VIP" },
        { field: "contact.lastLoginAt", op: "within_last", value: "7d" },
      ],
    },
    actions: [
      { type: "update_contact", params: { contact: "{{payload.contactId}}", addTags: ["buyer"] } },
      {
        type: "email",
        params: {
          to: "{{contact.email}}",
          subject: "Thank you, {{contact.name}}",
          html: "<p>Dear {{contact.name}}, order {{payload.orderId}} is paid.</p>",
          connectionId: connName,
          ...email,
        },
      },
    ],
  };
}

describe("order.paid → update_contact + email (VIP rule)", () => {
  const event = `order.paid.${sfx}`;
  let ruleId: string;
  beforeAll(async () => {
    ruleId = await enabledRule(vipRule(event));
  });

  it("tags a VIP contact and sends exactly one mail, values escaped, Message-ID <executionId:1@autoflow>", async () => {
    const put = await api("PUT", `/contacts/vip-${sfx}`, {
      body: { email: `vip-${sfx}@example.com`, name: EVIL, tags: ["VIP"], lastLoginAt: daysAgo(3) },
      role: "editor",
    });
    expect(put.status).toBe(201);
    const before = smtp.received.length;
    const eventId = await sendEvent(event, { contactId: `vip-${sfx}`, orderId: "A-100" });
    const exec = await waitForExecution(ruleId, eventId, ["success", "failed", "skipped"]);
    expect(exec.status, exec.errorMessage ?? "").toBe("success");
    expect(exec.actions.map((a) => [a.actionIndex, a.actionType, a.status, a.attempt])).toEqual([
      [0, "update_contact", "success", 1],
      [1, "email", "success", 1],
    ]);

    expect(smtp.received.length - before).toBe(1);
    const mail = smtp.received[smtp.received.length - 1];
    expect(mail.to).toEqual([`vip-${sfx}@example.com`]);
    expect(header(mail.raw, "Message-ID")).toBe(`<${exec.id}:1@autoflow>`);
    const html = htmlPart(mail.raw);
    expect(html).toContain("Dear &lt;script&gt;alert(1)&lt;/script&gt;, order A-100 is paid.");
    expect(html).not.toContain("<script>");

    const contact = await api("GET", `/contacts/vip-${sfx}`, { role: "viewer" });
    expect(contact.body.tags).toEqual(expect.arrayContaining(["VIP", "buyer"]));
  });

  it("skips a contact that is not VIP: no tag, no mail", async () => {
    await api("PUT", `/contacts/plain-${sfx}`, {
      body: { email: `plain-${sfx}@example.com`, name: "Plain", tags: ["regular"], lastLoginAt: daysAgo(3) },
      role: "editor",
    });
    const before = smtp.received.length;
    const eventId = await sendEvent(event, { contactId: `plain-${sfx}`, orderId: "A-101" });
    const exec = await waitForExecution(ruleId, eventId, ["success", "failed", "skipped"]);
    expect(exec.status).toBe("skipped");
    expect(exec.actions).toEqual([]);
    expect(exec.outputData.condition.result).toBe(false);
    await sleep(500);
    expect(smtp.received.length).toBe(before);
    expect((await api("GET", `/contacts/plain-${sfx}`, { role: "viewer" })).body.tags).toEqual(["regular"]);
  });

  it("skips a VIP who has not logged in for 30 days", async () => {
    await api("PUT", `/contacts/old-${sfx}`, {
      body: { email: `old-${sfx}@example.com`, name: "Old", tags: ["VIP"], lastLoginAt: daysAgo(30) },
      role: "editor",
    });
    const before = smtp.received.length;
    const eventId = await sendEvent(event, { contactId: `old-${sfx}`, orderId: "A-102" });
    expect((await waitForExecution(ruleId, eventId, ["success", "failed", "skipped"])).status).toBe("skipped");
    expect(smtp.received.length).toBe(before);
  });
});

describe("email with a saved template", () => {
  it("renders the template's subject and body (values escaped in the body) against the execution", async () => {
    const t = await api("POST", "/templates", {
      body: { name: `receipt-${sfx}`, channel: "email", subject: "Receipt for {{payload.orderId}}", body: "<h1>Hi {{contact.name}}</h1><p>Total {{payload.total}}</p>" },
      role: "editor",
    });
    expect(t.status, JSON.stringify(t.body)).toBe(201);
    await api("PUT", `/contacts/tpl-${sfx}`, { body: { email: `tpl-${sfx}@example.com`, name: "Ann & <b>Bob</b>" }, role: "editor" });
    const event = `receipt.${sfx}`;
    const ruleId = await enabledRule({
      name: `templated ${sfx}`,
      trigger: { type: "event", event },
      actions: [{ type: "email", params: { to: "{{contact.email}}", templateId: t.body.id, connectionId: connName } }],
    });
    const before = smtp.received.length;
    const eventId = await sendEvent(event, { contactId: `tpl-${sfx}`, orderId: "R-7", total: "9.50" });
    const exec = await waitForExecution(ruleId, eventId, ["success", "failed"]);
    expect(exec.status, exec.errorMessage ?? "").toBe("success");
    expect(smtp.received.length - before).toBe(1);
    const mail = smtp.received[smtp.received.length - 1];
    expect(header(mail.raw, "Subject")).toBe("Receipt for R-7");
    expect(htmlPart(mail.raw)).toContain("<h1>Hi Ann &amp; &lt;b&gt;Bob&lt;/b&gt;</h1><p>Total 9.50</p>");
    expect(header(mail.raw, "Message-ID")).toBe(`<${exec.id}:0@autoflow>`);

    // By name works too, and the dev mailbox (no connection) keeps what was sent.
    const event2 = `receipt2.${sfx}`;
    const rule2 = await enabledRule({
      name: `templated by name ${sfx}`,
      trigger: { type: "event", event: event2 },
      actions: [{ type: "email", params: { to: "{{contact.email}}", templateId: `receipt-${sfx}` } }],
    });
    const ev2 = await sendEvent(event2, { contactId: `tpl-${sfx}`, orderId: "R-8", total: "1" });
    const exec2 = await waitForExecution(rule2, ev2, ["success", "failed"]);
    expect(exec2.status, exec2.errorMessage ?? "").toBe("success");
    const box = await api("GET", `/dev/messages?channel=email&to=tpl-${sfx}@example.com`, { role: "viewer" });
    expect(box.status).toBe(200);
    expect(box.body.items).toHaveLength(1);
    expect(box.body.items[0]).toMatchObject({ subject: "Receipt for R-8", messageId: `<${exec2.id}:0@autoflow>`, html: "<h1>Hi Ann &amp; &lt;b&gt;Bob&lt;/b&gt;</h1><p>Total 1</p>" });
  });
});

describe("references that do not exist", () => {
  it("a missing template or connection fails as a configuration error before the action runs, not retried", async () => {
    const event = `badref.${sfx}`;
    const ruleId = await enabledRule({
      name: `bad refs ${sfx}`,
      trigger: { type: "event", event },
      retryPolicy: { maxAttempts: 3, initialDelayMs: 100 },
      actions: [
        { type: "email", params: { to: "a@example.com", subject: "s", templateId: `no-such-template-${sfx}` } },
      ],
    });
    const before = smtp.received.length;
    const devBefore = (await pool().query(`SELECT count(*)::int AS n FROM dev_message WHERE "to" = 'a@example.com'`)).rows[0].n;
    const exec = await waitForExecution(ruleId, await sendEvent(event, {}), ["success", "failed"]);
    expect(exec.status).toBe("failed");
    expect(exec.errorClass).toBe("configuration");
    expect(exec.errorMessage).toBe(`template 'no-such-template-${sfx}' does not exist`);
    expect(exec.retryCount).toBe(0);
    expect(exec.actions).toHaveLength(1);
    expect(exec.actions[0]).toMatchObject({ status: "failed", attempt: 1, details: { errorClass: "configuration", retryable: false } });

    const event2 = `badconn.${sfx}`;
    const rule2 = await enabledRule({
      name: `bad connection ${sfx}`,
      trigger: { type: "event", event: event2 },
      actions: [
        { type: "notify", params: { title: "first", body: "runs" } },
        { type: "email", params: { to: "a@example.com", subject: "s", text: "t", connectionId: `no-such-connection-${sfx}` } },
      ],
    });
    const exec2 = await waitForExecution(rule2, await sendEvent(event2, {}), ["success", "failed"]);
    expect(exec2.status).toBe("failed");
    expect(exec2.errorClass).toBe("configuration");
    expect(exec2.errorMessage).toBe(`connection 'no-such-connection-${sfx}' does not exist`);
    expect(exec2.actions.map((a) => [a.actionIndex, a.status, a.attempt])).toEqual([
      [0, "success", 1],
      [1, "failed", 1],
    ]);
    await sleep(300);
    expect(smtp.received.length).toBe(before);
    expect((await pool().query(`SELECT count(*)::int AS n FROM dev_message WHERE "to" = 'a@example.com'`)).rows[0].n).toBe(devBefore);
  });
});
