import { z } from "zod";

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
    occurredAt: z.iso.datetime({ offset: true }).optional(),
  })
  .strict();

export const postEventsSchema = z.union([
  eventInputSchema,
  z.object({ events: z.array(eventInputSchema).min(1).max(MAX_EVENTS_PER_REQUEST, `at most ${MAX_EVENTS_PER_REQUEST} events per request`) }).strict(),
]);

export type EventInput = z.infer<typeof eventInputSchema>;
