// Dry run, for the builder's "Test" button: evaluates the condition and renders every action's
// params against a sample payload, checking each against its schema — without any side effect
// and without creating an execution.
import { z } from "zod";
import { pool } from "../../db";
import { actionRegistry } from "../actions/registry";
import { evaluateCondition } from "../conditions/evaluate-condition";
import { renderParams } from "../templates/render-template";
import { parseRuleDocument } from "../rules/parse-rule-document";
import { contactIdOf, loadContacts, type ExecutionContext } from "./execution-context";

export const dryRunInput = z.object({
  document: z.unknown(),
  payload: z.record(z.string(), z.unknown()).default({}),
  event: z.object({ type: z.string().optional(), id: z.string().optional() }).optional(),
});

export async function dryRunRule(input: z.input<typeof dryRunInput>) {
  const q = dryRunInput.parse(input);
  const doc = parseRuleDocument(q.document);
  const cid = contactIdOf(q.payload);
  const contact = cid ? (await loadContacts(pool(), [cid])).get(cid) ?? null : null;
  const ctx: ExecutionContext = {
    payload: q.payload,
    event: { type: q.event?.type ?? (doc.trigger.type === "event" ? doc.trigger.event : doc.trigger.type), id: q.event?.id ?? "dry-run", occurredAt: new Date().toISOString() },
    contact,
    now: new Date().toISOString(),
    actions: [],
  };
  const condition = doc.condition ? evaluateCondition(doc.condition, ctx, new Date()) : { result: true, trace: null };
  const steps = doc.actions.map((action, index) => {
    const plugin = actionRegistry[action.type];
    const params = renderParams(action.params, ctx, plugin.htmlKeys ?? ["html"]);
    const parsed = plugin.paramsSchema.safeParse(params);
    // Later actions may read this one's output; a dry run has none, so they see null.
    ctx.actions.push({ output: null });
    return {
      index,
      type: action.type,
      params,
      ok: parsed.success,
      issues: parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
      wouldRun: condition.result,
    };
  });
  return { condition: { result: condition.result, trace: condition.trace }, contact, steps };
}
