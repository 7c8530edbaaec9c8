// update_contact: tags and fields of a contact, by external id. Adding and removing tags are set
// operations, so repeating an attempt changes nothing more. In `set`, null clears a field (or
// removes an attribute); "attributes.a.b" writes the nested attribute a → b, the same path
// templates and conditions read as contact.attributes.a.b.
import { configError, type ActionPlugin } from "../plugin";
import { actionParamsSchemas } from "../params";
import { isPlainObject } from "../../conditions/compare-values";
import type { Queryable } from "../../../db";

interface Params {
  contact: string;
  addTags?: string[];
  removeTags?: string[];
  set?: Record<string, unknown>;
}

const DIRECT = { email: true, phone: true, name: true, lastLoginAt: true };

type AttributeChange = { path: string[]; value: unknown };

/** The attributes after the changes; null removes (and leaves no empty parent objects behind it). */
export function applyAttributeChanges(current: Record<string, unknown>, changes: AttributeChange[]): Record<string, unknown> {
  const root: Record<string, unknown> = structuredClone(isPlainObject(current) ? current : {});
  for (const { path, value } of changes) {
    let node = root;
    for (const seg of path.slice(0, -1)) {
      if (!isPlainObject(node[seg])) {
        if (value === null) break;
        node[seg] = {};
      }
      node = node[seg] as Record<string, unknown>;
    }
    const last = path[path.length - 1];
    if (value === null) delete node[last];
    else node[last] = value;
  }
  return root;
}

// Direct fields are written only when named in `set` (a null then clears them), so one UPDATE
// serves every combination: `$4 ? 'email'` says whether email was given at all.
const UPDATE_SQL = (withAttributes: boolean) => `
  UPDATE contact SET
    tags = ARRAY(SELECT DISTINCT t FROM unnest(array_cat(tags, $2::text[])) t WHERE NOT (t = ANY($3::text[])) ORDER BY t),
    email = CASE WHEN $4::jsonb ? 'email' THEN $4::jsonb->>'email' ELSE email END,
    phone = CASE WHEN $4::jsonb ? 'phone' THEN $4::jsonb->>'phone' ELSE phone END,
    name = CASE WHEN $4::jsonb ? 'name' THEN $4::jsonb->>'name' ELSE name END,
    last_login_at = CASE WHEN $4::jsonb ? 'lastLoginAt' THEN ($4::jsonb->>'lastLoginAt')::timestamptz ELSE last_login_at END,
    ${withAttributes ? "attributes = $5::jsonb," : ""} updated_at = now()
  WHERE external_id = $1 ${withAttributes ? "AND attributes = $6::jsonb" : ""}
  RETURNING external_id, tags`;

async function writeContact(db: Queryable, p: Params, direct: Record<string, unknown>, attrs: AttributeChange[]) {
  const base = [String(p.contact), p.addTags ?? [], p.removeTags ?? [], JSON.stringify(direct)];
  if (attrs.length === 0) return (await db.query(UPDATE_SQL(false), base)).rows[0];
  // Nested attribute paths are merged here, then written only if nobody changed the attributes
  // meanwhile (compare-and-set); a concurrent writer makes us read again.
  for (let tries = 0; tries < 10; tries++) {
    const cur = await db.query<{ attributes: Record<string, unknown> }>(`SELECT attributes FROM contact WHERE external_id = $1`, [String(p.contact)]);
    if (!cur.rows[0]) return undefined;
    const next = applyAttributeChanges(cur.rows[0].attributes ?? {}, attrs);
    const { rows } = await db.query(UPDATE_SQL(true), [...base, JSON.stringify(next), JSON.stringify(cur.rows[0].attributes ?? {})]);
    if (rows[0]) return rows[0];
  }
  throw configError(`contact '${p.contact}' is being changed by others too often to update its attributes; try again`);
}

export const updateContactAction: ActionPlugin<Params> = {
  type: "update_contact",
  version: 1,
  displayName: "Update contact",
  paramsSchema: actionParamsSchemas.update_contact as never,
  defaultTimeoutMs: 10_000,
  async run(p, ctx) {
    if (!p.contact) throw configError("update_contact needs 'contact': the contact's external id, e.g. {{payload.contactId}}");
    const attrs: AttributeChange[] = [];
    const direct: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(p.set ?? {})) {
      if (k.startsWith("attributes.")) attrs.push({ path: k.slice("attributes.".length).split("."), value: v });
      else if (Object.hasOwn(DIRECT, k)) {
        // A templated value that rendered empty clears the field rather than storing "".
        direct[k] = v === "" ? null : v;
      } else throw configError(`update_contact cannot set '${k}': use email, phone, name, lastLoginAt or attributes.<name>`);
    }
    if (typeof direct.lastLoginAt === "string" && Number.isNaN(Date.parse(direct.lastLoginAt))) {
      throw configError(`update_contact: lastLoginAt '${direct.lastLoginAt}' is not a date`);
    }
    if (ctx.dryRun) return { output: { wouldUpdate: p } };
    const row = await writeContact(ctx.db, p, direct, attrs);
    if (!row) throw configError(`contact '${p.contact}' does not exist`);
    return { output: { contact: row.external_id, tags: row.tags } };
  },
};
