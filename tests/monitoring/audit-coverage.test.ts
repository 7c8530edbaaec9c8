// Every change is audited: rules (create, new versions, rollback, enable/disable/archive, delete,
// webhook secret), manual triggers, cancels, retries, connections, users, tokens, templates,
// contacts and alert rules — each row naming the actor and the time, with the state before and/or
// after (creations have no before, deletions no after). Driven through the API procedures the UI
// and REST both call, then read back through GET /api/v1/audit with its filters.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { createCaller } from "../../server/api/root";
import type { Actor } from "../../server/auth/roles";
import { suffix } from "../engine/helpers";

const sfx = suffix();
const admin: Actor = { kind: "user", id: `auditor-${sfx}`, name: `auditor-${sfx}@example.com`, role: "admin" };
const caller = createCaller({ actor: admin });
const ACTOR = `user:${admin.name}`;

type Entry = { id: string; at: string; actor: string; action: string; entity: string; entityId: string | null; before: unknown; after: unknown };

async function auditOf(entity: string, entityId: string): Promise<Entry[]> {
  const r = await api("GET", `/audit?entity=${entity}&actor=${encodeURIComponent(ACTOR)}&limit=200`, { role: "admin" });
  expect(r.status).toBe(200);
  return (r.body.items as Entry[]).filter((e) => e.entityId === entityId).reverse();
}

function expectShape(e: Entry | undefined, action: string, parts: { before?: boolean; after?: boolean }) {
  expect(e, `no audit entry ${action}`).toBeDefined();
  expect(e!.action).toBe(action);
  expect(e!.actor).toBe(ACTOR);
  expect(Date.now() - Date.parse(e!.at)).toBeLessThan(120_000);
  if (parts.before) expect(e!.before, `${action} before`).not.toBeNull();
  if (parts.after) expect(e!.after, `${action} after`).not.toBeNull();
}

describe("audit coverage", () => {
  it("rules, versions, status changes, triggers, cancels and retries", async () => {
    const doc = { name: `audited ${sfx}`, trigger: { type: "event", event: `aud.${sfx}` }, actions: [{ type: "delay", params: { seconds: 3600 } }, { type: "notify", params: { title: "t", body: "b" } }] };
    const rule = await caller.rules.create({ document: doc });
    await caller.rules.update({ id: rule.id, document: { ...doc, name: `audited v2 ${sfx}` } });
    await caller.rules.rollback({ id: rule.id, version: 1 });
    await caller.rules.enable({ id: rule.id, confirm: true });
    await caller.rules.disable({ id: rule.id });
    const { executionId } = await caller.rules.trigger({ id: rule.id, payload: { n: 1 } });
    await caller.executions.cancel({ id: executionId });
    await caller.executions.retry({ id: executionId });
    await caller.executions.cancel({ id: executionId });
    await caller.rules.archive({ id: rule.id });
    await caller.rules.delete({ id: rule.id, confirm: true });

    const hook = await caller.rules.create({ document: { name: `hook ${sfx}`, trigger: { type: "webhook" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } });
    await caller.rules.rotateWebhookSecret({ id: hook.id });

    const r = await auditOf("rule", rule.id);
    expect(r.map((e) => e.action)).toEqual(["rule.create", "rule.update", "rule.update", "rule.enable", "rule.disable", "rule.trigger", "rule.archive", "rule.delete"]);
    expectShape(r[0], "rule.create", { after: true });
    expectShape(r[1], "rule.update", { before: true, after: true });
    expect((r[1].before as { name: string }).name).toBe(`audited ${sfx}`);
    expect((r[1].after as { name: string }).name).toBe(`audited v2 ${sfx}`);
    expect((r[2].after as { name: string }).name).toBe(`audited ${sfx}`); // the rollback, as a new version
    expectShape(r[3], "rule.enable", { before: true, after: true });
    expectShape(r[4], "rule.disable", { before: true, after: true });
    expectShape(r[5], "rule.trigger", { after: true });
    expectShape(r[7], "rule.delete", { before: true });

    const x = await auditOf("execution", executionId);
    expect(x.map((e) => e.action)).toEqual(["execution.cancel", "execution.retry", "execution.cancel"]);
    for (const e of x) expectShape(e, e.action, { before: true, after: true });
    expect(x[1]).toMatchObject({ before: { status: "cancelled" }, after: { status: "pending" } });

    const h = await auditOf("rule", hook.id);
    expect(h.map((e) => e.action)).toEqual(["rule.create", "rule.rotate_webhook_secret"]);
    expect(JSON.stringify(h)).not.toMatch(/whsec_|webhookSecret":"[A-Za-z0-9]/);
  });

  it("connections, users, tokens, templates, contacts and alert rules", async () => {
    const conn = await caller.connections.create({ connection: { name: `smtp ${sfx}`, type: "smtp", config: { host: "127.0.0.1", port: 2525 }, secret: "smtp-password" } });
    await caller.connections.update({ id: conn.id, connection: { config: { host: "127.0.0.1", port: 2526 } } });
    await caller.connections.delete({ id: conn.id });
    const c = await auditOf("connection", conn.id);
    expect(c.map((e) => e.action)).toEqual(["connection.create", "connection.update", "connection.delete"]);
    expectShape(c[0], "connection.create", { after: true });
    expectShape(c[1], "connection.update", { before: true, after: true });
    expectShape(c[2], "connection.delete", { before: true });
    expect(JSON.stringify(c)).not.toContain("smtp-password");

    const user = await caller.users.create({ email: `person-${sfx}@example.com`, password: "password-123", role: "viewer" });
    await caller.users.update({ id: user.id, role: "editor", password: "password-456" });
    const u = await auditOf("user", user.id);
    expect(u.map((e) => e.action)).toEqual(["user.create", "user.update"]);
    expectShape(u[0], "user.create", { after: true });
    expectShape(u[1], "user.update", { before: true, after: true });
    expect(u[1]).toMatchObject({ before: { role: "viewer" }, after: { role: "editor", passwordChanged: true } });
    expect(JSON.stringify(u)).not.toContain("password-456");

    const token = await caller.tokens.create({ name: `ci ${sfx}`, role: "operator" });
    await caller.tokens.revoke({ id: token.id });
    const t = await auditOf("token", token.id);
    expect(t.map((e) => e.action)).toEqual(["token.create", "token.revoke"]);
    expectShape(t[0], "token.create", { after: true });
    expectShape(t[1], "token.revoke", { before: true, after: true });
    expect(JSON.stringify(t)).not.toContain(token.token);

    const tpl = await caller.templates.create({ template: { name: `tpl ${sfx}`, channel: "email", subject: "Hi", body: "Hello" } });
    await caller.templates.update({ id: tpl.id, template: { name: `tpl ${sfx}`, channel: "email", subject: "Hi", body: "Hello again" } });
    await caller.templates.delete({ id: tpl.id });
    const p = await auditOf("template", tpl.id);
    expect(p.map((e) => e.action)).toEqual(["template.create", "template.update", "template.delete"]);
    expectShape(p[1], "template.update", { before: true, after: true });

    const ext = `cust-${sfx}`;
    await caller.contacts.upsert({ externalId: ext, contact: { email: `c-${sfx}@example.com`, name: "Cee", tags: ["a"] } });
    await caller.contacts.upsert({ externalId: ext, contact: { email: `c-${sfx}@example.com`, name: "Cee", tags: ["a", "VIP"] } });
    const k = await auditOf("contact", ext);
    expect(k.map((e) => e.action)).toEqual(["contact.create", "contact.update"]);
    expectShape(k[0], "contact.create", { after: true });
    expectShape(k[1], "contact.update", { before: true, after: true });
    expect(k[1]).toMatchObject({ before: { tags: ["a"] }, after: { tags: ["a", "VIP"] } });

    const alert = await caller.alerts.create({ alert: { name: `workers ${sfx}`, kind: "worker_count", params: { minWorkers: 1 }, channels: [{ type: "in_app" }] } });
    await caller.alerts.update({ id: alert.id, alert: { name: `workers ${sfx}`, kind: "worker_count", params: { minWorkers: 2 }, enabled: false, channels: [{ type: "in_app" }] } });
    await caller.alerts.delete({ id: alert.id });
    const a = await auditOf("alert", alert.id);
    expect(a.map((e) => e.action)).toEqual(["alert.create", "alert.update", "alert.delete"]);
    expectShape(a[1], "alert.update", { before: true, after: true });
    expect(a[1]).toMatchObject({ before: { params: { minWorkers: 1 } }, after: { params: { minWorkers: 2 }, enabled: false } });
  });

  it("the audit API filters by entity, actor and time", async () => {
    const from = new Date(Date.now() - 10 * 60_000).toISOString();
    const all = await api("GET", `/audit?actor=${encodeURIComponent(ACTOR)}&from=${encodeURIComponent(from)}&limit=200`, { role: "admin" });
    expect(all.status).toBe(200);
    expect(new Set(all.body.items.map((e: Entry) => e.entity))).toEqual(new Set(["rule", "execution", "connection", "user", "token", "template", "contact", "alert"]));
    const future = await api("GET", `/audit?actor=${encodeURIComponent(ACTOR)}&from=${encodeURIComponent(new Date(Date.now() + 60_000).toISOString())}`, { role: "admin" });
    expect(future.body.items).toHaveLength(0);
    expect((await api("GET", "/audit", { role: "editor" })).status).toBe(403);
  });
});
