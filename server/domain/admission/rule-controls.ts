// What admission needs to know about a rule: its execution control and whether it has a slow
// action. Read from the rule row (the current version) in one query per batch.
import type { Queryable } from "../../db";
import { actionMeta } from "../actions/params/action-meta";
import { executionControlSchema, type ExecutionControl } from "../rules/execution-control";

export interface RuleControl {
  ruleId: string;
  priority: number;
  control: ExecutionControl | null;
  slow: boolean;
  overlapQueue: boolean;
}

export function isSlowRule(actions: unknown): boolean {
  return Array.isArray(actions) && actions.some((a) => actionMeta[(a as { type: keyof typeof actionMeta })?.type]?.slow && (a as { type: string }).type !== "delay");
}

/** A rule's control from its row's values (execution_control, actions_config, trigger_config's overlapPolicy). */
export function ruleControlOf(r: { ruleId: string; priority: number; executionControl: unknown; actionsConfig: unknown; overlap: unknown }): RuleControl {
  const parsed = r.executionControl ? executionControlSchema.safeParse(r.executionControl) : null;
  return {
    ruleId: r.ruleId,
    priority: r.priority,
    control: parsed?.success ? parsed.data : null,
    slow: isSlowRule(r.actionsConfig),
    overlapQueue: r.overlap === "queue",
  };
}

export async function loadRuleControls(db: Queryable, ruleIds: string[]): Promise<Map<string, RuleControl>> {
  const map = new Map<string, RuleControl>();
  if (ruleIds.length === 0) return map;
  const { rows } = await db.query(
    `SELECT rule_id, priority, execution_control, actions_config, trigger_config->>'overlapPolicy' AS overlap
       FROM automation_rule WHERE rule_id = ANY($1::uuid[])`,
    [[...new Set(ruleIds)]],
  );
  for (const r of rows) {
    map.set(r.rule_id, ruleControlOf({ ruleId: r.rule_id, priority: r.priority, executionControl: r.execution_control, actionsConfig: r.actions_config, overlap: r.overlap }));
  }
  return map;
}
