// Contacts: the people rules message. Upserted by external id (the id in the caller's system);
// conditions and templates read them as `contact` when a payload names `contactId`.
import { z } from "zod";
import { pool, withTransaction } from "../../db";
import { AppError, invalidDocument } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { iso, isStorableInstant, STORABLE_INSTANT_MESSAGE } from "../shared/time";

export const contactInput = z
  .object({
    email: z.email().nullish(),
    phone: z.string().regex(/^\+?[0-9 ()-]{5,20}$/, "phone must be digits, optionally starting with +").nullish(),
    name: z.string().max(200).nullish(),
    tags: z.array(z.string().min(1).max(100)).max(100).default([]),
    attributes: z.record(z.string(), z.unknown()).default({}),
    lastLoginAt: z.iso.datetime({ offset: true }).refine(isStorableInstant, STORABLE_INSTANT_MESSAGE).nullish(),
  })
  .strict();

const externalIdSchema = z.string().min(1).max(200);

interface ContactRow {
  id: string;
  external_id: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  last_login_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

function dto(r: ContactRow) {
  return {
    id: r.id,
    externalId: r.external_id,
    email: r.email,
    phone: r.phone,
    name: r.name,
    tags: r.tags,
    attributes: r.attributes,
    lastLoginAt: iso(r.last_login_at),
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
  };
}

export async function upsertContact(actor: Actor, externalIdRaw: string, input: unknown) {
  const externalId = externalIdSchema.parse(externalIdRaw);
  const parsed = contactInput.safeParse(input);
  if (!parsed.success) {
    throw invalidDocument(parsed.error, "contact");
  }
  const c = parsed.data;
  return withTransaction(async (db) => {
    // The audit row keeps the contact as it was (null when new) and as it is now.
    const previous = (await db.query<ContactRow>(`SELECT * FROM contact WHERE external_id = $1 FOR UPDATE`, [externalId])).rows[0];
    const { rows } = await db.query<ContactRow & { inserted: boolean }>(
      `INSERT INTO contact (external_id, email, phone, name, tags, attributes, last_login_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, now())
       ON CONFLICT (external_id) DO UPDATE SET email = EXCLUDED.email, phone = EXCLUDED.phone, name = EXCLUDED.name,
         tags = EXCLUDED.tags, attributes = EXCLUDED.attributes, last_login_at = EXCLUDED.last_login_at, updated_at = now()
       RETURNING *, (xmax = 0) AS inserted`,
      [externalId, c.email ?? null, c.phone ?? null, c.name ?? null, c.tags, JSON.stringify(c.attributes), c.lastLoginAt ?? null],
    );
    const row = rows[0];
    await recordAudit(db, {
      actor, action: row.inserted ? "contact.create" : "contact.update", entity: "contact", entityId: externalId,
      before: previous ? dto(previous) : undefined, after: dto(row),
    });
    return { created: row.inserted, contact: dto(row) };
  });
}

export async function getContact(externalIdRaw: string) {
  const { rows } = await pool().query<ContactRow>(`SELECT * FROM contact WHERE external_id = $1`, [String(externalIdRaw)]);
  if (!rows[0]) throw new AppError("NOT_FOUND", `contact ${externalIdRaw} not found`);
  return dto(rows[0]);
}

export const listContactsInput = z.object({ q: z.string().max(200).optional(), tag: z.string().max(100).optional(), ...pageInput });

export async function listContacts(input: z.input<typeof listContactsInput>) {
  const q = listContactsInput.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (q.q) add("(external_id ILIKE ? OR email ILIKE ? OR name ILIKE ?)", `%${q.q.replace(/[%_\\]/g, (c) => "\\" + c)}%`);
  if (q.tag) add("? = ANY(tags)", q.tag);
  const cur = decodeCursor(q.cursor, 2);
  if (cur) {
    params.push(cur[0], cur[1]);
    where.push(`(updated_at, id) < ($${params.length - 1}, $${params.length})`);
  }
  params.push(q.limit + 1);
  const { rows } = await pool().query<ContactRow>(
    `SELECT * FROM contact ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY updated_at DESC, id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, q.limit, dto, (r) => [iso(r.updated_at), r.id]);
}
