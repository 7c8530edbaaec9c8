// Alert rules as documents: a kind with its parameters (what to watch), an optional scope (one
// automation rule), and channels (where notices go). One zod schema validates the API, the form
// and every stored row read back.
import { z } from "zod";
import { roleSchema } from "../../auth/roles";

export const alertKinds = ["failure_rate", "consecutive_failures", "missed_schedule", "queue_backlog", "worker_count"] as const;
export type AlertKind = (typeof alertKinds)[number];

const seconds = (min: number, max: number, dflt: number, what: string) =>
  z.number({ error: `'${what}' must be a number of seconds` }).int().min(min, `'${what}' is at least ${min}`).max(max, `'${what}' is at most ${max}`).default(dflt);

// After an incident resolves, the same alert opens no new one for this long: a condition that
// flaps costs at most one firing/recovery pair per cooldown, not one per evaluation.
const cooldown = { cooldownSeconds: seconds(0, 86_400, 300, "cooldownSeconds") };

export const paramsByKind = {
  // Failed / (succeeded + failed) executions finished in the window, once at least minExecutions finished.
  failure_rate: z.object({
    threshold: z.number({ error: "'threshold' is a fraction between 0 and 1 (0.5 = 50 %)" }).gt(0).max(1),
    windowSeconds: seconds(60, 86_400, 300, "windowSeconds"),
    minExecutions: z.number().int().min(1).max(1_000_000).default(5),
    ...cooldown,
  }),
  // The rule's last `count` finished executions all failed.
  consecutive_failures: z.object({ count: z.number().int().min(2).max(100).default(3), ...cooldown }),
  // Dead-man's switch: a time rule's booked fire is more than graceSeconds late, or fires were
  // recorded `missed` (after an outage) in the last windowSeconds.
  missed_schedule: z.object({
    graceSeconds: seconds(30, 86_400, 300, "graceSeconds"),
    windowSeconds: seconds(30, 86_400, 600, "windowSeconds"),
    ...cooldown,
  }),
  // The oldest ready job has waited longer than maxAgeSeconds (or more than maxDepth are ready).
  queue_backlog: z.object({ maxAgeSeconds: seconds(10, 86_400, 300, "maxAgeSeconds"), maxDepth: z.number().int().min(1).optional(), ...cooldown }),
  // Fewer live worker processes than minWorkers.
  worker_count: z.object({ minWorkers: z.number().int().min(1).max(1_000).default(1), ...cooldown }),
} as const satisfies Record<AlertKind, z.ZodObject>;

/** Kinds that watch automation rules accept a `ruleId` scope; the others are system-wide. */
export const scopedKinds: readonly AlertKind[] = ["failure_rate", "consecutive_failures", "missed_schedule"];

export const channelInput = z.discriminatedUnion("type", [
  z.object({
    type: z.literal("email"),
    to: z.array(z.email({ error: "'to' holds email addresses" })).min(1, "an email channel needs at least one address in 'to'").max(20),
    // An smtp connection; without it SMTP_URL, else the dev mailbox.
    connectionId: z.uuid().optional(),
  }),
  z.object({
    type: z.literal("webhook"),
    url: z.url({ protocol: /^https?$/, error: "'url' must be an http(s) URL" }).max(2000),
    // Signs each call (X-Autoflow-Signature, as for webhook rules). Write-only: answers say hasSecret.
    // Leaving it out on an update keeps the secret stored for the same URL.
    secret: z.string().min(16, "'secret' is at least 16 characters").max(256).optional(),
  }),
  z.object({ type: z.literal("in_app"), role: roleSchema.default("operator") }),
]);
export type ChannelInput = z.infer<typeof channelInput>;

/** A channel as stored: the webhook secret only as ciphertext. */
export type StoredChannel =
  | { type: "email"; to: string[]; connectionId?: string }
  | { type: "webhook"; url: string; secretEnc?: string }
  | { type: "in_app"; role: z.infer<typeof roleSchema> };

export const alertDocument = z
  .object({
    name: z.string({ error: "an alert needs a 'name'" }).trim().min(1, "an alert needs a 'name'").max(200),
    description: z.string().max(2000).nullish(),
    enabled: z.boolean().default(true),
    kind: z.enum(alertKinds, { error: `'kind' is one of ${alertKinds.join(", ")}` }),
    ruleId: z.uuid({ error: "'ruleId' is a rule id" }).nullish(),
    params: z.record(z.string(), z.unknown()).default({}),
    channels: z.array(channelInput).min(1, "an alert needs at least one channel").max(10),
  })
  .superRefine((doc, ctx) => {
    if (doc.ruleId && !scopedKinds.includes(doc.kind)) {
      ctx.addIssue({ code: "custom", path: ["ruleId"], message: `a ${doc.kind} alert watches the whole system: leave out 'ruleId'` });
    }
    const parsed = paramsByKind[doc.kind].safeParse(doc.params);
    if (!parsed.success) {
      for (const i of parsed.error.issues) ctx.addIssue({ code: "custom", path: ["params", ...i.path.map(String)], message: i.message });
    }
  })
  .transform((doc) => ({ ...doc, params: paramsByKind[doc.kind].parse(doc.params) as Record<string, unknown> }));
export type AlertDocument = z.infer<typeof alertDocument>;

export type AlertParams<K extends AlertKind> = z.infer<(typeof paramsByKind)[K]>;
