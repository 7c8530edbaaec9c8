// Dry run, for the builder's "Test" button: evaluates the condition and renders every action's
// params against a sample payload, checking each against its schema and its references (saved
// templates applied, connections and brokers looked up, as the engine's preflight does) —
// without any side effect and without creating an execution.
import { z } from "zod";
import { pool } from "../../db";
import { actionRegistry } from "../actions/registry";
import { evaluateCondition } from "../conditions/evaluate-condition";
import pino from "pino";
import { ActionError, type ActionRunContext } from "../actions/plugin";
import { renderParams } from "../templates/render-template";
import { resolveTemplateParams } from "../templates/template-store";
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
  const steps = [];
  for (const [index, action] of doc.actions.entries()) {
    const plugin = actionRegistry[action.type];
    let params: unknown = renderParams(action.params, ctx, plugin.htmlKeys ?? ["html"]);
    const parsed = plugin.paramsSchema.safeParse(params);
    const issues = parsed.success ? [] : parsed.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
    if (parsed.success) {
      // The engine's checks before an action runs: a missing template or connection shows here
      // as it would fail the execution (a configuration error), before the rule is enabled.
      try {
        params = await resolveTemplateParams(parsed.data, ctx, pool(), action.type);
        await plugin.preflight?.(params, dryRunContext(index));
      } catch (err) {
        if (!(err instanceof ActionError)) throw err;
        issues.push({ path: "", message: err.message });
      }
    }
    // Later actions may read this one's output; a dry run has none, so they see null.
    ctx.actions.push({ output: null });
    steps.push({ index, type: action.type, params, ok: issues.length === 0, issues, wouldRun: condition.result });
  }
  return { condition: { result: condition.result, trace: condition.trace }, contact, steps };
}

const silent = pino({ level: "silent" });

function dryRunContext(actionIndex: number): ActionRunContext {
  return {
    executionId: "dry-run",
    ruleId: "dry-run",
    actionIndex,
    attempt: 1,
    idempotencyKey: `dry-run:${actionIndex}`,
    signal: AbortSignal.timeout(10_000),
    db: pool(),
    log: silent,
    eventDepth: 0,
    dryRun: true,
    progress: () => {},
  };
}
