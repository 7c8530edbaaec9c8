// Planned fire times of any trigger: what the scheduler enqueues, the misfire planner replays and
// `POST /triggers/preview` shows. Triggers fired from outside (event, webhook, threshold) have no
// schedule and answer an empty list.
import { nextCronFires } from "./cron";
import type { IntervalTrigger, Trigger } from "./trigger-schema";

/** Up to `count` planned fire times strictly after `from`, ascending. */
export function nextFireTimes(trigger: Trigger, from: Date, count: number): Date[] {
  const wanted = Math.floor(count);
  if (!(wanted > 0) || Number.isNaN(from.getTime())) return [];
  switch (trigger.type) {
    case "cron":
      return nextCronFires(trigger.cron, trigger.timezone ?? "UTC", from, wanted);
    case "interval":
      return nextIntervalFires(trigger, from, wanted);
    case "once": {
      const at = new Date(trigger.at);
      return at.getTime() > from.getTime() ? [at] : [];
    }
    default:
      return [];
  }
}

/**
 * Interval fires sit on a fixed grid, start + k·period, rather than "period after the last run":
 * a late or slow run then never shifts every later fire, and any process computes the same times.
 * With `startAt` the grid starts there (nothing before it); without, it is anchored at the epoch,
 * so "every 3600 s" fires on the hour (UTC).
 */
function nextIntervalFires(trigger: IntervalTrigger, from: Date, count: number): Date[] {
  const period = trigger.everySeconds * 1000;
  const anchor = trigger.startAt ? Date.parse(trigger.startAt) : 0;
  let k = Math.floor((from.getTime() - anchor) / period) + 1;
  if (trigger.startAt && k < 0) k = 0;
  const out: Date[] = [];
  for (let i = 0; i < count; i++) out.push(new Date(anchor + (k + i) * period));
  return out;
}
