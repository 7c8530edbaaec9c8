// email: one message through SMTP (a connection, else SMTP_URL) or, with neither, into the dev
// mailbox. The action's idempotency key is the Message-ID (contract), so a retried attempt is
// recognisable downstream and the dev mailbox stores it once.
import type { ActionPlugin } from "../plugin";
import { configError } from "../plugin";
import { actionParamsSchemas, type EmailParams } from "../params";
import { loadConnectionOfType } from "../../connections/load-connection";
import { loadTemplate } from "../../templates/template-store";
import { stripUnsafeLinks } from "../../templates/safe-links";
import { resolveEmailRoute } from "./email-route";
import { saveDevMessage } from "./dev-mailbox";
import { sendViaSmtp, type OutgoingEmail } from "./smtp-send";
import { takeRecipientSlots } from "../../limits/recipient-cap";

const filled = (s: string | undefined): s is string => s !== undefined && s.trim() !== "";

export function messageIdFor(idempotencyKey: string): string {
  return `<${idempotencyKey}@autoflow>`;
}

export const emailAction: ActionPlugin<EmailParams> = {
  type: "email",
  version: 1,
  displayName: "Email",
  paramsSchema: actionParamsSchemas.email as never,
  htmlKeys: ["html"],
  defaultTimeoutMs: 60_000,
  // References are checked before anything is sent: a missing template or connection is the
  // rule's configuration, and is never retried.
  async preflight(p, ctx) {
    if (p.templateId) {
      await loadTemplate(ctx.db, p.templateId, "email");
      // The engine applies templates with resolveTemplateParams before this; without it the
      // message would go out with no body.
      if (!filled(p.text) && !filled(p.html)) {
        throw configError(`template '${p.templateId}' was not applied to the email (resolveTemplateParams was not called)`);
      }
    }
    if (!filled(p.subject)) {
      throw configError(
        p.templateId ? `email has no subject: template '${p.templateId}' has none, so give the action a 'subject'` : "email needs a 'subject'",
      );
    }
    if (p.connectionId) await loadConnectionOfType(ctx.db, p.connectionId, "smtp", "email");
  },
  async run(p, ctx) {
    const route = await resolveEmailRoute(ctx.db, p.connectionId);
    const mail: OutgoingEmail = {
      from: p.from ?? route.defaultFrom,
      to: p.to,
      subject: p.subject ?? "",
      text: filled(p.text) ? p.text : undefined,
      // Values were escaped when rendered; a value inside an href could still be javascript:.
      html: filled(p.html) ? stripUnsafeLinks(p.html) : undefined,
      messageId: messageIdFor(ctx.idempotencyKey),
    };
    if (ctx.dryRun) return { output: { wouldSend: { ...mail, via: route.label } } };
    // Frequency cap per recipient across all rules: over it, nothing is sent (non-retryable).
    await takeRecipientSlots("email", mail.to, ctx.idempotencyKey);

    if (route.via === "dev-mailbox") {
      const saved = await saveDevMessage(ctx.db, { channel: "email", ...mail });
      return { output: { via: "dev-mailbox", messageId: mail.messageId, devMessageId: saved.id, duplicate: saved.duplicate } };
    }
    const sent = await sendViaSmtp(route.options, { ...mail, headers: { "X-Autoflow-Execution": ctx.executionId } }, ctx.signal);
    return { output: { via: route.label, ...sent } };
  },
};
