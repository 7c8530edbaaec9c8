// The trigger part of the rule document (product contract §4). One zod schema serves the API's
// validation (its issue paths become `trigger.cron`, `trigger.timezone`…), the builder's forms and
// the runtime re-check of stored rules, so messages are written for the person editing the rule.
//
// Objects are strict: a misspelt key ("timeZone", "every") would otherwise be dropped silently
// and the rule would run on a default the author never chose.
import { z } from "zod";
import { cronSyntaxError, parseCronCached } from "./cron-expression";
import { nextLocalMatch } from "./cron";
import { durationSchema } from "./duration";
import { isValidTimeZone, timeZoneError } from "./zone-offset";
import { isStorableInstant, STORABLE_INSTANT_MESSAGE } from "../shared/time";

export const MISFIRE_POLICIES = ["fire_once", "fire_all", "skip"] as const;
export const OVERLAP_POLICIES = ["allow", "skip", "queue"] as const;
export const THRESHOLD_OPS = [">", ">=", "<", "<=", "==", "!="] as const;
/** Metrics a threshold rule can watch; each is computed by the threshold evaluator. */
export const THRESHOLD_METRICS = ["failure_rate", "queue_depth", "event_count", "http_json"] as const;

export const DEFAULT_TIMEZONE = "UTC";
export const DEFAULT_MISFIRE_POLICY = "fire_once" as const;
export const DEFAULT_MISFIRE_THRESHOLD_SECONDS = 60;
export const DEFAULT_MISFIRE_MAX_FIRES = 100;
export const MAX_MISFIRE_MAX_FIRES = 1000;

// Event names travel through URLs, AMQP routing keys and logs; keep them to a safe alphabet.
const EVENT_NAME = /^[A-Za-z0-9_.:-]+$/;
const eventNameSchema = z
  .string()
  .min(1, "event name is required")
  .max(200, "event name is at most 200 characters")
  .regex(EVENT_NAME, "event name may only contain letters, digits and _ . : -");

// Instants must carry an offset: "2026-12-24T09:00:00" alone would silently mean UTC.
const instantSchema = z
  .iso.datetime({
    offset: true,
    error: "use an ISO 8601 date-time with an offset, e.g. 2026-12-24T09:00:00+08:00 or 2026-12-24T01:00:00Z",
  })
  .refine(isStorableInstant, STORABLE_INSTANT_MESSAGE);

const cronExpressionSchema = z
  .string()
  .trim()
  .max(200, "cron expression is at most 200 characters")
  .superRefine((expr, ctx) => {
    const syntax = cronSyntaxError(expr);
    if (syntax) {
      ctx.addIssue({ code: "custom", message: syntax });
      return;
    }
    // Syntax can be fine and the calendar still say never (Feb 30 on a Monday-only AND, etc.).
    if (nextLocalMatch(parseCronCached(expr), Date.UTC(2000, 0, 1)) === null) {
      ctx.addIssue({ code: "custom", message: "cron expression never fires: no date matches all of its fields" });
    }
  });

const timeZoneSchema = z
  .string()
  .trim()
  .superRefine((tz, ctx) => {
    if (!isValidTimeZone(tz)) ctx.addIssue({ code: "custom", message: timeZoneError(tz) });
  });

export const cronTriggerSchema = z.strictObject({
  type: z.literal("cron"),
  cron: cronExpressionSchema,
  timezone: timeZoneSchema.default(DEFAULT_TIMEZONE),
  misfirePolicy: z.enum(MISFIRE_POLICIES).default(DEFAULT_MISFIRE_POLICY),
  misfireThresholdSeconds: z.number().int().min(0).max(86_400).default(DEFAULT_MISFIRE_THRESHOLD_SECONDS),
  overlapPolicy: z.enum(OVERLAP_POLICIES).default("allow"),
  /** Cap on executions a `fire_all` catch-up may start at once (a long outage must not flood). */
  misfireMaxFires: z.number().int().min(1).max(MAX_MISFIRE_MAX_FIRES).default(DEFAULT_MISFIRE_MAX_FIRES),
});

export const intervalTriggerSchema = z.strictObject({
  type: z.literal("interval"),
  everySeconds: z.number().int().min(1).max(31_536_000, "everySeconds is at most 31536000 (one year)"),
  /** Fires are aligned to startAt (first fire at startAt); without it, to multiples of the period since the epoch. */
  startAt: instantSchema.optional(),
});

export const onceTriggerSchema = z.strictObject({
  type: z.literal("once"),
  at: instantSchema,
});

export const eventTriggerSchema = z.strictObject({
  type: z.literal("event"),
  event: eventNameSchema,
});

export const webhookTriggerSchema = z.strictObject({
  type: z.literal("webhook"),
});

export const thresholdTriggerSchema = z
  .strictObject({
    type: z.literal("threshold"),
    metric: z.enum(THRESHOLD_METRICS, { error: `metric must be one of ${THRESHOLD_METRICS.join(", ")}` }),
    op: z.enum(THRESHOLD_OPS),
    value: z.number(),
    everySeconds: z.number().int().min(5, "everySeconds is at least 5").default(60),
    /** After firing, the rule stays quiet this long even if the metric stays past the threshold. */
    cooldownSeconds: z.number().int().min(0).default(3600),
    /** The look-back window of rate/count metrics, e.g. "5m". */
    window: durationSchema.optional(),
    /** Which events `event_count` counts. */
    eventType: eventNameSchema.optional(),
    /** `http_json`: the URL to GET and the path of the number in its JSON answer. */
    url: z.url({ protocol: /^https?$/, error: "url must be an http(s) URL" }).optional(),
    jsonPath: z.string().trim().min(1).max(500).optional(),
  })
  .superRefine((t, ctx) => {
    if (t.metric === "event_count" && !t.eventType) {
      ctx.addIssue({ code: "custom", path: ["eventType"], message: "metric event_count needs eventType (the event name to count)" });
    }
    if (t.metric === "http_json") {
      if (!t.url) ctx.addIssue({ code: "custom", path: ["url"], message: "metric http_json needs url (the JSON endpoint to read)" });
      if (!t.jsonPath) {
        ctx.addIssue({ code: "custom", path: ["jsonPath"], message: "metric http_json needs jsonPath (e.g. $.data.count)" });
      }
    }
  });

export const triggerSchema = z.discriminatedUnion("type", [
  cronTriggerSchema,
  intervalTriggerSchema,
  onceTriggerSchema,
  eventTriggerSchema,
  webhookTriggerSchema,
  thresholdTriggerSchema,
]);

export type Trigger = z.infer<typeof triggerSchema>;
export type TriggerInput = z.input<typeof triggerSchema>;
export type TriggerType = Trigger["type"];
export type CronTrigger = z.infer<typeof cronTriggerSchema>;
export type IntervalTrigger = z.infer<typeof intervalTriggerSchema>;
export type OnceTrigger = z.infer<typeof onceTriggerSchema>;
export type EventTrigger = z.infer<typeof eventTriggerSchema>;
export type WebhookTrigger = z.infer<typeof webhookTriggerSchema>;
export type ThresholdTrigger = z.infer<typeof thresholdTriggerSchema>;
export type TimeTrigger = CronTrigger | IntervalTrigger | OnceTrigger;
export type MisfirePolicy = (typeof MISFIRE_POLICIES)[number];
export type OverlapPolicy = (typeof OVERLAP_POLICIES)[number];
export type ThresholdMetric = (typeof THRESHOLD_METRICS)[number];
export type ThresholdOp = (typeof THRESHOLD_OPS)[number];

/** Triggers the scheduler owns (one pending fire job each), as opposed to ones fired from outside. */
export function isTimeTrigger(t: Trigger): t is TimeTrigger {
  return t.type === "cron" || t.type === "interval" || t.type === "once";
}
