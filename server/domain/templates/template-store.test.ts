import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { closeDb, pool } from "../../db";
import { ActionError } from "../actions/plugin";
import { loadTemplate, renderStoredTemplate, resolveTemplateParams } from "./template-store";

const emailId = crypto.randomUUID();
const smsId = crypto.randomUUID();
const ctx = {
  payload: { orderId: "A&1" },
  contact: { name: "<script>alert(1)</script>", email: "ann@example.com" },
  event: null,
  now: "2026-01-01T00:00:00.000Z",
  actions: [],
};

beforeAll(async () => {
  await pool().query(
    `INSERT INTO template (id, name, channel, subject, body, updated_at) VALUES
       ($1, 'ts-welcome', 'email', 'Hello {{contact.name}} & co', '<p>Hi {{contact.name}}, order {{payload.orderId}}</p>', now()),
       ($2, 'ts-code', 'sms', NULL, 'Order {{payload.orderId}} for {{contact.name}}', now())`,
    [emailId, smsId],
  );
});
afterAll(async () => {
  await pool().query(`DELETE FROM template WHERE id = ANY($1::uuid[])`, [[emailId, smsId]]);
  await closeDb();
});

async function configFailure(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  expect((err as ActionError).errorClass).toBe("configuration");
  return err as ActionError;
}

describe("template store", () => {
  test("loads by id or name; a miss or a wrong channel is a configuration error", async () => {
    expect((await loadTemplate(pool(), emailId)).name).toBe("ts-welcome");
    expect((await loadTemplate(pool(), "ts-code", "sms")).id).toBe(smsId);
    expect((await configFailure(loadTemplate(pool(), "nope"))).message).toBe("template 'nope' does not exist");
    expect((await configFailure(loadTemplate(pool(), crypto.randomUUID()))).message).toContain("does not exist");
    expect((await configFailure(loadTemplate(pool(), "ts-code", "email"))).message).toContain("is a sms template");
  });

  test("email bodies escape values, subjects do not", async () => {
    const r = renderStoredTemplate(await loadTemplate(pool(), emailId), ctx);
    expect(r.body).toBe("<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;, order A&amp;1</p>");
    expect(r.subject).toBe("Hello <script>alert(1)</script> & co");
  });

  test("resolveTemplateParams fills what the action left empty, for email and sms", async () => {
    const email = await resolveTemplateParams({ to: "ann@example.com", subject: "", templateId: "ts-welcome" }, ctx, pool(), "email");
    expect(email).toEqual({
      to: "ann@example.com",
      subject: "Hello <script>alert(1)</script> & co",
      html: "<p>Hi &lt;script&gt;alert(1)&lt;/script&gt;, order A&amp;1</p>",
      templateId: "ts-welcome",
    });
    const own = await resolveTemplateParams({ to: "a@b.c", subject: "Mine", html: "<b>mine</b>", templateId: emailId }, ctx, pool(), "email");
    expect(own).toMatchObject({ subject: "Mine", html: "<b>mine</b>" });

    const sms = await resolveTemplateParams({ to: "+15550100", templateId: smsId }, ctx, pool(), "sms");
    expect(sms).toEqual({ to: "+15550100", templateId: smsId, text: "Order A&1 for <script>alert(1)</script>" });

    await configFailure(resolveTemplateParams({ to: "+15550100", templateId: "ts-welcome" }, ctx, pool(), "sms"));
    const plain = { to: "a@b.c", subject: "s", text: "t" };
    expect(await resolveTemplateParams(plain, ctx, pool(), "email")).toBe(plain);
  });
});
