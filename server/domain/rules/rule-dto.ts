// Rule rows → API answers. The stored JSON is parsed with the rule schema on every read; a row
// that no longer parses (schema tightened since) is shown with `invalid` rather than hidden.
import { ruleDocumentSchema, type RuleDocument } from "./rule-document";
import { iso } from "../shared/time";

export interface RuleRow {
  rule_id: string;
  name: string;
  description: string | null;
  trigger_config: unknown;
  condition_logic: unknown;
  actions_config: unknown;
  retry_policy: unknown;
  execution_control?: unknown;
  status: "enabled" | "disabled" | "archived";
  priority: number;
  trigger_type: string;
  current_version: number;
  created_at: Date;
  updated_at: Date;
  last_run_at: Date | null;
  next_fire_at: Date | null;
}

export const RULE_COLUMNS = `rule_id, name, description, trigger_config, condition_logic, actions_config, retry_policy,
  execution_control, status, priority, trigger_type, current_version, created_at, updated_at, last_run_at, next_fire_at`;

export function documentFromRow(row: RuleRow): { document: RuleDocument | null; invalid: string | null } {
  const raw = {
    name: row.name,
    description: row.description,
    priority: row.priority,
    trigger: row.trigger_config,
    condition: row.condition_logic ?? undefined,
    actions: row.actions_config,
    retryPolicy: row.retry_policy ?? undefined,
    ...(row.execution_control ? { execution: row.execution_control } : {}),
  };
  const parsed = ruleDocumentSchema.safeParse(raw);
  if (parsed.success) return { document: parsed.data, invalid: null };
  return { document: null, invalid: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
}

export function ruleToDto(row: RuleRow) {
  const { document, invalid } = documentFromRow(row);
  return {
    id: row.rule_id,
    name: row.name,
    description: row.description,
    priority: row.priority,
    status: row.status,
    trigger: (document?.trigger ?? row.trigger_config) as RuleDocument["trigger"],
    condition: (document ? document.condition ?? null : row.condition_logic) as RuleDocument["condition"] | null,
    actions: (document?.actions ?? row.actions_config) as RuleDocument["actions"],
    retryPolicy: (document?.retryPolicy ?? row.retry_policy) as RuleDocument["retryPolicy"],
    execution: document?.execution ?? null,
    version: row.current_version,
    createdAt: iso(row.created_at)!,
    updatedAt: iso(row.updated_at)!,
    lastRunAt: iso(row.last_run_at),
    nextFireAt: iso(row.next_fire_at),
    ...(invalid ? { invalid } : {}),
  };
}

export type RuleDto = ReturnType<typeof ruleToDto>;
