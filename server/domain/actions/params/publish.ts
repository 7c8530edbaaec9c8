import { z } from "zod";
import { jsonValue, optionalId, strictParams } from "./param-helpers";

/**
 * `publish`: {exchange?, routingKey, message, connectionId?}: one AMQP message.
 * exchange "" is the broker's default exchange, where routingKey names the queue. A
 * JSON message is sent as application/json, a string as text.
 */

// AMQP 0-9-1 short strings (exchange names, routing keys) are at most 255 bytes.
const shortString = (name: string) =>
  z
    .string({ error: `'${name}' must be text` })
    .refine((s) => new TextEncoder().encode(s).length <= 255, { message: `'${name}' is at most 255 bytes` });

export const publishParamsSchema = strictParams("publish", {
  exchange: shortString("exchange").default(""),
  routingKey: z
    .string({ error: (issue) => (issue.input === undefined ? "publish needs a 'routingKey'" : "'routingKey' must be text") })
    .pipe(shortString("routingKey")),
  message: jsonValue("'message' must be text or JSON", "publish needs a 'message': text or JSON"),
  connectionId: optionalId,
}).superRefine((params, ctx) => {
  if (params.exchange === "" && params.routingKey.trim() === "") {
    ctx.addIssue({
      code: "custom",
      path: ["routingKey"],
      message: "with the default exchange, 'routingKey' is the queue's name and cannot be empty",
    });
  }
});

export type PublishParams = z.output<typeof publishParamsSchema>;
