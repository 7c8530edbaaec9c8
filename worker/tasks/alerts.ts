// Every AUTOFLOW_ALERT_INTERVAL_SECONDS: compacts closed rollup hours (a no-op most of the time),
// evaluates the alert rules, then books its next run (self-rescheduling job, key
// monitoring:alerts) whatever happened.
import type { Task } from "graphile-worker";
import { pool } from "../../server/db";
import { env } from "../../server/env";
import { logger } from "../../server/logger";
import { evaluateAlerts } from "../../server/domain/alerts/evaluate-alerts";
import { scheduleAlertsJob } from "../../server/domain/monitoring/maintenance-jobs";
import { compactRollups } from "../../server/domain/monitoring/compact-rollups";

export const alerts: Task = async () => {
  const log = logger().child({ component: "alerts" });
  try {
    await compactRollups(pool());
  } catch (err) {
    log.warn({ err: (err as Error).message }, "rollup compaction failed");
  }
  try {
    await evaluateAlerts({ log });
  } catch (err) {
    log.warn({ err: (err as Error).message }, "alert evaluation failed");
  } finally {
    await scheduleAlertsJob(pool(), env().AUTOFLOW_ALERT_INTERVAL_SECONDS);
  }
};
