// One check of a threshold rule: read the metric, and fire when it CROSSES the threshold (the
// previous check was on the other side), not on every check above it; a cooldown after a fire
// suppresses flapping. Each check re-books the next one (`threshold:<ruleId>` job).
import { withTransaction } from "../../db";
import { addJobs } from "../../jobs/add-jobs";
import { logger } from "../../logger";
import { admitExecutions } from "../admission/admit-executions";
import { documentFromRow, RULE_COLUMNS, type RuleRow } from "../rules/rule-dto";
import { thresholdJobKey } from "../scheduler/sync-schedule";
import { compare, readMetric } from "./metrics";

export interface ThresholdCheck {
  value: number | null;
  above: boolean;
  fired: boolean;
  reason: string;
}

export async function evaluateThreshold(ruleId: string): Promise<ThresholdCheck | null> {
  return withTransaction(async (db) => {
    const { rows } = await db.query<RuleRow & { deleted_at: Date | null }>(
      `SELECT ${RULE_COLUMNS}, deleted_at FROM automation_rule WHERE rule_id = $1 FOR UPDATE`,
      [ruleId],
    );
    const row = rows[0];
    const doc = row ? documentFromRow(row).document : null;
    if (!row || row.deleted_at || row.status !== "enabled" || doc?.trigger.type !== "threshold") return null;
    const t = doc.trigger;
    const state = (await db.query(`SELECT above, last_fired_at FROM threshold_state WHERE rule_id = $1`, [ruleId])).rows[0];
    const now = (await db.query<{ now: Date }>("SELECT now() AS now")).rows[0].now;

    let value: number | null = null;
    let check: ThresholdCheck;
    try {
      value = await readMetric(db, t);
      const above = compare(value, t.op, t.value);
      const crossed = above && !state?.above;
      const coolingDown = state?.last_fired_at && now.getTime() - new Date(state.last_fired_at).getTime() < t.cooldownSeconds * 1000;
      const fire = crossed && !coolingDown;
      check = {
        value,
        above,
        fired: fire,
        reason: fire
          ? `${t.metric} ${t.op} ${t.value} (value ${value})`
          : crossed
            ? `crossed but in cooldown (${t.cooldownSeconds} s)`
            : above
              ? "still past the threshold"
              : "within the threshold",
      };
    } catch (err) {
      logger().warn({ ruleId, err: (err as Error).message }, "threshold metric could not be read");
      check = { value: null, above: !!state?.above, fired: false, reason: `metric unavailable: ${(err as Error).message}` };
    }

    await db.query(
      `INSERT INTO threshold_state (rule_id, last_value, above, checked_at, last_fired_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (rule_id) DO UPDATE SET last_value = EXCLUDED.last_value, above = EXCLUDED.above, checked_at = EXCLUDED.checked_at,
         last_fired_at = COALESCE(EXCLUDED.last_fired_at, threshold_state.last_fired_at)`,
      [ruleId, value, check.above, now, check.fired ? now : null],
    );
    if (check.fired) {
      const payload = { metric: t.metric, value, op: t.op, threshold: t.value };
      const { rows: ex } = await db.query<{ execution_id: string }>(
        `INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, priority, scheduled_time, input_data)
         VALUES ($1, $2, $3, 'pending', $4, $5, $6) ON CONFLICT (rule_id, trigger_event_id) DO NOTHING RETURNING execution_id`,
        [
          ruleId,
          row.current_version,
          `threshold:${now.toISOString()}`,
          row.priority,
          now,
          JSON.stringify({ payload, event: { type: "threshold", id: `threshold:${ruleId}:${now.toISOString()}`, occurredAt: now.toISOString() } }),
        ],
      );
      if (ex[0]) {
        await db.query(
          `INSERT INTO rule_fire (rule_id, scheduled_for, outcome, reason, execution_id) VALUES ($1, $2, 'fired', $3, $4)
           ON CONFLICT (rule_id, scheduled_for) DO NOTHING`,
          [ruleId, now, check.reason, ex[0].execution_id],
        );
        await admitExecutions(db, [{ id: ex[0].execution_id, ruleId }]);
      }
    }
    await addJobs(db, [
      {
        task: "threshold",
        payload: { ruleId },
        runAt: new Date(now.getTime() + t.everySeconds * 1000),
        jobKey: thresholdJobKey(ruleId),
        maxAttempts: 50,
      },
    ]);
    return check;
  });
}
