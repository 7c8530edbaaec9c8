import { z } from "zod";
import { hasTemplate } from "@/server/domain/templates/template-syntax";
import { jsonObject, strictParams } from "./param-helpers";

/**
 * `emit_event`: {type, payload?}: raises an event that event-triggered rules receive,
 * exactly like POST /events. The payload defaults to {}.
 */

// The characters event types use ("order.paid", "user:signed_up", "v2-import").
const eventTypePattern = /^[A-Za-z0-9_.:-]+$/;

export const emitEventParamsSchema = strictParams("emit_event", {
  type: z
    .string({ error: (issue) => (issue.input === undefined ? "emit_event needs a 'type', such as order.paid" : "'type' must be text") })
    .trim()
    .min(1, { message: "emit_event needs a 'type', such as order.paid" })
    .max(200, { message: "'type' is at most 200 characters" })
    .refine((s) => hasTemplate(s) || eventTypePattern.test(s), {
      message: "'type' uses letters, digits and . _ : - only, such as order.paid",
    }),
  payload: jsonObject("'payload' must be a JSON object, such as {\"orderId\": \"{{payload.orderId}}\"}").default({}),
});

export type EmitEventParams = z.output<typeof emitEventParamsSchema>;
