// Load generators: events POSTed over HTTP, in batches or one per request, at full speed or paced.
// Every 2xx'd event id is recorded; a failed request is retried (same ids) a bounded number of times.
import type { ApiClient } from "./http-client";
import { sleep } from "./stats";

export interface LoadResult {
  requests: number;
  events: number;
  acceptedIds: string[];
  accepted: number;
  duplicates: number;
  non2xx: Record<string, number>;
  failedRequests: number;
  requestMs: number[];
  startedAt: number;
  endedAt: number;
}

/** Anything that answers POST /events: the HTTP client, or the REST handler in-process (tests). */
export type EventDoor = Pick<ApiClient, "request">;

export interface LoadOptions {
  client: EventDoor;
  type: string;
  total: number;
  perRequest: number;
  concurrency: number;
  idPrefix: string;
  /** events per second; omitted = as fast as the server answers */
  rate?: number;
  /** stop sending after this long even if not all were sent */
  maxMs?: number;
  retries?: number;
  payload?: (i: number) => Record<string, unknown>;
  /** events sent in one request can be given explicitly (duplicate-delivery scenario) */
  ids?: string[];
}

export async function sendEvents(o: LoadOptions): Promise<LoadResult> {
  const ids = o.ids ?? Array.from({ length: o.total }, (_, i) => `${o.idPrefix}-${i}`);
  const res: LoadResult = {
    requests: 0,
    events: 0,
    acceptedIds: [],
    accepted: 0,
    duplicates: 0,
    non2xx: {},
    failedRequests: 0,
    requestMs: [],
    startedAt: Date.now(),
    endedAt: 0,
  };
  const maxMs = o.maxMs ?? 30 * 60_000;
  const retries = o.retries ?? 5;
  let next = 0;
  const startedPerf = performance.now();
  const take = (): string[] | null => {
    if (next >= ids.length || Date.now() - res.startedAt > maxMs) return null;
    let n = o.perRequest;
    if (o.rate) {
      // Paced: no further ahead than rate × elapsed.
      const allowed = Math.floor((o.rate * (performance.now() - startedPerf)) / 1000) - next;
      if (allowed <= 0) return [];
      n = Math.min(n, allowed);
    }
    const batch = ids.slice(next, next + n);
    next += batch.length;
    return batch;
  };
  const sendOne = async (batch: string[]) => {
    const events = batch.map((id) => ({ type: o.type, id, payload: o.payload ? o.payload(Number(id.split("-").pop())) : { n: id } }));
    const body = events.length === 1 ? events[0] : { events };
    for (let attempt = 0; attempt <= retries; attempt++) {
      res.requests++;
      try {
        const r = await o.client.request("POST", "/events", body, 120_000);
        res.requestMs.push(r.ms);
        if (r.status >= 200 && r.status < 300) {
          res.events += batch.length;
          res.accepted += r.body.accepted;
          res.duplicates += r.body.duplicates;
          for (const e of events) res.acceptedIds.push(e.id);
          return;
        }
        res.non2xx[r.status] = (res.non2xx[r.status] ?? 0) + 1;
      } catch (err) {
        const k = (err as Error).message.slice(0, 60);
        res.non2xx[k] = (res.non2xx[k] ?? 0) + 1;
      }
      await sleep(Math.min(5_000, 200 * 2 ** attempt));
    }
    res.failedRequests++;
  };
  const lanes = Array.from({ length: o.concurrency }, async () => {
    for (let guard = 0; guard < 10_000_000; guard++) {
      const batch = take();
      if (batch === null) return;
      if (batch.length === 0) {
        await sleep(2);
        continue;
      }
      await sendOne(batch);
    }
  });
  await Promise.all(lanes);
  res.endedAt = Date.now();
  return res;
}
