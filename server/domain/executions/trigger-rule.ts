// Manual trigger: runs a rule (even a disabled one: a test run) on a given payload, through the
// same engine as every other execution.
import crypto from "node:crypto";
import { z } from "zod";
import { withTransaction } from "../../db";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { admitExecutions } from "../admission/admit-executions";
import { loadRule } from "../rules/load-rule";
import { documentFromRow } from "../rules/rule-dto";
import { AppError } from "../../errors";

export const triggerInput = z.object({ payload: z.record(z.string(), z.unknown()).default({}) }).strict();

export async function triggerRule(
  actor: Actor,
  ruleId: string,
  input: z.input<typeof triggerInput>,
  source = "manual",
  eventId = `${source}:${crypto.randomUUID()}`,
) {
  const { payload } = triggerInput.parse(input);
  return withTransaction(async (db) => {
    const rule = await loadRule(db, ruleId);
    const { invalid } = documentFromRow(rule);
    if (invalid) throw new AppError("INVALID_DOCUMENT", `rule cannot run until it is fixed: ${invalid}`);
    // A repeated event id (a replayed webhook) returns the execution it already made.
    const { rows } = await db.query<{ execution_id: string }>(
      `INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, priority, scheduled_time, input_data)
       VALUES ($1, $2, $3, 'pending', $4, now(), $5)
       ON CONFLICT (rule_id, trigger_event_id) DO NOTHING RETURNING execution_id`,
      [
        ruleId,
        rule.current_version,
        eventId,
        rule.priority,
        JSON.stringify({ payload, event: { type: source, id: eventId, occurredAt: new Date().toISOString(), depth: 0 } }),
      ],
    );
    if (!rows[0]) {
      const prev = await db.query<{ execution_id: string }>(
        `SELECT execution_id FROM task_execution WHERE rule_id = $1 AND trigger_event_id = $2`,
        [ruleId, eventId],
      );
      return { executionId: prev.rows[0].execution_id, duplicate: true };
    }
    const executionId = rows[0].execution_id;
    await admitExecutions(db, [{ id: executionId, ruleId }]);
    if (source === "manual") {
      await recordAudit(db, { actor, action: "rule.trigger", entity: "rule", entityId: ruleId, after: { executionId } });
    }
    return { executionId };
  });
}
