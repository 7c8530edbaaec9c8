import { AppError, invalidDocument } from "../../errors";
import { MAX_EVENTS_PER_REQUEST, postEventsSchema } from "./event-schema";
import { ingestEvents } from "./ingest-events";

/** POST /events: one event or {events: [...]} (≤ 1000) → 202 {accepted, duplicates}. */
export async function postEvents(body: unknown, source: string) {
  if (body && typeof body === "object" && Array.isArray((body as { events?: unknown }).events)) {
    const n = (body as { events: unknown[] }).events.length;
    if (n > MAX_EVENTS_PER_REQUEST) throw new AppError("PAYLOAD_TOO_LARGE", `${n} events in one request; the limit is ${MAX_EVENTS_PER_REQUEST}`);
  }
  const parsed = postEventsSchema.safeParse(body);
  if (!parsed.success) throw invalidDocument(parsed.error, "event");
  const events = "events" in parsed.data ? parsed.data.events : [parsed.data];
  const r = await ingestEvents(events, source);
  return { accepted: r.accepted, duplicates: r.duplicates };
}
