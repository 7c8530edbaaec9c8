// enable / disable / archive / delete. The schedule follows in the same transaction: disabling
// removes the pending fire job, so a disabled rule cannot fire even one more time.
import { withTransaction } from "../../db";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { syncRuleSchedule } from "../scheduler/sync-schedule";
import { documentFromRow, ruleToDto } from "./rule-dto";
import { loadRule } from "./load-rule";

export type RuleStatusChange = "enable" | "disable" | "archive";
const target = { enable: "enabled", disable: "disabled", archive: "archived" } as const;

export async function setRuleStatus(actor: Actor, id: string, change: RuleStatusChange) {
  return withTransaction(async (db) => {
    const row = await loadRule(db, id, true);
    const { document, invalid } = documentFromRow(row);
    if (change === "enable" && !document) {
      throw new AppError("INVALID_DOCUMENT", `rule cannot be enabled until it is fixed: ${invalid}`);
    }
    const status = target[change];
    await db.query(`UPDATE automation_rule SET status = $2, updated_at = now() WHERE rule_id = $1`, [id, status]);
    await syncRuleSchedule(db, { ruleId: id, status, deleted: false, document });
    if (row.status !== status) {
      await recordAudit(db, { actor, action: `rule.${change}`, entity: "rule", entityId: id, before: { status: row.status }, after: { status } });
    }
    return ruleToDto(await loadRule(db, id));
  });
}

/** Soft delete: the rule disappears from lists and stops firing; its executions stay readable. */
export async function deleteRule(actor: Actor, id: string): Promise<void> {
  await withTransaction(async (db) => {
    const row = await loadRule(db, id, true);
    await db.query(`UPDATE automation_rule SET deleted_at = now(), status = 'disabled', updated_at = now() WHERE rule_id = $1`, [id]);
    await syncRuleSchedule(db, { ruleId: id, status: "disabled", deleted: true, document: null });
    await recordAudit(db, { actor, action: "rule.delete", entity: "rule", entityId: id, before: documentFromRow(row).document });
  });
}
