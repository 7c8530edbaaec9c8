import type { Condition } from "./condition-schema";
import { getPath } from "./get-path";
import { operators, type OperatorName } from "./operators";

/**
 * Decides a rule's condition against an execution context, and records why.
 *
 * Every node is evaluated, even after an `all` has already failed or an `any` has
 * already passed: the operators are pure and a condition has at most 100 leaves, so
 * the cost is nothing, and the dry run can then show the author the result of EVERY
 * check rather than only the ones up to the first decisive one.
 *
 * It never throws: a node that is not a valid condition (a document stored by an
 * older version, say) evaluates to false with an `error` in its trace node, and then
 * the WHOLE condition is false, whatever the surrounding `not`s would make of it: a
 * condition the engine cannot fully understand must never let a rule's actions run.
 */

/** Where a node sits in the condition, as a dot path: "" (the root), "all.0", "all.0.not". */
export type TracePath = string;

export type TraceNode =
  | { kind: "always"; path: TracePath; result: true }
  | { kind: "all" | "any"; path: TracePath; result: boolean; children: TraceNode[] }
  | { kind: "not"; path: TracePath; result: boolean; child: TraceNode }
  | {
      kind: "field";
      path: TracePath;
      result: boolean;
      field: string;
      op: string;
      value?: unknown;
      /** The field's value in the context (shortened for display); undefined = missing. */
      actual: unknown;
      error?: string;
    }
  | { kind: "invalid"; path: TracePath; result: false; error: string };

export interface ConditionResult {
  result: boolean;
  trace: TraceNode;
}

// Twice the schema's limit: enough for any valid document, and a hard stop for anything else.
const maxEvaluationDepth = 20;

/** Null or absent condition = the rule always runs. `all: []` is true, `any: []` false, as in logic. */
export function evaluateCondition(
  cond: Condition | null | undefined,
  ctx: Record<string, unknown>,
  now: Date,
): ConditionResult {
  if (cond === null || cond === undefined) {
    return { result: true, trace: { kind: "always", path: "", result: true } };
  }
  const run: Run = { ctx, now, errors: 0 };
  const trace = evaluateNode(cond, run, "", 1);
  return { result: run.errors === 0 && trace.result, trace };
}

/** One evaluation's inputs, and how many nodes could not be evaluated. */
interface Run {
  ctx: Record<string, unknown>;
  now: Date;
  errors: number;
}

function evaluateNode(node: unknown, run: Run, path: TracePath, depth: number): TraceNode {
  const at = (key: string | number) => (path === "" ? String(key) : `${path}.${key}`);
  if (depth > maxEvaluationDepth) return invalid(run, path, "condition nested too deeply");
  if (node === null || typeof node !== "object" || Array.isArray(node)) return invalid(run, path, "not a condition");
  const n = node as Record<string, unknown>;

  for (const kind of ["all", "any"] as const) {
    if (Object.hasOwn(n, kind)) {
      const list = n[kind];
      if (!Array.isArray(list)) return invalid(run, path, `'${kind}' is not a list`);
      const children = list.map((child, i) => evaluateNode(child, run, at(`${kind}.${i}`), depth + 1));
      const result = kind === "all" ? children.every((c) => c.result) : children.some((c) => c.result);
      return { kind, path, result, children };
    }
  }
  if (Object.hasOwn(n, "not")) {
    const child = evaluateNode(n.not, run, at("not"), depth + 1);
    return { kind: "not", path, result: !child.result, child };
  }
  if (typeof n.field === "string") return evaluateLeaf(n.field, n.op, n.value, run, path);
  return invalid(run, path, "not a condition");
}

function evaluateLeaf(field: string, op: unknown, value: unknown, run: Run, path: TracePath): TraceNode {
  const actual = getPath(run.ctx, field);
  const base = { kind: "field" as const, path, field, op: String(op), value, actual: shorten(actual) };
  if (typeof op !== "string" || !Object.hasOwn(operators, op)) {
    run.errors++;
    return { ...base, result: false, error: `unknown operator '${String(op)}'` };
  }
  try {
    return { ...base, result: operators[op as OperatorName].evaluate(actual, value, run.now) === true };
  } catch (err) {
    // Operators are written not to throw; this keeps a bug in one from crashing the run.
    run.errors++;
    return { ...base, result: false, error: err instanceof Error ? err.message : String(err) };
  }
}

function invalid(run: Run, path: TracePath, error: string): TraceNode {
  run.errors++;
  return { kind: "invalid", path, result: false, error };
}

/**
 * A display copy of a context value: long strings, lists and objects are cut so a
 * trace stays small when it is stored with the execution or sent to the browser.
 * Dates become ISO strings, which is how the UI shows them anyway.
 */
export function shorten(value: unknown, depth = 0): unknown {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "Invalid Date" : value.toISOString();
  if (typeof value === "string") return value.length > 200 ? `${value.slice(0, 200)}…` : value;
  if (value === null || typeof value !== "object") return value;
  if (depth >= 3) return Array.isArray(value) ? `[${value.length} items]` : "{…}";
  if (Array.isArray(value)) {
    const items = value.slice(0, 20).map((item) => shorten(item, depth + 1));
    return value.length > 20 ? [...items, `… ${value.length - 20} more`] : items;
  }
  const entries = Object.entries(value).slice(0, 20).map(([k, v]) => [k, shorten(v, depth + 1)] as const);
  return Object.fromEntries(entries);
}
