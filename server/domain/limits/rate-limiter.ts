// Rate limits per action type and per connection that DELAY work rather than drop it (seed 10.4).
// Backed by Postgres, so every worker process shares the same buckets.
//
// Algorithm: GCRA (a token bucket stored as one number per key, the "theoretical arrival time").
// A limit of `perSecond: 10` (or `perMinute: 600`) lets a burst of up to `burst` calls (default: the
// per-period amount, e.g. 10) go at once and then one every 100 ms. Time is the database's clock,
// so workers on different machines agree.
//
// API for the engine (run-executions.ts):
//
//   const r = await reserveForAction(action.type, connectionId, { maxWaitMs: 250 });
//     (= reserveAll(actionRateLimits(type, connectionId), opts); reserve(key, limit) for one key)
//   if (r.delayMs > 0 && !r.reserved) -> put the execution back: next_attempt_at = now + r.delayMs,
//                                        same action, SAME attempt (do not count it), then call
//                                        reserveAll again when it runs.
//   if (r.reserved) -> wait r.delayMs (0 mostly) in-process, then run the action.
//
// `reserved: false` books NOTHING, so an execution that comes back later competes fairly and no
// capacity is wasted. With `{maxWaitMs}` a short wait is booked instead (reserved: true, delayMs ≤
// maxWaitMs): the caller sleeps that long and runs, which is cheaper than a re-enqueue for the
// 100 ms gaps of a per-second limit. Several keys are all-or-nothing: either every bucket is
// charged or none is.
import { withTransaction } from "../../db";
import { env } from "../../env";

export interface RateLimit {
  perSecond?: number;
  perMinute?: number;
  /** Calls allowed at once before the pacing starts; default the per-period amount (min 1). */
  burst?: number;
}

export interface KeyedLimit {
  key: string;
  limit: RateLimit;
}

export interface Reservation {
  /** 0: go now. > 0: the wait before the call may happen (see `reserved`). */
  delayMs: number;
  /** true: a slot was charged; run after `delayMs`. false: nothing charged; call again after `delayMs`. */
  reserved: boolean;
  /** The key that needs the longest wait, when there is a wait. */
  limitedBy?: string;
}

export interface ReserveOptions {
  /** A wait up to this long is booked (reserved: true) instead of refused; default 0. */
  maxWaitMs?: number;
}

interface Pace {
  /** Emission interval: ms between calls at the steady rate. */
  intervalMs: number;
  /** Burst tolerance in ms. */
  toleranceMs: number;
}

/** null when the limit is off (no rate, or a rate of 0). */
export function paceOf(limit: RateLimit): Pace | null {
  const [rate, periodMs] =
    limit.perSecond !== undefined ? [limit.perSecond, 1000] : limit.perMinute !== undefined ? [limit.perMinute, 60_000] : [0, 0];
  if (!Number.isFinite(rate) || rate <= 0) return null;
  const intervalMs = periodMs / rate;
  const burst = Math.max(1, Math.floor(limit.burst ?? rate));
  return { intervalMs, toleranceMs: intervalMs * (burst - 1) };
}

/** One key; see reserveAll. */
export function reserve(key: string, limit: RateLimit, opts: ReserveOptions = {}): Promise<Reservation> {
  return reserveAll([{ key, limit }], opts);
}

/** Charges every key's bucket for one call, or none of them (all-or-nothing). */
export async function reserveAll(limits: readonly KeyedLimit[], opts: ReserveOptions = {}): Promise<Reservation> {
  const active = new Map<string, Pace>();
  for (const { key, limit } of limits) {
    const pace = paceOf(limit);
    if (!pace) continue;
    const prev = active.get(key);
    // The same key twice: the stricter pace wins.
    if (!prev || pace.intervalMs > prev.intervalMs) active.set(key, pace);
  }
  if (active.size === 0) return { delayMs: 0, reserved: true };
  const keys = [...active.keys()].sort(); // one lock order for every caller
  const maxWaitMs = Math.max(0, opts.maxWaitMs ?? 0);

  return withTransaction(async (db) => {
    await db.query(`INSERT INTO rate_limit_bucket (key, tat) SELECT unnest($1::text[]), 0 ON CONFLICT (key) DO NOTHING`, [keys]);
    const { rows } = await db.query<{ key: string; tat: number }>(
      `SELECT key, tat FROM rate_limit_bucket WHERE key = ANY($1) ORDER BY key FOR UPDATE`,
      [keys],
    );
    // The clock is read after the row locks are held: a caller that waited for a lock sees the
    // bucket as the previous holder left it, and a "now" that is not older than that.
    const now = Number((await db.query<{ now: number }>(`SELECT extract(epoch FROM clock_timestamp()) * 1000 AS now`)).rows[0].now);
    let delayMs = 0;
    let limitedBy: string | undefined;
    const next: number[] = [];
    for (const row of rows) {
      const pace = active.get(row.key)!;
      const tat = Math.max(Number(row.tat), now);
      const allowAt = tat - pace.toleranceMs;
      const wait = allowAt - now;
      if (wait > delayMs) {
        delayMs = wait;
        limitedBy = row.key;
      }
      next.push(tat + pace.intervalMs);
    }
    delayMs = Math.ceil(delayMs);
    if (delayMs > maxWaitMs) return { delayMs, reserved: false, limitedBy };
    await db.query(
      `UPDATE rate_limit_bucket AS b SET tat = v.tat, updated_at = now()
         FROM unnest($1::text[], $2::float8[]) AS v(key, tat) WHERE b.key = v.key`,
      [rows.map((r) => r.key), next],
    );
    return delayMs > 0 ? { delayMs, reserved: true, limitedBy } : { delayMs: 0, reserved: true };
  });
}

const perTypeEnv = {
  email: "AUTOFLOW_RATE_EMAIL_PER_SECOND",
  sms: "AUTOFLOW_RATE_SMS_PER_SECOND",
  http: "AUTOFLOW_RATE_HTTP_PER_SECOND",
  publish: "AUTOFLOW_RATE_PUBLISH_PER_SECOND",
} as const;

/**
 * The limits one action attempt is subject to, from the environment: its type's rate
 * (`action:<type>`) and, when it uses a connection, the per-connection rate (`connection:<id>`).
 * Pass the connection's id when known (a rule may name it; id and name would be two buckets).
 */
export function actionRateLimits(actionType: string, connectionId?: string | null): KeyedLimit[] {
  const e = env();
  const out: KeyedLimit[] = [];
  const name = perTypeEnv[actionType as keyof typeof perTypeEnv];
  if (name && e[name] > 0) out.push({ key: `action:${actionType}`, limit: { perSecond: e[name] } });
  if (connectionId && e.AUTOFLOW_RATE_CONNECTION_PER_SECOND > 0) {
    out.push({ key: `connection:${connectionId}`, limit: { perSecond: e.AUTOFLOW_RATE_CONNECTION_PER_SECOND } });
  }
  return out;
}

/** Forgets a bucket (tests, or an admin resetting a limit). */
export async function resetRateLimit(key: string): Promise<void> {
  await withTransaction((db) => db.query(`DELETE FROM rate_limit_bucket WHERE key = $1`, [key]));
}

/** The engine's one call before an action attempt: reserveAll(actionRateLimits(type, connection)). */
export function reserveForAction(actionType: string, connectionId?: string | null, opts: ReserveOptions = {}): Promise<Reservation> {
  return reserveAll(actionRateLimits(actionType, connectionId), opts);
}
