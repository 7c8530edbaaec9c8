// Confirmation for dangerous operations (seed 10.4). The browser's tRPC calls must confirm:
// `rules.delete` without `confirm: true` is 409 "confirmation required"; `rules.enable` on a rule
// that could message more than AUTOFLOW_CONFIRM_RECIPIENTS contacts answers {needsConfirmation…}
// and enables nothing until confirmed. REST keeps the contract (DELETE → 204, enable → rule):
// its callers are automated.
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { TRPCError } from "@trpc/server";
import { createCaller } from "../../server/api/root";
import type { Actor } from "../../server/auth/roles";
import { closeDb, pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { api } from "../helpers/api";

const editor: Actor = { kind: "user", id: crypto.randomUUID(), name: "confirm-editor@example.com", role: "editor" };
const trpc = createCaller({ actor: editor });
const sfx = crypto.randomUUID().slice(0, 8);
const TAG = `bulk-${sfx}`;

async function newRule(actions: unknown[], condition?: unknown): Promise<string> {
  const r = await api("POST", "/rules", {
    body: { name: `confirm ${sfx}`, trigger: { type: "event", event: `confirm.${sfx}` }, ...(condition ? { condition } : {}), actions },
    role: "editor",
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  return r.body.id;
}

async function status(id: string): Promise<{ status: string; deleted: boolean }> {
  const { rows } = await pool().query(`SELECT status, deleted_at IS NOT NULL AS deleted FROM automation_rule WHERE rule_id = $1`, [id]);
  return rows[0];
}

async function trpcError(p: Promise<unknown>): Promise<TRPCError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(TRPCError);
  return err as TRPCError;
}

beforeAll(async () => {
  // 5 contacts with the tag (4 with an email, 1 with only a phone), 1 with another tag.
  for (let i = 0; i < 5; i++) {
    const body = i < 4 ? { email: `c${i}-${sfx}@example.com`, tags: [TAG] } : { phone: "+15550123", tags: [TAG] };
    expect((await api("PUT", `/contacts/confirm-${sfx}-${i}`, { body, role: "editor" })).status).toBe(201);
  }
  expect((await api("PUT", `/contacts/confirm-${sfx}-x`, { body: { email: `x-${sfx}@example.com`, tags: [`few-${sfx}`] }, role: "editor" })).status).toBe(201);
  process.env.AUTOFLOW_CONFIRM_RECIPIENTS = "3";
  resetEnvCache();
});
afterEach(() => {
  process.env.AUTOFLOW_CONFIRM_RECIPIENTS = "3";
  resetEnvCache();
});
afterAll(async () => {
  delete process.env.AUTOFLOW_CONFIRM_RECIPIENTS;
  resetEnvCache();
  await closeDb();
});

const tagged = { field: "contact.tags", op: "contains", value: TAG };
const mailToContact = { type: "email", params: { to: "{{contact.email}}", subject: "Hi", text: "News" } };

describe("rules.delete (tRPC)", () => {
  test("without confirm: 409 CONFLICT 'confirmation required', and the rule stays", async () => {
    const id = await newRule([mailToContact]);
    for (const input of [{ id }, { id, confirm: false }]) {
      const err = await trpcError(trpc.rules.delete(input));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toMatch(/^confirmation required/);
    }
    expect((await status(id)).deleted).toBe(false);
    expect(await trpc.rules.delete({ id, confirm: true })).toEqual({ ok: true });
    expect((await status(id)).deleted).toBe(true);
  });

  test("REST DELETE keeps the contract: 204 without any confirmation", async () => {
    const id = await newRule([mailToContact]);
    const r = await api("DELETE", `/rules/${id}`, { role: "editor" });
    expect(r.status).toBe(204);
    expect((await status(id)).deleted).toBe(true);
  });

  test("confirming does not bypass roles: a viewer is refused either way", async () => {
    const id = await newRule([mailToContact]);
    const viewer = createCaller({ actor: { ...editor, role: "viewer" } });
    expect((await trpcError(viewer.rules.delete({ id, confirm: true }))).code).toBe("FORBIDDEN");
    expect((await status(id)).deleted).toBe(false);
  });
});

describe("rules.enable (tRPC)", () => {
  test("a rule that could email more contacts than the threshold asks first and stays disabled", async () => {
    const id = await newRule([mailToContact], tagged);
    const ask = await trpc.rules.enable({ id });
    expect(ask).toEqual({
      needsConfirmation: true,
      ruleId: id,
      threshold: 3,
      channels: ["email"],
      estimatedRecipients: 4, // tagged contacts with an email; the phone-only one cannot get an email
      basis: "tagged_contacts",
      tags: [TAG],
      message: expect.stringContaining("about 4 recipients"),
    });
    expect((await status(id)).status).toBe("disabled");
    const enabled = await trpc.rules.enable({ id, confirm: true });
    expect(enabled).toMatchObject({ id, status: "enabled" });
    // Enabling again is a no-op and asks nothing.
    expect(await trpc.rules.enable({ id })).toMatchObject({ id, status: "enabled" });
  });

  test("email + sms to contacts count everyone with either address", async () => {
    const id = await newRule([mailToContact, { type: "sms", params: { to: "{{contact.phone}}", text: "News" } }], { all: [tagged] });
    expect(await trpc.rules.enable({ id })).toMatchObject({ needsConfirmation: true, estimatedRecipients: 5, channels: ["email", "sms"] });
  });

  test("below the threshold, fixed addresses, no messaging, or a threshold of 0: enabled at once", async () => {
    const few = await newRule([mailToContact], { field: "contact.tags", op: "contains", value: `few-${sfx}` });
    expect(await trpc.rules.enable({ id: few })).toMatchObject({ status: "enabled" });
    const fixed = await newRule([{ type: "email", params: { to: "ops@example.com, oncall@example.com", subject: "s", text: "t" } }]);
    expect(await trpc.rules.enable({ id: fixed })).toMatchObject({ status: "enabled" });
    const quiet = await newRule([{ type: "notify", params: { title: "t", body: "b" } }]);
    expect(await trpc.rules.enable({ id: quiet })).toMatchObject({ status: "enabled" });
    process.env.AUTOFLOW_CONFIRM_RECIPIENTS = "0";
    resetEnvCache();
    const any = await newRule([mailToContact], tagged);
    expect(await trpc.rules.enable({ id: any })).toMatchObject({ status: "enabled" });
  });

  test("a condition the estimate cannot narrow counts every contact with the address", async () => {
    const id = await newRule([mailToContact], { any: [tagged, { field: "payload.vip", op: "eq", value: true }] });
    const ask = (await trpc.rules.enable({ id })) as { needsConfirmation: boolean; estimatedRecipients: number; basis: string };
    expect(ask.needsConfirmation).toBe(true);
    expect(ask.basis).toBe("all_contacts");
    expect(ask.estimatedRecipients).toBeGreaterThanOrEqual(5);
  });

  test("REST enable keeps the contract: the rule, enabled, without confirmation", async () => {
    const id = await newRule([mailToContact], tagged);
    const r = await api("POST", `/rules/${id}/enable`, { role: "editor" });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ id, status: "enabled" });
  });

  test("an unknown rule is still 404", async () => {
    expect((await trpcError(trpc.rules.enable({ id: crypto.randomUUID() }))).code).toBe("NOT_FOUND");
  });
});
