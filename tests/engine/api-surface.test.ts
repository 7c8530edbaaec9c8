// The REST surface added for the engine: templates (CRUD, audit, preview), connections (secrets
// never answered), the dev mailbox / SMS outbox, notifications by role, and the permission table
// for each new procedure.
import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { api } from "../helpers/api";
import { pool } from "../../server/db";
import { appRouter, createCaller } from "../../server/api/root";
import { permissions, type Access } from "../../server/api/permissions";
import { hasRole, roles, type Role } from "../../server/auth/roles";
import { suffix } from "./helpers";

const sfx = suffix();

describe("templates", () => {
  it("create, get, list, update, delete — each write audited; editors write, viewers read", async () => {
    const body = { name: `welcome-${sfx}`, channel: "email", subject: "Hi {{contact.name}}", body: "<p>Order {{payload.orderId}}</p>" };
    expect((await api("POST", "/templates", { body, role: "viewer" })).status).toBe(403);
    const created = await api("POST", "/templates", { body, role: "editor" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ...body, id: expect.any(String) });
    const id = created.body.id;

    expect((await api("POST", "/templates", { body, role: "editor" })).status).toBe(409);
    const bad = await api("POST", "/templates", { body: { name: `x-${sfx}`, channel: "fax", body: "" }, role: "editor" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues.map((i: { path: string }) => i.path).sort()).toEqual(["body", "channel"]);
    const badVar = await api("POST", "/templates", { body: { name: `y-${sfx}`, channel: "sms", body: "Hi {{contcat.name}}" }, role: "editor" });
    expect(badVar.status).toBe(422);
    expect(badVar.body.error.issues[0]).toMatchObject({ path: "body", message: expect.stringContaining("contcat.name") });
    const smsSubject = await api("POST", "/templates", { body: { name: `z-${sfx}`, channel: "sms", subject: "no", body: "x" }, role: "editor" });
    expect(smsSubject.status).toBe(422);

    expect((await api("GET", `/templates/${id}`, { role: "viewer" })).body).toMatchObject(body);
    const list = await api("GET", `/templates?channel=email&q=welcome-${sfx}`, { role: "viewer" });
    expect(list.body.items.map((t: { id: string }) => t.id)).toEqual([id]);
    expect(list.body.nextCursor).toBeNull();

    const upd = await api("PUT", `/templates/${id}`, { body: { body: "<p>New {{payload.orderId}}</p>" }, role: "editor" });
    expect(upd.status).toBe(200);
    expect(upd.body).toMatchObject({ name: body.name, subject: body.subject, body: "<p>New {{payload.orderId}}</p>" });

    expect((await api("DELETE", `/templates/${id}`, { role: "viewer" })).status).toBe(403);
    expect((await api("DELETE", `/templates/${id}`, { role: "editor" })).status).toBe(204);
    expect((await api("GET", `/templates/${id}`, { role: "viewer" })).status).toBe(404);

    const audit = await api("GET", `/audit?entity=template`, { role: "admin" });
    const mine = audit.body.items.filter((a: { entityId: string }) => a.entityId === id).map((a: { action: string }) => a.action);
    expect(mine.sort()).toEqual(["template.create", "template.delete", "template.update"]);
    const upAudit = audit.body.items.find((a: { entityId: string; action: string }) => a.entityId === id && a.action === "template.update");
    expect(upAudit.before.body).toBe(body.body);
    expect(upAudit.after.body).toBe("<p>New {{payload.orderId}}</p>");
  });

  it("a template that a rule uses cannot be deleted or renamed away", async () => {
    const t = await api("POST", "/templates", { body: { name: `used-${sfx}`, channel: "sms", body: "Code {{payload.code}}" }, role: "editor" });
    const rule = await api("POST", "/rules", {
      body: { name: `uses template ${sfx}`, trigger: { type: "event", event: `tpl.used.${sfx}` }, actions: [{ type: "sms", params: { to: "+15550100", templateId: `used-${sfx}` } }] },
      role: "editor",
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const del = await api("DELETE", `/templates/${t.body.id}`, { role: "editor" });
    expect(del.status).toBe(409);
    expect(del.body.error.message).toContain(`uses template ${sfx}`);
    expect((await api("PUT", `/templates/${t.body.id}`, { body: { name: `renamed-${sfx}` }, role: "editor" })).status).toBe(409);
    expect((await api("DELETE", `/rules/${rule.body.id}`, { role: "editor" })).status).toBe(204);
    expect((await api("DELETE", `/templates/${t.body.id}`, { role: "editor" })).status).toBe(204);
  });

  it("preview renders subject and body against a sample payload and contact, values escaped in email bodies", async () => {
    await api("PUT", `/contacts/prev-${sfx}`, { body: { email: `p-${sfx}@example.com`, name: "<i>Ann</i>" }, role: "editor" });
    const t = await api("POST", "/templates", {
      body: { name: `preview-${sfx}`, channel: "email", subject: "Hi {{contact.name}}", body: '<p>{{contact.name}} {{payload.total}} {{payload.nothing}}</p><a href="{{payload.link}}">x</a>' },
      role: "editor",
    });
    const r = await api("POST", "/templates/preview", {
      body: { templateId: t.body.id, payload: { total: "5 < 6", link: "javascript:alert(1)" }, contactId: `prev-${sfx}` },
      role: "viewer",
    });
    expect(r.status).toBe(200);
    expect(r.body.subject).toBe("Hi <i>Ann</i>");
    expect(r.body.body).toBe('<p>&lt;i&gt;Ann&lt;/i&gt; 5 &lt; 6 </p><a href="#">x</a>');
    expect(r.body.missing).toEqual(["payload.nothing"]);
    expect(r.body.contact.externalId).toBe(`prev-${sfx}`);

    const unsaved = await api("POST", "/templates/preview", {
      body: { template: { name: "draft", channel: "sms", body: "Code {{payload.code}} for {{contact.name}}" }, payload: { code: "<1>", contactId: `prev-${sfx}` } },
      role: "viewer",
    });
    expect(unsaved.status).toBe(200);
    expect(unsaved.body).toMatchObject({ channel: "sms", subject: null, body: "Code <1> for <i>Ann</i>", missing: [] });
    expect((await api("POST", "/templates/preview", { body: { payload: {} }, role: "viewer" })).status).toBe(400);
    expect((await api("POST", "/templates/preview", { body: { templateId: t.body.id, contactId: `nobody-${sfx}` }, role: "viewer" })).status).toBe(404);
  });
});

describe("dry run", () => {
  it("applies saved templates and reports missing references as the engine would, sending nothing", async () => {
    const caller = createCaller({ actor: { kind: "token", id: "dry", name: "dry", role: "editor" } });
    const t = await api("POST", "/templates", { body: { name: `dry-${sfx}`, channel: "email", subject: "S {{payload.x}}", body: "<b>{{payload.x}}</b>" }, role: "editor" });
    const doc = {
      name: "dry",
      trigger: { type: "event", event: "dry.run" },
      actions: [
        { type: "email", params: { to: "a@example.com", templateId: t.body.id } },
        { type: "email", params: { to: "a@example.com", subject: "s", text: "t", templateId: `missing-${sfx}` } },
        { type: "email", params: { to: "a@example.com", subject: "s", text: "t", connectionId: `missing-${sfx}` } },
      ],
    };
    const r = await caller.rules.dryRun({ document: doc, payload: { x: "<1>" } });
    expect(r.steps[0]).toMatchObject({ ok: true, params: { subject: "S <1>", html: "<b>&lt;1&gt;</b>" } });
    expect(r.steps[1]).toMatchObject({ ok: false, issues: [{ path: "", message: `template 'missing-${sfx}' does not exist` }] });
    expect(r.steps[2]).toMatchObject({ ok: false, issues: [{ path: "", message: `connection 'missing-${sfx}' does not exist` }] });
  });
});

describe("connections", () => {
  it("admins manage them, editors list them, and no answer ever carries the secret", async () => {
    const secret = `s3cret-${sfx}-value`;
    const body = { name: `mail-${sfx}`, type: "smtp", config: { host: "127.0.0.1", port: 2525, user: "bot" }, secret };
    expect((await api("POST", "/connections", { body, role: "editor" })).status).toBe(403);
    const created = await api("POST", "/connections", { body, role: "admin" });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ name: body.name, type: "smtp", hasSecret: true, secret: "••••", config: { host: "127.0.0.1", port: 2525, user: "bot" } });
    const id = created.body.id;
    const answers = [
      created,
      await api("GET", "/connections", { role: "editor" }),
      await api("GET", `/connections/${id}`, { role: "editor" }),
      await api("PUT", `/connections/${id}`, { body: { config: { host: "127.0.0.2", port: 2526 } }, role: "admin" }),
      await api("GET", `/audit?entity=connection`, { role: "admin" }),
    ];
    for (const a of answers) {
      expect(a.status).toBe(200 + (a === created ? 1 : 0));
      expect(JSON.stringify(a.body)).not.toContain(secret);
    }
    expect(answers[1].body.items.map((c: { id: string }) => c.id)).toContain(id);
    expect(answers[3].body).toMatchObject({ config: { host: "127.0.0.2", port: 2526 }, hasSecret: true });
    const raw = await pool().query(`SELECT secret_enc FROM connection WHERE id = $1`, [id]);
    expect(raw.rows[0].secret_enc).not.toContain(secret);
    expect((await api("GET", "/connections", { role: "viewer" })).status).toBe(403);
    expect((await api("PUT", `/connections/${id}`, { body: { secret: "x" }, role: "editor" })).status).toBe(403);
    expect((await api("DELETE", `/connections/${id}`, { role: "editor" })).status).toBe(403);
    expect((await api("DELETE", `/connections/${id}`, { role: "admin" })).status).toBe(204);
    expect((await api("GET", `/connections/${id}`, { role: "admin" })).status).toBe(404);
  });
});

describe("dev mailbox and notifications", () => {
  it("lists dev messages by channel, newest first, with a cursor", async () => {
    await pool().query(
      `INSERT INTO dev_message (channel, "to", subject, text, message_id) VALUES
         ('email', $1, 'one', 'a', $2), ('email', $1, 'two', 'b', $3), ('sms', $1, NULL, 'c', $4)`,
      [`dm-${sfx}`, `<dm1-${sfx}>`, `<dm2-${sfx}>`, `<dm3-${sfx}>`],
    );
    const p1 = await api("GET", `/dev/messages?channel=email&to=dm-${sfx}&limit=1`, { role: "viewer" });
    expect(p1.status).toBe(200);
    expect(p1.body.items.map((m: { subject: string }) => m.subject)).toEqual(["two"]);
    const p2 = await api("GET", `/dev/messages?channel=email&to=dm-${sfx}&limit=1&cursor=${p1.body.nextCursor}`, { role: "viewer" });
    expect(p2.body.items.map((m: { subject: string }) => m.subject)).toEqual(["one"]);
    expect(p2.body.nextCursor).toBeNull();
    const sms = await api("GET", `/dev/messages?channel=sms&to=dm-${sfx}`, { role: "viewer" });
    expect(sms.body.items).toMatchObject([{ channel: "sms", text: "c" }]);
    expect((await api("GET", `/dev/messages?channel=fax`, { role: "viewer" })).status).toBe(400);
    expect((await api("GET", `/dev/messages?channel=sms`, { role: null })).status).toBe(401);
  });

  it("shows each role the notifications addressed to it and the roles below; markRead marks only those", async () => {
    const { rows } = await pool().query<{ id: string; role: Role }>(
      `INSERT INTO notification (title, body, role) VALUES ($1, 'b', 'viewer'), ($1, 'b', 'operator'), ($1, 'b', 'editor'), ($1, 'b', 'admin')
       RETURNING id, role`,
      [`note-${sfx}`],
    );
    const idOf = (r: Role) => rows.find((x) => x.role === r)!.id;
    const seen = async (role: Role, query = "") => {
      const r = await api("GET", `/notifications?limit=200${query}`, { role });
      expect(r.status).toBe(200);
      return r.body.items.filter((n: { title: string }) => n.title === `note-${sfx}`).map((n: { role: Role }) => n.role).sort();
    };
    expect(await seen("viewer")).toEqual(["viewer"]);
    expect(await seen("operator")).toEqual(["operator", "viewer"]);
    expect(await seen("editor")).toEqual(["editor", "operator", "viewer"]);
    expect(await seen("admin")).toEqual(["admin", "editor", "operator", "viewer"]);

    // A viewer cannot mark an editor's notification read.
    const m = await api("POST", "/notifications/read", { body: { ids: [idOf("viewer"), idOf("editor")] }, role: "viewer" });
    expect(m.status).toBe(200);
    expect(m.body).toEqual({ updated: 1 });
    expect(await seen("admin", "&unread=true")).toEqual(["admin", "editor", "operator"]);
    expect(await seen("admin", "&unread=false")).toEqual(["viewer"]);
    const all = await api("POST", "/notifications/read", { body: { all: true }, role: "operator" });
    expect(all.body.updated).toBeGreaterThanOrEqual(1);
    expect(await seen("admin", "&unread=true")).toEqual(["admin", "editor"]);
    expect((await api("POST", "/notifications/read", { body: {}, role: "viewer" })).status).toBe(400);
  });
});

describe("permission table for the new procedures", () => {
  const added = Object.keys(permissions).filter((p) => /^(templates|connections|devMessages|notifications)\.|^executions\.deadLetter$/.test(p));

  it("has an entry for every procedure, and the brief's roles", () => {
    const procedures = Object.keys(appRouter._def.procedures);
    expect(procedures.filter((p) => !(p in permissions))).toEqual([]);
    expect(added.sort()).toEqual(
      [
        "connections.create", "connections.delete", "connections.get", "connections.list", "connections.update",
        "devMessages.list", "executions.deadLetter", "notifications.list", "notifications.markRead",
        "templates.create", "templates.delete", "templates.get", "templates.list", "templates.preview", "templates.update",
      ].sort(),
    );
    expect(permissions).toMatchObject({
      "templates.list": "viewer", "templates.get": "viewer", "templates.preview": "viewer",
      "templates.create": "editor", "templates.update": "editor", "templates.delete": "editor",
      "connections.list": "editor", "connections.create": "admin", "connections.update": "admin", "connections.delete": "admin",
      "devMessages.list": "viewer", "notifications.list": "viewer", "notifications.markRead": "viewer", "executions.deadLetter": "viewer",
    });
  });

  for (const path of added) {
    const access = (permissions as Record<string, Access>)[path];
    it(`${path} (${access}) refuses lower roles before running`, async () => {
      for (const role of [null, ...roles] as (Role | null)[]) {
        const caller = createCaller({ actor: role ? { kind: "token", id: `p-${role}`, name: `p-${role}`, role } : null });
        const fn = path.split(".").reduce<any>((o, k) => o[k], caller);
        // Input that fails validation: an allowed call changes nothing.
        const outcome = await fn({ __probe: true, id: "00000000-0000-0000-0000-000000000000" }).then(
          () => "allowed",
          (err: unknown) => (err instanceof TRPCError && (err.code === "UNAUTHORIZED" || err.code === "FORBIDDEN") ? "denied" : "allowed"),
        );
        const expected = role && hasRole(role, access as Role) ? "allowed" : "denied";
        expect(outcome, `${path} as ${role}`).toBe(expected);
      }
    });
  }

  it("documents the new routes in OpenAPI, dead-letter before /executions/{id}", async () => {
    const o = await api("GET", "/openapi.json", { role: null });
    for (const p of ["/templates", "/templates/{id}", "/templates/preview", "/connections", "/connections/{id}", "/dev/messages", "/notifications", "/executions/dead-letter"]) {
      expect(Object.keys(o.body.paths)).toContain(p);
    }
    const dl = await api("GET", "/executions/dead-letter", { role: "viewer" });
    expect(dl.status).toBe(200);
    expect(dl.body).toHaveProperty("items");
    expect((await api("GET", "/executions/dead-letter", { role: null })).status).toBe(401);
  });
});
