// The one door every event goes through (REST, RabbitMQ, emit_event action): insert the events
// (a repeated id is a no-op) and enqueue their dispatch in the same transaction, so an accepted
// event can never be lost and a duplicate can never dispatch twice.
import crypto from "node:crypto";
import type { Queryable } from "../../db";
import { withTransaction } from "../../db";
import { addJobs } from "../../jobs/add-jobs";
import type { EventInput } from "./event-schema";

export const DISPATCH_BATCH = 500;

export interface IngestResult {
  accepted: number;
  duplicates: number;
  ids: string[];
}

export async function ingestEventsIn(
  db: Queryable,
  events: EventInput[],
  source: string,
  depth = 0,
): Promise<IngestResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, ids: [] };
  const rows = events.map((e) => ({
    event_id: e.id ?? crypto.randomUUID(),
    type: e.type,
    payload: e.payload ?? {},
    occurred_at: e.occurredAt ?? null,
  }));
  const { rows: inserted } = await db.query<{ id: string }>(
    `INSERT INTO event (event_id, type, payload, source, depth, occurred_at)
     SELECT x.event_id, x.type, x.payload, $2, $3, COALESCE(x.occurred_at, now())
       FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, type text, payload jsonb, occurred_at timestamptz)
     ON CONFLICT (event_id) DO NOTHING
     RETURNING id`,
    [JSON.stringify(rows), source, depth],
  );
  const ids = inserted.map((r) => r.id);
  const jobs = [];
  for (let i = 0; i < ids.length; i += DISPATCH_BATCH) {
    jobs.push({ task: "dispatch" as const, payload: { eventIds: ids.slice(i, i + DISPATCH_BATCH) } });
  }
  await addJobs(db, jobs);
  return { accepted: ids.length, duplicates: events.length - ids.length, ids };
}

export function ingestEvents(events: EventInput[], source: string, depth = 0): Promise<IngestResult> {
  return withTransaction((db) => ingestEventsIn(db, events, source, depth));
}
