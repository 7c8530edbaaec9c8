// What a fire job records when it runs: the misfire policy as a pure plan (Quartz's three
// instructions). It reads no clock and touches no database: the caller passes the database's
// `now`, then, inside ONE transaction, inserts every planned fire under its unique
// (rule, scheduledFor) key, creates executions for `fired`/`backfilled` ones, and enqueues `next`.
// Re-running the plan with the same inputs gives the same rows, so a retried job inserts nothing new.
//
// Every planned time up to `now` appears in the plan (fired, backfilled or missed), so a
// schedule's history has no silent gaps, within MAX_LISTED_FIRES (see `unlisted`).
import { nextFireTimes } from "./next-fires";
import {
  DEFAULT_MISFIRE_MAX_FIRES,
  DEFAULT_MISFIRE_POLICY,
  DEFAULT_MISFIRE_THRESHOLD_SECONDS,
  MAX_MISFIRE_MAX_FIRES,
  type MisfirePolicy,
  type TimeTrigger,
} from "./trigger-schema";

/** `skipped` is not produced here: the overlap policy (previous execution still running) records it. */
export type FireOutcome = "fired" | "missed" | "backfilled" | "skipped";

export interface PlannedFire {
  scheduledFor: Date;
  outcome: FireOutcome;
  reason: string;
}

export interface FirePlan {
  /** Ascending by scheduledFor; the job's own scheduledFor first unless it is among the unlisted. */
  fires: PlannedFire[];
  /** The next time to enqueue: the first planned time strictly after now (null: never again). */
  next: Date | null;
  /** True when the job ran later than misfireThresholdSeconds and the misfire policy applied. */
  misfired: boolean;
  /** Planned times before the listed ones that a very long outage left unlisted (a lower bound). */
  unlisted: number;
}

/** Fires of these outcomes start an execution. */
export function startsExecution(outcome: FireOutcome): boolean {
  return outcome === "fired" || outcome === "backfilled";
}

// A plan lists at most this many fires: one row per missed second of a week-long outage would
// bloat the history and the transaction for nothing. It is ≥ the fire_all cap's maximum so every
// backfilled fire is always listed.
export const MAX_LISTED_FIRES = MAX_MISFIRE_MAX_FIRES;
// Planned times enumerated one by one before switching to a search from `now` backwards.
const SCAN_BUDGET = 100_000;
const BATCH = 1_000;
const FIRST_BATCH = 2;

export const REASON_ON_TIME = "on time";
export const REASON_SKIPPED_BY_POLICY = "misfire: skipped by policy";
export const REASON_OVER_CAP = "over the fire_all cap";

interface MisfireSettings {
  thresholdMs: number;
  policy: MisfirePolicy;
  maxFires: number;
}

// Interval and once triggers have no misfire fields in the contract; they behave like a cron
// trigger with the defaults.
function settingsOf(trigger: TimeTrigger): MisfireSettings {
  if (trigger.type === "cron") {
    return {
      thresholdMs: (trigger.misfireThresholdSeconds ?? DEFAULT_MISFIRE_THRESHOLD_SECONDS) * 1000,
      policy: trigger.misfirePolicy ?? DEFAULT_MISFIRE_POLICY,
      maxFires: trigger.misfireMaxFires ?? DEFAULT_MISFIRE_MAX_FIRES,
    };
  }
  return {
    thresholdMs: DEFAULT_MISFIRE_THRESHOLD_SECONDS * 1000,
    policy: DEFAULT_MISFIRE_POLICY,
    maxFires: DEFAULT_MISFIRE_MAX_FIRES,
  };
}

/**
 * Planned times in (after, until], ascending, stopping once more than `limit` are found. Asks for
 * a few times first and doubles up to BATCH: a fire on time has no other due time, and computing
 * BATCH cron matches ahead cost ~4 ms per fire (bench/: 10,000 rules due at the same second).
 */
function plannedBetween(trigger: TimeTrigger, after: Date, until: Date, limit: number): { times: Date[]; complete: boolean } {
  const times: Date[] = [];
  let cursor = after;
  for (let size = FIRST_BATCH; ; size = Math.min(BATCH, size * 2)) {
    const batch = nextFireTimes(trigger, cursor, size);
    for (const t of batch) {
      if (t.getTime() > until.getTime()) return { times, complete: true };
      times.push(t);
      if (times.length > limit) return { times, complete: false };
    }
    if (batch.length < size) return { times, complete: true };
    cursor = batch[batch.length - 1];
  }
}

/**
 * The due times: scheduledFor and every planned time after it up to and including now. Returns
 * the newest MAX_LISTED_FIRES of them and how many there were in all.
 */
function dueTimes(trigger: TimeTrigger, scheduledFor: Date, now: Date): { listed: Date[]; total: number; exact: boolean } {
  const scan = plannedBetween(trigger, scheduledFor, now, SCAN_BUDGET);
  if (scan.complete) {
    const all = [scheduledFor, ...scan.times];
    return { listed: all.slice(-MAX_LISTED_FIRES), total: all.length, exact: true };
  }
  // Too many to walk: find the newest ones by searching windows that end at `now`, sized from
  // the density seen so far (halved when too dense, doubled when too sparse).
  const scanned = scan.times;
  const lastScanned = scanned[scanned.length - 1];
  const spacing = (lastScanned.getTime() - scheduledFor.getTime()) / scanned.length;
  let windowMs = Math.max(1000, spacing * MAX_LISTED_FIRES * 2);
  for (let i = 0; i < 64; i++) {
    const start = new Date(Math.max(lastScanned.getTime(), now.getTime() - windowMs));
    const tail = plannedBetween(trigger, start, now, MAX_LISTED_FIRES * 4);
    if (!tail.complete) {
      windowMs /= 2;
      continue;
    }
    if (tail.times.length >= MAX_LISTED_FIRES || start.getTime() === lastScanned.getTime()) {
      const listed = [...scanned, ...tail.times].slice(-MAX_LISTED_FIRES);
      // scheduledFor + the scanned ones + the tail; whatever lies between is counted as unknown.
      return { listed, total: 1 + scanned.length + tail.times.length, exact: start.getTime() === lastScanned.getTime() };
    }
    windowMs *= 2;
  }
  return { listed: scanned.slice(-MAX_LISTED_FIRES), total: 1 + scanned.length, exact: false };
}

/**
 * Plans the fires for a fire job that was scheduled for `scheduledFor` and runs at `now`
 * (database time). On time (now − scheduledFor ≤ misfireThresholdSeconds): every due time fires.
 * Otherwise every due time is a missed fire handled by the policy:
 * - fire_once: one execution now, for the latest missed time; the others are recorded `missed`;
 * - fire_all: each is `backfilled`, the newest misfireMaxFires of them, older ones `missed`
 *   (when a cap drops fires, the recent ones are the ones whose results still matter);
 * - skip: all `missed`, nothing runs.
 */
export function planFires(trigger: TimeTrigger, scheduledFor: Date, now: Date): FirePlan {
  const { thresholdMs, policy, maxFires } = settingsOf(trigger);
  // A job that runs early (clock skew between processes) must not enqueue its own time again.
  const horizon = new Date(Math.max(now.getTime(), scheduledFor.getTime()));
  const next = nextFireTimes(trigger, horizon, 1)[0] ?? null;
  const due = dueTimes(trigger, scheduledFor, now);
  const unlisted = due.total - due.listed.length;
  const misfired = now.getTime() - scheduledFor.getTime() > thresholdMs;

  if (!misfired) {
    const fires = due.listed.map((t) => ({ scheduledFor: t, outcome: "fired" as const, reason: REASON_ON_TIME }));
    return { fires, next, misfired, unlisted };
  }

  const count = due.exact ? `${due.total}` : `more than ${due.total}`;
  const latest = due.listed[due.listed.length - 1];
  const fires: PlannedFire[] = due.listed.map((t, i) => {
    const fromNewest = due.listed.length - 1 - i;
    switch (policy) {
      case "fire_once":
        return t === latest
          ? { scheduledFor: t, outcome: "fired", reason: `misfire: fired once for ${count} missed fires` }
          : { scheduledFor: t, outcome: "missed", reason: `misfire: covered by the one fire for ${latest.toISOString()}` };
      case "fire_all":
        return fromNewest < maxFires
          ? { scheduledFor: t, outcome: "backfilled", reason: "misfire: backfilled by policy fire_all" }
          : { scheduledFor: t, outcome: "missed", reason: REASON_OVER_CAP };
      case "skip":
        return { scheduledFor: t, outcome: "missed", reason: REASON_SKIPPED_BY_POLICY };
    }
  });
  return { fires, next, misfired, unlisted };
}
