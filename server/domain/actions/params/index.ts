import { z } from "zod";
import { actionTypes, type ActionType } from "./action-types";
import { delayParamsSchema } from "./delay";
import { emailParamsSchema } from "./email";
import { emitEventParamsSchema } from "./emit-event";
import { httpParamsSchema } from "./http";
import { notifyParamsSchema } from "./notify";
import { publishParamsSchema } from "./publish";
import { smsParamsSchema } from "./sms";
import { updateContactParamsSchema } from "./update-contact";
import { shownValue } from "../../shared/storable-text";

/**
 * The action params contract: one schema per action type, and `actionSchema` for an
 * entry of a rule's `actions` list. The same schemas drive the builder's forms, the
 * API's validation and the runtime's re-check of stored documents.
 *
 * `actionParamsSchemas` is typed per key (not just Record<ActionType, ZodType>) so
 * callers get each action's params type; `satisfies` makes a new action type fail to
 * compile until it has a schema here.
 */

export { actionTypes, type ActionType } from "./action-types";
export { actionMeta, type ActionMeta } from "./action-meta";
export type { DelayParams } from "./delay";
export type { EmailParams } from "./email";
export type { EmitEventParams } from "./emit-event";
export type { HttpParams } from "./http";
export type { NotifyParams } from "./notify";
export type { PublishParams } from "./publish";
export type { SmsParams } from "./sms";
export type { UpdateContactParams } from "./update-contact";

export const actionParamsSchemas = {
  email: emailParamsSchema,
  sms: smsParamsSchema,
  http: httpParamsSchema,
  update_contact: updateContactParamsSchema,
  notify: notifyParamsSchema,
  publish: publishParamsSchema,
  emit_event: emitEventParamsSchema,
  delay: delayParamsSchema,
} satisfies Record<ActionType, z.ZodType>;

/** The parsed params of one action type. */
export type ActionParams<T extends ActionType> = z.output<(typeof actionParamsSchemas)[T]>;

/** Bounds of the per-action timeout, which caps one attempt of any action. */
export const actionTimeoutLimits = { minMs: 100, maxMs: 3_600_000 } as const;

function actionEntry<T extends ActionType, S extends z.ZodType>(type: T, params: S) {
  return z.strictObject(
    {
      type: z.literal(type),
      params,
      name: z
        .string({ error: "an action's 'name' must be text" })
        .trim()
        .max(100, { message: "an action's 'name' is at most 100 characters" })
        .optional(),
      timeoutMs: z
        .number({ error: "an action's 'timeoutMs' must be a number of milliseconds" })
        .int({ message: "an action's 'timeoutMs' must be a whole number of milliseconds" })
        .min(actionTimeoutLimits.minMs, { message: `an action's 'timeoutMs' must be from ${actionTimeoutLimits.minMs} to ${actionTimeoutLimits.maxMs}` })
        .max(actionTimeoutLimits.maxMs, { message: `an action's 'timeoutMs' must be from ${actionTimeoutLimits.minMs} to ${actionTimeoutLimits.maxMs}` })
        .optional(),
    },
    {
      error: (issue) =>
        issue.code === "unrecognized_keys"
          ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")} in an action: it takes type, params, name, timeoutMs`
          : undefined,
    },
  );
}

/** One entry of a rule's `actions`: {type, params, name?, timeoutMs?}. */
export const actionSchema = z.discriminatedUnion(
  "type",
  [
    actionEntry("email", emailParamsSchema),
    actionEntry("sms", smsParamsSchema),
    actionEntry("http", httpParamsSchema),
    actionEntry("update_contact", updateContactParamsSchema),
    actionEntry("notify", notifyParamsSchema),
    actionEntry("publish", publishParamsSchema),
    actionEntry("emit_event", emitEventParamsSchema),
    actionEntry("delay", delayParamsSchema),
  ],
  {
    error: (issue) => {
      if (issue.code !== "invalid_union") return "an action is an object: {type, params}";
      const type = (issue.input as { type?: unknown } | undefined)?.type;
      return type === undefined
        ? `an action needs a 'type': ${actionTypes.join(", ")}`
        : `unknown action type '${shownValue(type)}': use ${actionTypes.join(", ")}`;
    },
  },
);

export type Action = z.output<typeof actionSchema>;
