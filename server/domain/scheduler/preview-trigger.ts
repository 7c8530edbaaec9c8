import { z } from "zod";
import { AppError, invalidDocument } from "../../errors";
import { triggerSchema } from "../triggers/trigger-schema";
import { nextFireTimes } from "../triggers/next-fires";
import { isStorableInstant, STORABLE_INSTANT_MESSAGE } from "../shared/time";

export const previewInput = z.object({
  trigger: z.unknown(),
  from: z.iso.datetime({ offset: true }).refine(isStorableInstant, STORABLE_INSTANT_MESSAGE).optional(),
  count: z.number().int().min(1).max(100).default(5),
});

/** The next fire times of a trigger after `from` (default now), for the builder and the API. */
export function previewTrigger(input: z.input<typeof previewInput>) {
  const q = previewInput.parse(input);
  const parsed = triggerSchema.safeParse(q.trigger);
  if (!parsed.success) throw invalidDocument(parsed.error, "trigger");
  const t = parsed.data;
  if (t.type !== "cron" && t.type !== "interval" && t.type !== "once") {
    throw new AppError("INVALID_DOCUMENT", `a ${t.type} trigger has no schedule to preview`, [{ path: "trigger.type", message: "use cron, interval or once" }]);
  }
  const from = q.from ? new Date(q.from) : new Date();
  return { items: nextFireTimes(t, from, q.count).map((d) => d.toISOString()) };
}
