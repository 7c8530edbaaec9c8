import { z } from "zod";
import { optionalId, strictParams, templatedPhone } from "./param-helpers";

/**
 * `sms`: {to, text?, templateId?, connectionId?}. The message is text or a saved
 * template. Without connectionId the default SMS connection sends.
 */
export const smsParamsSchema = strictParams("sms", {
  to: templatedPhone(
    "sms needs 'to': a phone number or a template such as {{contact.phone}}",
    "'to' must be a phone number such as +8613800000000, or a template such as {{contact.phone}}",
  ),
  text: z.string({ error: "'text' must be text" }).optional(),
  templateId: optionalId,
  connectionId: optionalId,
}).superRefine((params, ctx) => {
  if ((params.text === undefined || params.text.trim() === "") && params.templateId === undefined) {
    ctx.addIssue({ code: "custom", path: ["text"], message: "sms needs 'text' or a 'templateId'" });
  }
});

export type SmsParams = z.output<typeof smsParamsSchema>;
