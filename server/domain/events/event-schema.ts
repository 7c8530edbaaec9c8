import { z } from "zod";
import { inputProblem } from "../shared/storable-text";
import { isStorableInstant, STORABLE_INSTANT_MESSAGE } from "../shared/time";

export const MAX_EVENTS_PER_REQUEST = 1000;
export const eventTypeSchema = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[A-Za-z0-9_.:-]+$/, "event type may use letters, digits and _ . : - only");

export const eventInputSchema = z
  .object({
    type: eventTypeSchema,
    id: z.string().min(1).max(200).optional(),
    payload: z.record(z.string(), z.unknown()).default({}),
    occurredAt: z.iso.datetime({ offset: true }).refine(isStorableInstant, STORABLE_INSTANT_MESSAGE).optional(),
  })
  .strict()
  // NUL, unpaired surrogates and absurd nesting cannot be stored: refused here, so a queued event
  // carrying them goes to the dead-letter queue instead of failing on every redelivery.
  .superRefine((e, ctx) => {
    const bad = inputProblem(e);
    if (bad) ctx.addIssue({ code: "custom", path: bad.path.split(".").slice(0, 20), message: bad.message });
  });

export const postEventsSchema = z.union([
  eventInputSchema,
  z.object({ events: z.array(eventInputSchema).min(1).max(MAX_EVENTS_PER_REQUEST, `at most ${MAX_EVENTS_PER_REQUEST} events per request`) }).strict(),
]);

export type EventInput = z.infer<typeof eventInputSchema>;
