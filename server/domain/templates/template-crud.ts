// Saved message templates: create, update, delete, list, get — each write with an audit row.
// Rules name a template by id or by name (names survive export/import between installs), so a
// template that a live rule names cannot be deleted, nor renamed away from the name rules use.
import crypto from "node:crypto";
import { z } from "zod";
import { pool, withTransaction, type Queryable } from "../../db";
import { AppError, invalidDocument } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { decodeCursor, pageInput, toPage, type Page } from "../shared/pagination";
import { iso } from "../shared/time";
import { checkTemplateVariables } from "./template-variables";
import { MAX_ACTIONS } from "../rules/rule-document";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export const templateChannels = ["email", "sms"] as const;
export const MAX_TEMPLATE_BODY = 256 * 1024;

const name = z
  .string({ error: "a template needs a 'name'" })
  .trim()
  .min(1, "a template needs a 'name'")
  .max(100, "'name' is at most 100 characters")
  // Actions find a template by id or by name: a name shaped like an id would be ambiguous.
  .refine((s) => !/^[0-9a-f]{8}-[0-9a-f]{4}-/i.test(s), "'name' must not look like an id");

const fields = {
  name,
  channel: z.enum(templateChannels, { error: "'channel' must be email or sms" }),
  subject: z.string({ error: "'subject' must be text" }).max(998, "'subject' is at most 998 characters").nullish(),
  body: z
    .string({ error: "a template needs a 'body'" })
    .refine((s) => s.trim() !== "", "a template needs a 'body'")
    .refine((s) => s.length <= MAX_TEMPLATE_BODY, `'body' is at most ${MAX_TEMPLATE_BODY} characters`),
};

/** Checks shared by create and update: no subject on SMS, and every {{variable}} can resolve. */
function refineTemplate(t: { channel?: string; subject?: string | null; body?: string }, ctx: z.RefinementCtx) {
  if (t.channel === "sms" && t.subject != null && t.subject !== "") {
    ctx.addIssue({ code: "custom", path: ["subject"], message: "an sms template has no subject" });
  }
  // A template can be used by any action of a rule, so actions.N of any earlier action may appear.
  for (const key of ["subject", "body"] as const) {
    const value = t[key];
    if (typeof value !== "string") continue;
    for (const issue of checkTemplateVariables(value, { earlierActions: MAX_ACTIONS })) {
      ctx.addIssue({ code: "custom", path: [key], message: issue.message });
    }
  }
}

export const templateInput = z.strictObject(fields).superRefine(refineTemplate);
/** An update names what changes; the channel may change only while no rule uses the template. */
export const templateUpdateInput = z
  .strictObject({ name: fields.name.optional(), channel: fields.channel.optional(), subject: fields.subject, body: fields.body.optional() })
  .superRefine(refineTemplate);

export type TemplateInput = z.input<typeof templateInput>;

interface TemplateRow {
  id: string;
  name: string;
  channel: string;
  subject: string | null;
  body: string;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = "id, name, channel, subject, body, created_at, updated_at";

export function templateToDto(r: TemplateRow) {
  return {
    id: r.id,
    name: r.name,
    channel: r.channel as (typeof templateChannels)[number],
    subject: r.subject,
    body: r.body,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export type TemplateDto = ReturnType<typeof templateToDto>;

async function loadRow(db: Queryable, id: string, forUpdate = false): Promise<TemplateRow> {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", `template ${id} not found`);
  const { rows } = await db.query<TemplateRow>(`SELECT ${COLUMNS} FROM template WHERE id = $1 ${forUpdate ? "FOR UPDATE" : ""}`, [id]);
  if (!rows[0]) throw new AppError("NOT_FOUND", `template ${id} not found`);
  return rows[0];
}

/** Live rules whose actions name the template by id or (when given) by name. */
async function rulesUsing(db: Queryable, id: string, byName: string | null): Promise<string[]> {
  const { rows } = await db.query<{ name: string }>(
    `SELECT name FROM automation_rule
      WHERE deleted_at IS NULL
        AND jsonb_path_exists(actions_config, '$[*].params.templateId ? (@ == $id || @ == $name)',
                              jsonb_build_object('id', $1::text, 'name', $2::text))
      ORDER BY name LIMIT 5`,
    [id, byName ?? id],
  );
  return rows.map((r) => r.name);
}

function usedBy(what: string, rules: string[]): AppError {
  const many = rules.length > 1;
  return new AppError("CONFLICT", `${what} is used by rule${many ? "s" : ""} ${rules.map((r) => `'${r}'`).join(", ")}; change ${many ? "them" : "it"} first`);
}

function nameConflict(err: unknown, n: string | undefined): unknown {
  if ((err as { code?: string })?.code === "23505") return new AppError("CONFLICT", `a template named '${n ?? ""}' already exists`);
  return err;
}

const audited = (t: TemplateDto) => ({ name: t.name, channel: t.channel, subject: t.subject, body: t.body });

export async function createTemplate(actor: Actor, input: unknown): Promise<TemplateDto> {
  const parsed = templateInput.safeParse(input);
  if (!parsed.success) throw invalidDocument(parsed.error, "template");
  const t = parsed.data;
  try {
    return await withTransaction(async (db) => {
      const { rows } = await db.query<TemplateRow>(
        `INSERT INTO template (id, name, channel, subject, body, updated_at) VALUES ($1, $2, $3, $4, $5, now()) RETURNING ${COLUMNS}`,
        [crypto.randomUUID(), t.name, t.channel, t.channel === "sms" ? null : (t.subject ?? null), t.body],
      );
      const dto = templateToDto(rows[0]);
      await recordAudit(db, { actor, action: "template.create", entity: "template", entityId: dto.id, after: audited(dto) });
      return dto;
    });
  } catch (err) {
    throw nameConflict(err, t.name);
  }
}

export async function updateTemplate(actor: Actor, id: string, input: unknown): Promise<TemplateDto> {
  const parsed = templateUpdateInput.safeParse(input);
  if (!parsed.success) throw invalidDocument(parsed.error, "template");
  const u = parsed.data;
  try {
    return await withTransaction(async (db) => {
      const before = templateToDto(await loadRow(db, id, true));
      const next = {
        name: u.name ?? before.name,
        channel: u.channel ?? before.channel,
        subject: u.subject === undefined ? before.subject : u.subject,
        body: u.body ?? before.body,
      };
      if (next.channel === "sms") {
        if (u.subject != null && u.subject !== "") {
          throw new AppError("INVALID_DOCUMENT", "Invalid template: subject: an sms template has no subject", [{ path: "subject", message: "an sms template has no subject" }]);
        }
        next.subject = null;
      }
      if (next.name !== before.name) {
        // Rules that name it by its old name would stop finding it.
        const users = await rulesUsing(db, "-", before.name);
        if (users.length) throw usedBy(`template '${before.name}' (by name)`, users);
      }
      if (next.channel !== before.channel) {
        const users = await rulesUsing(db, id, before.name);
        if (users.length) throw usedBy(`template '${before.name}' (as an ${before.channel} template)`, users);
      }
      const { rows } = await db.query<TemplateRow>(
        `UPDATE template SET name = $2, channel = $3, subject = $4, body = $5, updated_at = now() WHERE id = $1 RETURNING ${COLUMNS}`,
        [id, next.name, next.channel, next.subject, next.body],
      );
      const after = templateToDto(rows[0]);
      await recordAudit(db, { actor, action: "template.update", entity: "template", entityId: id, before: audited(before), after: audited(after) });
      return after;
    });
  } catch (err) {
    throw nameConflict(err, u.name);
  }
}

export async function deleteTemplate(actor: Actor, id: string): Promise<void> {
  await withTransaction(async (db) => {
    const before = templateToDto(await loadRow(db, id, true));
    const users = await rulesUsing(db, id, before.name);
    if (users.length) throw usedBy(`template '${before.name}'`, users);
    await db.query(`DELETE FROM template WHERE id = $1`, [id]);
    await recordAudit(db, { actor, action: "template.delete", entity: "template", entityId: id, before: audited(before) });
  });
}

export const listTemplatesInput = z.object({
  channel: z.enum(templateChannels).optional(),
  q: z.string().max(200).optional(),
  ...pageInput,
});

/** Sorted by name (keyset on name, id). */
export async function listTemplates(input: z.input<typeof listTemplatesInput> = {}): Promise<Page<TemplateDto>> {
  const q = listTemplatesInput.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, ...values: unknown[]) => {
    let s = sql;
    for (const v of values) {
      params.push(v);
      s = s.replace("?", `$${params.length}`);
    }
    where.push(s);
  };
  if (q.channel) add("channel = ?", q.channel);
  if (q.q) add("name ILIKE ?", `%${q.q.replace(/[%_\\]/g, (c) => "\\" + c)}%`);
  const cur = decodeCursor(q.cursor, 2);
  if (cur) add("(name, id) > (?, ?::uuid)", cur[0], cur[1]);
  params.push(q.limit + 1);
  const { rows } = await pool().query<TemplateRow>(
    `SELECT ${COLUMNS} FROM template ${where.length ? `WHERE ${where.join(" AND ")}` : ""} ORDER BY name, id LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, q.limit, templateToDto, (r) => [r.name, r.id]);
}

export async function getTemplate(id: string): Promise<TemplateDto> {
  return templateToDto(await loadRow(pool(), id));
}
