// Template preview for the editor: renders a saved (or unsaved) template's subject and body against
// a sample context — a payload, and the contact it names — exactly as an action would at run time
// (values HTML-escaped in email bodies, unsafe links neutralised), with nothing sent.
import { z } from "zod";
import { pool } from "../../db";
import { AppError, invalidDocument } from "../../errors";
import { getPath } from "../conditions/get-path";
import { contactIdOf, loadContacts, type ExecutionContext } from "../executions/execution-context";
import { renderStoredTemplate, type StoredTemplate } from "./template-store";
import { listTemplateVariables } from "./template-variables";
import { stripUnsafeLinks } from "./safe-links";
import { getTemplate, templateInput } from "./template-crud";

export const previewTemplateInput = z
  .object({
    templateId: z.string().min(1).max(200).optional(),
    /** An unsaved template (the editor's current text). */
    template: z.unknown().optional(),
    payload: z.record(z.string(), z.unknown()).default({}),
    /** The contact's external id; else payload.contactId names it. */
    contactId: z.string().min(1).max(200).optional(),
  })
  .refine((v) => (v.templateId === undefined) !== (v.template === undefined), {
    message: "give either 'templateId' or 'template'",
    path: ["templateId"],
  });

export async function previewTemplate(input: z.input<typeof previewTemplateInput>) {
  const q = previewTemplateInput.parse(input);
  let t: StoredTemplate;
  if (q.templateId !== undefined) {
    t = await getTemplate(q.templateId);
  } else {
    const parsed = templateInput.safeParse(q.template);
    if (!parsed.success) throw invalidDocument(parsed.error, "template");
    t = { id: "preview", name: parsed.data.name, channel: parsed.data.channel, subject: parsed.data.subject ?? null, body: parsed.data.body };
  }
  const cid = q.contactId ?? contactIdOf(q.payload);
  const contact = cid ? ((await loadContacts(pool(), [cid])).get(cid) ?? null) : null;
  if (q.contactId && !contact) throw new AppError("NOT_FOUND", `contact ${q.contactId} not found`);
  const now = new Date().toISOString();
  const ctx: ExecutionContext = {
    payload: cid && q.payload.contactId === undefined ? { ...q.payload, contactId: cid } : q.payload,
    event: { type: "preview", id: "preview", occurredAt: now, depth: 0 },
    contact,
    now,
    actions: [],
  };
  const r = renderStoredTemplate(t, ctx);
  const used = [...new Set([...listTemplateVariables(t.subject ?? ""), ...listTemplateVariables(t.body)])];
  return {
    channel: t.channel,
    subject: r.subject,
    body: t.channel === "email" ? stripUnsafeLinks(r.body) : r.body,
    contact,
    /** Variables that rendered empty with this sample (misspelt, or absent from the payload). */
    missing: used.filter((v) => {
      const value = getPath(ctx, v);
      return value === undefined || value === null;
    }),
  };
}
