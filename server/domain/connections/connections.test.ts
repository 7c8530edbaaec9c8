// Against the test database: secrets go in encrypted, come back only through loadConnection, and
// never appear in a DTO or an audit row.
import crypto from "node:crypto";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { closeDb, pool } from "../../db";
import { AppError } from "../../errors";
import { ActionError } from "../actions/plugin";
import type { Actor } from "../../auth/roles";
import { createConnection } from "./create-connection";
import { updateConnection } from "./update-connection";
import { deleteConnection } from "./delete-connection";
import { getConnection, listConnections } from "./list-connections";
import { loadConnection } from "./load-connection";

const admin: Actor = { kind: "user", id: "u1", name: "ada", role: "admin" };
const editor: Actor = { kind: "user", id: "u2", name: "ed", role: "editor" };
const viewer: Actor = { kind: "user", id: "u3", name: "vi", role: "viewer" };
const PASSWORD = "hunter2-very-secret";

beforeEach(async () => {
  await pool().query(`DELETE FROM connection`);
  await pool().query(`DELETE FROM audit_log WHERE entity = 'connection'`);
});
afterAll(async () => {
  await pool().query(`DELETE FROM connection`);
  await closeDb();
});

async function fails(p: Promise<unknown>) {
  return p.then(
    () => {
      throw new Error("expected a failure");
    },
    (e: unknown) => e as AppError & ActionError,
  );
}

const smtpInput = (name = "mail") => ({ name, type: "smtp", config: { host: "127.0.0.1", port: 2525, user: "bot" }, secret: PASSWORD });

describe("connections", () => {
  test("create answers a masked DTO; the row holds ciphertext; loadConnection decrypts", async () => {
    const dto = await createConnection(admin, smtpInput());
    expect(dto).toMatchObject({ name: "mail", type: "smtp", config: { host: "127.0.0.1", port: 2525, user: "bot" }, hasSecret: true, secret: "••••" });
    expect(JSON.stringify(dto)).not.toContain(PASSWORD);

    const { rows } = await pool().query(`SELECT secret_enc FROM connection WHERE id = $1`, [dto.id]);
    expect(rows[0].secret_enc).toMatch(/^v1\./);
    expect(rows[0].secret_enc).not.toContain(PASSWORD);

    for (const key of [dto.id, "mail"]) {
      const loaded = await loadConnection(pool(), key);
      expect(loaded).toEqual({ id: dto.id, name: "mail", type: "smtp", config: { host: "127.0.0.1", port: 2525, user: "bot" }, secret: PASSWORD });
    }

    const audit = await pool().query(`SELECT actor, action, after::text AS after FROM audit_log WHERE entity_id = $1`, [dto.id]);
    expect(audit.rows).toHaveLength(1);
    expect(audit.rows[0]).toMatchObject({ actor: "user:ada", action: "connection.create" });
    expect(audit.rows[0].after).toContain('"hasSecret": true');
    expect(audit.rows[0].after).not.toContain(PASSWORD);
  });

  test("a missing connection is a configuration error that names it", async () => {
    const byName = await fails(loadConnection(pool(), "nope"));
    expect(byName).toBeInstanceOf(ActionError);
    expect(byName.errorClass).toBe("configuration");
    expect(byName.message).toBe("connection 'nope' does not exist");
    const byId = await fails(loadConnection(pool(), crypto.randomUUID()));
    expect(byId.errorClass).toBe("configuration");
  });

  test("update keeps the secret unless a new one is given, and audits without it", async () => {
    const dto = await createConnection(admin, smtpInput());
    const renamed = await updateConnection(admin, dto.id, { name: "mail2", config: { host: "smtp.example.com", port: 465, secure: true } });
    expect(renamed).toMatchObject({ name: "mail2", config: { host: "smtp.example.com", port: 465, secure: true }, hasSecret: true });
    expect((await loadConnection(pool(), dto.id)).secret).toBe(PASSWORD);

    await updateConnection(admin, dto.id, { secret: "new-secret" });
    expect((await loadConnection(pool(), dto.id)).secret).toBe("new-secret");

    const cleared = await updateConnection(admin, dto.id, { secret: null });
    expect(cleared).toMatchObject({ hasSecret: false, secret: null });

    const audit = await pool().query(`SELECT before::text || after::text AS t, after->>'secretChanged' AS changed FROM audit_log WHERE action = 'connection.update' ORDER BY id`);
    expect(audit.rows.map((r) => r.changed)).toEqual(["false", "true", "true"]);
    for (const r of audit.rows) expect(r.t).not.toMatch(/hunter2|new-secret/);
  });

  test("checks settings per type, names, and who may do what", async () => {
    const bad = await fails(createConnection(admin, { name: "x", type: "smtp", config: { port: 25 } }));
    expect(bad).toBeInstanceOf(AppError);
    expect(bad.code).toBe("INVALID_DOCUMENT");
    expect(bad.issues?.[0].path).toBe("config.host");

    const dto = await createConnection(admin, smtpInput("valid"));
    const badUpdate = await fails(updateConnection(admin, dto.id, { config: { host: "" } }));
    expect(badUpdate.code).toBe("INVALID_DOCUMENT");
    expect(badUpdate.issues?.[0].path).toBe("config.host");

    const amqpNoUrl = await fails(createConnection(admin, { name: "q", type: "amqp" }));
    expect(amqpNoUrl.code).toBe("INVALID_DOCUMENT");
    expect(amqpNoUrl.message).toContain("url");
    const amqpBadUrl = await fails(createConnection(admin, { name: "q", type: "amqp", secret: "http://x" }));
    expect(amqpBadUrl.code).toBe("INVALID_DOCUMENT");
    expect((await createConnection(admin, { name: "q", type: "amqp", secret: "amqp://guest:guest@127.0.0.1:5672" })).hasSecret).toBe(true);

    await createConnection(admin, smtpInput());
    expect((await fails(createConnection(admin, smtpInput()))).code).toBe("CONFLICT");
    expect((await fails(createConnection(editor, smtpInput("other")))).code).toBe("FORBIDDEN");
    expect((await fails(listConnections(viewer))).code).toBe("FORBIDDEN");
    expect((await fails(getConnection(editor, "not-an-id"))).code).toBe("NOT_FOUND");
  });

  test("lists by name, paginated, never with the secret", async () => {
    for (const n of ["c", "a", "b"]) await createConnection(admin, smtpInput(n));
    await createConnection(admin, { name: "hook", type: "http", config: { baseUrl: "https://api.example.com" }, secret: "tok" });
    const first = await listConnections(editor, { limit: 2, type: "smtp" });
    expect(first.items.map((c) => c.name)).toEqual(["a", "b"]);
    const second = await listConnections(editor, { limit: 2, type: "smtp", cursor: first.nextCursor! });
    expect(second.items.map((c) => c.name)).toEqual(["c"]);
    expect(second.nextCursor).toBeNull();
    const all = await listConnections(editor);
    expect(all.items).toHaveLength(4);
    expect(JSON.stringify(all)).not.toMatch(/hunter2|"tok"/);
  });

  test("delete is refused while a live rule uses the connection", async () => {
    const dto = await createConnection(admin, smtpInput());
    const ruleId = crypto.randomUUID();
    await pool().query(
      `INSERT INTO automation_rule (rule_id, name, trigger_config, actions_config, trigger_type, updated_at)
       VALUES ($1, 'uses mail', '{"type":"event","event":"x"}', $2, 'event', now())`,
      [ruleId, JSON.stringify([{ type: "email", params: { to: "a@b.c", subject: "s", text: "t", connectionId: "mail" } }])],
    );
    try {
      const err = await fails(deleteConnection(admin, dto.id));
      expect(err.code).toBe("CONFLICT");
      expect(err.message).toContain("'uses mail'");
      await pool().query(`UPDATE automation_rule SET deleted_at = now() WHERE rule_id = $1`, [ruleId]);
      await deleteConnection(admin, dto.id);
      expect((await fails(loadConnection(pool(), dto.id))).errorClass).toBe("configuration");
      const audit = await pool().query(`SELECT action FROM audit_log WHERE entity_id = $1 ORDER BY id`, [dto.id]);
      expect(audit.rows.map((r) => r.action)).toEqual(["connection.create", "connection.delete"]);
    } finally {
      await pool().query(`DELETE FROM automation_rule WHERE rule_id = $1`, [ruleId]);
    }
  });
});
