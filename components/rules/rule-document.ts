// The rule document as the JSON editor shows it: the DTO's document fields (no ids, no status),
// and the starter template for new rules.

export interface RuleLike {
  name: string;
  description?: string | null;
  priority: number;
  trigger: unknown;
  condition?: unknown;
  actions: unknown;
  retryPolicy?: unknown;
  execution?: unknown;
}

export function ruleToDocument(rule: RuleLike): Record<string, unknown> {
  const doc: Record<string, unknown> = { name: rule.name };
  if (rule.description) doc.description = rule.description;
  doc.priority = rule.priority;
  doc.trigger = rule.trigger;
  if (rule.condition) doc.condition = rule.condition;
  doc.actions = rule.actions;
  if (rule.retryPolicy) doc.retryPolicy = rule.retryPolicy;
  if (rule.execution) doc.execution = rule.execution;
  return doc;
}

export function starterDocument(text: { name: string; description: string; title: string; body: string }) {
  return {
    name: text.name,
    description: text.description,
    priority: 0,
    trigger: { type: "event", event: "order.paid" },
    actions: [{ type: "notify", params: { title: text.title, body: text.body } }],
  };
}

export function pretty(value: unknown): string {
  return JSON.stringify(value, null, 2);
}

export type ParseResult = { ok: true; value: unknown } | { ok: false; message: string };

export function parseJson(text: string): ParseResult {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
