// sms: one text message, through an `sms_http` connection's gateway or, without a connection,
// into the dev outbox. The idempotency key goes to the gateway (body and Idempotency-Key header)
// so a gateway that dedupes sends a retried attempt once.
import type { ActionPlugin } from "../plugin";
import { configError } from "../plugin";
import { actionParamsSchemas, type SmsParams } from "../params";
import { loadConnectionOfType } from "../../connections/load-connection";
import { loadTemplate } from "../../templates/template-store";
import { devOutboxProvider } from "./dev-outbox-provider";
import { httpGatewayProvider } from "./http-gateway-provider";
import type { SmsProvider } from "./sms-provider";
import type { Queryable } from "../../../db";
import { takeRecipientSlots } from "../../limits/recipient-cap";

const filled = (s: string | undefined): s is string => s !== undefined && s.trim() !== "";

async function providerFor(db: Queryable, connectionId: string | undefined): Promise<SmsProvider> {
  if (!connectionId) return devOutboxProvider(db);
  return httpGatewayProvider(await loadConnectionOfType(db, connectionId, "sms_http", "sms"));
}

export const smsAction: ActionPlugin<SmsParams> = {
  type: "sms",
  version: 1,
  displayName: "SMS",
  paramsSchema: actionParamsSchemas.sms as never,
  defaultTimeoutMs: 30_000,
  async preflight(p, ctx) {
    if (p.templateId) {
      await loadTemplate(ctx.db, p.templateId, "sms");
      if (!filled(p.text)) throw configError(`template '${p.templateId}' was not applied to the sms (resolveTemplateParams was not called)`);
    }
    if (p.connectionId) await loadConnectionOfType(ctx.db, p.connectionId, "sms_http", "sms");
  },
  async run(p, ctx) {
    if (!filled(p.text)) throw configError("sms needs 'text' or a 'templateId'");
    const provider = await providerFor(ctx.db, p.connectionId);
    if (ctx.dryRun) return { output: { wouldSend: { to: p.to, text: p.text, via: provider.label } } };
    // Frequency cap per recipient across all rules: over it, nothing is sent (non-retryable).
    await takeRecipientSlots("sms", p.to, ctx.idempotencyKey);
    const { providerMessageId } = await provider.send(p.to, p.text, { idempotencyKey: ctx.idempotencyKey, signal: ctx.signal });
    return { output: { via: provider.label, providerMessageId } };
  },
};
