// update_contact: tags and fields of a contact, by external id. Adding and removing tags are set
// operations, so repeating an attempt changes nothing more.
import { configError, type ActionPlugin } from "../plugin";
import { actionParamsSchemas } from "../params";

interface Params {
  contact: string;
  addTags?: string[];
  removeTags?: string[];
  set?: Record<string, unknown>;
}

const DIRECT = new Set(["email", "phone", "name", "lastLoginAt"]);

export const updateContactAction: ActionPlugin<Params> = {
  type: "update_contact",
  version: 1,
  displayName: "Update contact",
  paramsSchema: actionParamsSchemas.update_contact as never,
  defaultTimeoutMs: 10_000,
  async run(p, ctx) {
    if (!p.contact) throw configError("update_contact needs 'contact': the contact's external id, e.g. {{payload.contactId}}");
    const set = p.set ?? {};
    const attrs: Record<string, unknown> = {};
    const direct: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(set)) {
      if (k.startsWith("attributes.")) attrs[k.slice("attributes.".length)] = v;
      else if (DIRECT.has(k)) direct[k] = v;
      else throw configError(`update_contact cannot set '${k}': use email, phone, name, lastLoginAt or attributes.<name>`);
    }
    if (ctx.dryRun) return { output: { wouldUpdate: p } };
    const { rows } = await ctx.db.query(
      `UPDATE contact SET
         tags = ARRAY(SELECT DISTINCT t FROM unnest(array_cat(tags, $2::text[])) t WHERE NOT (t = ANY($3::text[])) ORDER BY t),
         email = COALESCE($4, email), phone = COALESCE($5, phone), name = COALESCE($6, name),
         last_login_at = COALESCE($7::timestamptz, last_login_at),
         attributes = attributes || $8::jsonb, updated_at = now()
       WHERE external_id = $1
       RETURNING external_id, tags`,
      [
        String(p.contact),
        p.addTags ?? [],
        p.removeTags ?? [],
        direct.email ?? null,
        direct.phone ?? null,
        direct.name ?? null,
        direct.lastLoginAt ?? null,
        JSON.stringify(attrs),
      ],
    );
    if (!rows[0]) throw configError(`contact '${p.contact}' does not exist`);
    return { output: { contact: rows[0].external_id, tags: rows[0].tags } };
  },
};
