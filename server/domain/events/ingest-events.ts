// The one door every event goes through (REST, RabbitMQ, emit_event action): insert the events
// (a repeated id is a no-op) and enqueue their dispatch in the same transaction, so an accepted
// event can never be lost and a duplicate can never dispatch twice.
import crypto from "node:crypto";
import type { Queryable } from "../../db";
import { genericPlanPool } from "../../db";
import type { EventInput } from "./event-schema";

export const DISPATCH_BATCH = 500;

export interface IngestResult {
  accepted: number;
  duplicates: number;
  ids: string[];
}

interface EventRow {
  event_id: string;
  type: string;
  payload: unknown;
  occurred_at: string | null;
  source: string;
  depth: number;
}

function toRows(events: EventInput[], source: string, depth: number): EventRow[] {
  return events.map((e) => ({
    event_id: e.id ?? crypto.randomUUID(),
    type: e.type,
    payload: e.payload ?? {},
    occurred_at: e.occurredAt ?? null,
    source,
    depth,
  }));
}

// One statement: insert the events (a repeated id is skipped) and enqueue their dispatch in
// chunks of DISPATCH_BATCH — atomic on its own, so it needs no transaction around it, costs one
// round trip, and a caller's bare pool (an action's ctx.db) can never commit the events without
// their dispatch job. Rows go in one order (by event id) in every statement: two statements
// inserting overlapping ids (the same events delivered twice at once) wait for each other
// instead of deadlocking.
const INGEST_SQL = `
  WITH ins AS (
    INSERT INTO event (event_id, type, payload, source, depth, occurred_at)
    SELECT x.event_id, x.type, x.payload, x.source, x.depth, COALESCE(x.occurred_at, now())
      FROM jsonb_to_recordset($1::jsonb) AS x(event_id text, type text, payload jsonb, occurred_at timestamptz, source text, depth int)
     ORDER BY x.event_id
    ON CONFLICT (event_id) DO NOTHING
    RETURNING id, event_id
  ), chunks AS (
    SELECT json_build_object('identifier', 'dispatch', 'payload', json_build_object('eventIds', json_agg(id::text ORDER BY id)),
                             'priority', 0, 'max_attempts', 25) AS spec
      FROM (SELECT id, (row_number() OVER (ORDER BY id) - 1) / $2::int AS n FROM ins) c
     GROUP BY n
  )
  SELECT id::text AS id, event_id,
         (SELECT count(*) FROM graphile_worker.add_jobs(
            array(SELECT json_populate_record(null::graphile_worker.job_spec, spec) FROM chunks))) AS jobs
    FROM ins`;

/**
 * Inserts the events of several callers in one statement and enqueues their dispatch; returns each
 * caller's result. A repeated id is accepted once: by the first caller (in order) that sent it.
 */
async function ingestGroupIn(db: Queryable, groups: EventRow[][]): Promise<IngestResult[]> {
  const all = groups.flat();
  // Named: planned once per connection where the session plans once (genericPlanPool, see server/db).
  const { rows: inserted } = await db.query<{ id: string; event_id: string }>({ name: "autoflow_ingest", text: INGEST_SQL, values: [JSON.stringify(all), DISPATCH_BATCH] });
  const unclaimed = new Map(inserted.map((r) => [r.event_id, r.id]));
  return groups.map((rows) => {
    const ids: string[] = [];
    for (const r of rows) {
      const id = unclaimed.get(r.event_id);
      if (id === undefined) continue;
      ids.push(id);
      unclaimed.delete(r.event_id);
    }
    return { accepted: ids.length, duplicates: rows.length - ids.length, ids };
  });
}

export async function ingestEventsIn(
  db: Queryable,
  events: EventInput[],
  source: string,
  depth = 0,
): Promise<IngestResult> {
  if (events.length === 0) return { accepted: 0, duplicates: 0, ids: [] };
  return (await ingestGroupIn(db, [toRows(events, source, depth)]))[0];
}

// Group commit for the doors that own their transaction (REST, RabbitMQ). Every transaction that
// enqueues a job sends a NOTIFY, and Postgres serialises the commits of notifying transactions
// (one queue lock held through the commit's WAL flush); one event per request at 20 requests at
// once measured ~120 events/s that way (bench/). So concurrent callers share a transaction: a call
// that arrives while MAX_GROUPS_IN_FLIGHT transactions are committing waits and goes with the next
// one, together with everything else that arrived meanwhile (no added wait when the door is idle).
// Each caller is answered only after the shared commit; a failed group is retried caller by caller,
// so one caller's bad input cannot fail another's events.
const GROUP_MAX_EVENTS = 2_000;
const MAX_GROUPS_IN_FLIGHT = 1;
interface Waiting {
  rows: EventRow[];
  resolve: (r: IngestResult) => void;
  reject: (err: unknown) => void;
}
// On globalThis: the web process loads this module twice (Next's bundle, and the ingest fast path
// of server/web/ingest-fast-path.ts); both copies feed one queue, so their callers share commits too.
const g = globalThis as unknown as { __autoflowIngest?: { waiting: Waiting[]; inFlight: number } };
const state = (g.__autoflowIngest ??= { waiting: [], inFlight: 0 });
const waiting = state.waiting;

function drain(): void {
  while (state.inFlight < MAX_GROUPS_IN_FLIGHT && waiting.length > 0) {
    const group = [waiting.shift()!];
    let n = group[0].rows.length;
    while (waiting.length > 0 && n + waiting[0].rows.length <= GROUP_MAX_EVENTS) {
      n += waiting[0].rows.length;
      group.push(waiting.shift()!);
    }
    state.inFlight++;
    void commitGroup(group).finally(() => {
      state.inFlight--;
      drain();
    });
  }
}

async function commitGroup(group: Waiting[]): Promise<void> {
  try {
    const results = await ingestGroupIn(genericPlanPool(), group.map((g) => g.rows));
    group.forEach((g, i) => g.resolve(results[i]));
  } catch (err) {
    if (group.length === 1) return group[0].reject(err);
    await Promise.all(
      group.map(async (g) => {
        try {
          g.resolve((await ingestGroupIn(genericPlanPool(), [g.rows]))[0]);
        } catch (e) {
          g.reject(e);
        }
      }),
    );
  }
}

export function ingestEvents(events: EventInput[], source: string, depth = 0): Promise<IngestResult> {
  if (events.length === 0) return Promise.resolve({ accepted: 0, duplicates: 0, ids: [] });
  const rows = toRows(events, source, depth);
  return new Promise((resolve, reject) => {
    waiting.push({ rows, resolve, reject });
    drain();
  });
}
