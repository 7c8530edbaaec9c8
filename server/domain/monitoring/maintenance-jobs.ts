// The periodic monitoring jobs, without graphile's static crontab: each is ONE job under a fixed
// job key that books its own next run when it finishes (a crash is recovered like any job: the
// heartbeat unlocks it). Every worker adds them at boot under the same keys, which replaces
// rather than duplicates, so there is one chain however many workers run.
import type { Queryable } from "../../db";
import { addJobs } from "../../jobs/add-jobs";

export const ALERTS_JOB_KEY = "monitoring:alerts";
export const RETENTION_JOB_KEY = "monitoring:retention";
/** Ahead of any execution (graphile: lower runs first; rule priorities map to −100…100). */
const MONITORING_PRIORITY = -1000;

export async function scheduleAlertsJob(db: Queryable, inSeconds: number): Promise<void> {
  await addJobs(db, [
    { task: "alerts", payload: {}, runAt: new Date(Date.now() + inSeconds * 1000), jobKey: ALERTS_JOB_KEY, priority: MONITORING_PRIORITY, maxAttempts: 3 },
  ]);
}

export async function scheduleRetentionJob(db: Queryable, inSeconds: number): Promise<void> {
  await addJobs(db, [{ task: "retention", payload: {}, runAt: new Date(Date.now() + inSeconds * 1000), jobKey: RETENTION_JOB_KEY, maxAttempts: 3 }]);
}

/** Called by every worker at boot. */
export async function startMaintenanceJobs(db: Queryable): Promise<void> {
  await scheduleAlertsJob(db, 0);
  await scheduleRetentionJob(db, 30);
}
