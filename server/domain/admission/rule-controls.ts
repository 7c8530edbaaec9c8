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

export async function loadRuleControls(db: Queryable, ruleIds: string[]): Promise<Map<string, RuleControl>> {
  const map = new Map<string, RuleControl>();
  if (ruleIds.length === 0) return map;
  const { rows } = await db.query(
    `SELECT rule_id, priority, execution_control, actions_config, trigger_config->>'overlapPolicy' AS overlap
       FROM automation_rule WHERE rule_id = ANY($1::uuid[])`,
    [[...new Set(ruleIds)]],
  );
  for (const r of rows) {
    const parsed = r.execution_control ? executionControlSchema.safeParse(r.execution_control) : null;
    map.set(r.rule_id, {
      ruleId: r.rule_id,
      priority: r.priority,
      control: parsed?.success ? parsed.data : null,
      slow: isSlowRule(r.actions_config),
      overlapQueue: r.overlap === "queue",
    });
  }
  return map;
}
