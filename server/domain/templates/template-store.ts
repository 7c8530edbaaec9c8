// Saved templates as actions use them. The engine renders an action's params before it runs, but
// a template's own text lives in the database, so it is rendered here, against the same
// execution context, by `resolveTemplateParams` — called by the engine after params are parsed
// and before preflight/run. Values are HTML-escaped in email bodies, as in `html` params.
import type { Queryable } from "../../db";
import { configError } from "../actions/plugin";
import { renderTemplate } from "./render-template";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type TemplateChannel = "email" | "sms";

export interface StoredTemplate {
  id: string;
  name: string;
  channel: string;
  subject: string | null;
  /** HTML for email templates, plain text for SMS. */
  body: string;
}

/** By id or by name; a miss (or a template of another channel) is the rule's configuration error. */
export async function loadTemplate(db: Queryable, idOrName: string, channel?: TemplateChannel): Promise<StoredTemplate> {
  const { rows } = await db.query<StoredTemplate>(
    `SELECT id, name, channel, subject, body FROM template WHERE ${UUID.test(idOrName) ? "id = $1::uuid" : "name = $1"}`,
    [idOrName],
  );
  const t = rows[0];
  if (!t) throw configError(`template '${idOrName}' does not exist`);
  if (channel && t.channel !== channel) {
    throw configError(`template '${t.name}' is a ${t.channel} template; the ${channel} action needs an ${channel} template`);
  }
  return t;
}

export interface RenderedTemplate {
  subject: string | null;
  body: string;
}

/** The template's text with `{{…}}` filled from the execution context. */
export function renderStoredTemplate(t: StoredTemplate, ctx: Record<string, unknown>): RenderedTemplate {
  return {
    // A subject is a mail header, not HTML: escaping would show "&amp;" to the reader.
    subject: t.subject == null ? null : renderTemplate(t.subject, ctx, { html: false }),
    body: renderTemplate(t.body, ctx, { html: t.channel === "email" }),
  };
}

const filled = (v: unknown): v is string => typeof v === "string" && v.trim() !== "";

/**
 * Params with `templateId` come back with the template applied: for email the template fills
 * `subject` and `html` where the action left them empty, for SMS it fills `text`. What the rule
 * wrote itself wins (a rule may override one template's subject). Params without templateId are
 * returned as they are. `templateId` stays, so the plugin's preflight can still see it.
 *
 * @param params  the action's params, already rendered and parsed
 * @param ctx     the execution context the engine rendered those params with
 * @param actionType  "email" or "sms": the template must be of that channel
 */
export async function resolveTemplateParams<P>(params: P, ctx: Record<string, unknown>, db: Queryable, actionType?: string): Promise<P> {
  const p = params as Record<string, unknown> | null;
  if (!p || typeof p !== "object" || !filled(p.templateId)) return params;
  const channel = actionType === "email" || actionType === "sms" ? actionType : undefined;
  const t = await loadTemplate(db, p.templateId, channel);
  const r = renderStoredTemplate(t, ctx);
  if (t.channel === "email") {
    return { ...p, subject: filled(p.subject) ? p.subject : (r.subject ?? ""), html: filled(p.html) ? p.html : r.body } as P;
  }
  return { ...p, text: filled(p.text) ? p.text : r.body } as P;
}
