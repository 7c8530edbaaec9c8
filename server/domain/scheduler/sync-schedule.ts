// Schedules are data: each enabled time rule has exactly one pending "next fire" job, keyed
// `fire:<ruleId>`. Enabling, editing, disabling or deleting a rule replaces or removes that job
// in the same transaction as the change, so it takes effect at once and never double-books.
import type { Queryable } from "../../db";
import { addJobs, jobPriority, removeJob } from "../../jobs/add-jobs";
import { nextFireTimes } from "../triggers/next-fires";
import type { RuleDocument } from "../rules/rule-document";

export const fireJobKey = (ruleId: string) => `fire:${ruleId}`;
export const thresholdJobKey = (ruleId: string) => `threshold:${ruleId}`;

export interface ScheduleTarget {
  ruleId: string;
  status: string;
  deleted: boolean;
  document: RuleDocument | null;
}

export async function dbNow(db: Queryable): Promise<Date> {
  const { rows } = await db.query<{ now: Date }>("SELECT now() AS now");
  return rows[0].now;
}

/** Replaces or removes the rule's pending fire job; returns the next fire time, if any. */
export async function syncRuleSchedule(db: Queryable, t: ScheduleTarget): Promise<Date | null> {
  const trigger = t.document?.trigger;
  const active = t.status === "enabled" && !t.deleted && !!trigger;
  let next: Date | null = null;
  if (active && (trigger.type === "cron" || trigger.type === "interval" || trigger.type === "once")) {
    const now = await dbNow(db);
    next = nextFireTimes(trigger, now, 1)[0] ?? null;
  }
  if (next) {
    await addJobs(db, [
      {
        task: "fire",
        payload: { ruleId: t.ruleId, scheduledFor: next.toISOString() },
        runAt: next,
        jobKey: fireJobKey(t.ruleId),
        priority: jobPriority(t.document!.priority),
        maxAttempts: 50,
      },
    ]);
  } else {
    await removeJob(db, fireJobKey(t.ruleId));
  }
  if (active && trigger.type === "threshold") {
    await addJobs(db, [
      { task: "threshold", payload: { ruleId: t.ruleId }, jobKey: thresholdJobKey(t.ruleId), maxAttempts: 50 },
    ]);
  } else {
    await removeJob(db, thresholdJobKey(t.ruleId));
  }
  await db.query("UPDATE automation_rule SET next_fire_at = $2 WHERE rule_id = $1", [t.ruleId, next]);
  return next;
}
