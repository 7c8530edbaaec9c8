import { z } from "zod";
import { optionalId, strictParams, templatedEmail, templatedEmailList } from "./param-helpers";

/**
 * `email`: {to, subject, text?, html?, from?, connectionId?, templateId?}.
 * The body is text, html (values escaped when rendered), or a saved template; at
 * least one of them. `subject` may be left out when a template gives it (a template
 * without a subject is then refused at run time). Without connectionId the default
 * SMTP (or the dev mailbox) sends.
 */
export const emailParamsSchema = strictParams("email", {
  to: templatedEmailList(
    "email needs 'to': an address or a template such as {{contact.email}}",
    "'to' must be email addresses separated by commas, or a template such as {{contact.email}}",
  ),
  subject: z
    .string({ error: "email needs a 'subject'" })
    .refine((s) => s.length <= 998, { message: "at most 998 characters" })
    .optional(),
  text: z.string({ error: "'text' must be text" }).optional(),
  html: z.string({ error: "'html' must be text (HTML)" }).optional(),
  from: templatedEmail("'from' must not be empty: leave it out to use the default sender", "'from' must be an email address, such as Shop <shop@example.com>").optional(),
  connectionId: optionalId,
  templateId: optionalId,
}).superRefine((params, ctx) => {
  const filled = (s: string | undefined) => s !== undefined && s.trim() !== "";
  if (!filled(params.subject) && params.templateId === undefined) {
    ctx.addIssue({ code: "custom", path: ["subject"], message: "email needs a 'subject'" });
  }
  if (!filled(params.text) && !filled(params.html) && params.templateId === undefined) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "email needs a body: 'text', 'html' or a 'templateId'" });
  }
});

export type EmailParams = z.output<typeof emailParamsSchema>;
