// Retention sweep: small batches, then books its next run — soon while there is more to delete,
// else in ten minutes (self-rescheduling job, key monitoring:retention).
import type { Task } from "graphile-worker";
import { pool } from "../../server/db";
import { logger } from "../../server/logger";
import { runRetention } from "../../server/domain/retention/run-retention";
import { scheduleRetentionJob } from "../../server/domain/monitoring/maintenance-jobs";

export const retention: Task = async () => {
  const log = logger().child({ component: "retention" });
  let more = false;
  try {
    const r = await runRetention();
    more = r.more;
    if (Object.values(r.deleted).some((n) => n > 0)) log.info({ ...r.deleted, cutoff: r.cutoff }, "retention deleted old rows");
  } catch (err) {
    log.warn({ err: (err as Error).message }, "retention sweep failed");
  } finally {
    await scheduleRetentionJob(pool(), more ? 2 : 600);
  }
};
