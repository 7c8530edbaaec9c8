import { z } from "zod";
import { contextRoots, isContextRoot } from "./context-roots";
import { forbiddenPathSegments, splitPath } from "./get-path";
import { operatorNames, operators, type OperatorName } from "./operators";
import { shownValue } from "../shared/storable-text";

/**
 * The rule document's `condition`:
 *   {all: [...]} | {any: [...]} | {not: {...}} | {field: "<dot path>", op, value?}
 *
 * The node is parsed as ONE strict object whose keys are all optional, followed by a
 * shape check, rather than as a zod union of four objects: a union that fails
 * reports only "Invalid input" at the top, while this reports the exact place and
 * cause ("condition.all.2.op: unknown operator 'equals'") that the API's 422 and the
 * builder need. The parsed value is exactly one of the four shapes.
 */

export type LeafCondition = { field: string; op: OperatorName; value?: unknown };

export type Condition = { all: Condition[] } | { any: Condition[] } | { not: Condition } | LeafCondition;

/** Bounds that keep evaluation cheap and traces readable. */
export const conditionLimits = { maxDepth: 10, maxLeaves: 100, maxFieldLength: 200 } as const;

const rootList = contextRoots.join(", ");
const shapeHint = "use {all: [...]}, {any: [...]}, {not: {...}} or {field, op, value}";

/** A field path such as "contact.tags" or "payload.items.0.sku". */
export const fieldPathSchema = z
  .string({ error: "a condition's 'field' is a dot path such as contact.email" })
  .superRefine((path, ctx) => {
    const segments = splitPath(path);
    if (path.length > conditionLimits.maxFieldLength) {
      ctx.addIssue({ code: "custom", message: `field paths are at most ${conditionLimits.maxFieldLength} characters` });
    } else if (segments.length === 0 || segments.some((s) => s === "" || /\s/.test(s))) {
      ctx.addIssue({ code: "custom", message: `field '${path}' is not a dot path such as contact.email` });
    } else if (!isContextRoot(segments[0]!)) {
      ctx.addIssue({ code: "custom", message: `field '${path}' must start with one of ${rootList}` });
    } else if (segments.some((s) => forbiddenPathSegments.has(s))) {
      ctx.addIssue({ code: "custom", message: `field '${path}' uses a reserved name (__proto__, constructor, prototype)` });
    }
  });

const operatorSchema = z.enum(operatorNames, {
  error: (issue) => `unknown operator '${shownValue(issue.input)}': use ${operatorNames.join(", ")}`,
});

type ConditionNodeInput = {
  all?: unknown[];
  any?: unknown[];
  not?: unknown;
  field?: string;
  op?: OperatorName;
  value?: unknown;
};

function checkNodeShape(node: ConditionNodeInput, ctx: z.RefinementCtx): void {
  const kinds = (["all", "any", "not", "field"] as const).filter((key) => node[key] !== undefined);
  if (kinds.length === 0) {
    const message = node.op !== undefined ? "a condition with 'op' needs a 'field'" : `empty condition: ${shapeHint}`;
    ctx.addIssue({ code: "custom", message, path: node.op !== undefined ? ["field"] : [] });
    return;
  }
  if (kinds.length > 1) {
    ctx.addIssue({ code: "custom", message: `a condition is one thing, not '${kinds.join("' and '")}': ${shapeHint}` });
    return;
  }
  if (kinds[0] !== "field") {
    for (const key of ["op", "value"] as const) {
      if (node[key] !== undefined) {
        ctx.addIssue({ code: "custom", path: [key], message: `'${key}' belongs beside 'field', not in an '${kinds[0]}'` });
      }
    }
    return;
  }
  if (node.op === undefined) {
    ctx.addIssue({ code: "custom", path: ["op"], message: `choose an operator for '${node.field}': ${operatorNames.join(", ")}` });
    return;
  }
  const checked = operators[node.op].validateValue.safeParse(node.value);
  if (!checked.success) {
    for (const issue of checked.error.issues) {
      ctx.addIssue({ code: "custom", path: ["value", ...issue.path], message: issue.message });
    }
  }
}

const conditionNodeSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .strictObject(
      {
        all: z.array(conditionNodeSchema, { error: "'all' is a list of conditions" }).optional(),
        any: z.array(conditionNodeSchema, { error: "'any' is a list of conditions" }).optional(),
        not: conditionNodeSchema.optional(),
        field: fieldPathSchema.optional(),
        op: operatorSchema.optional(),
        value: z.unknown().optional(),
      },
      {
        error: (issue) =>
          issue.code === "unrecognized_keys"
            ? `unknown key${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")} in a condition: ${shapeHint}`
            : `a condition is an object: ${shapeHint}`,
      },
    )
    .superRefine(checkNodeShape),
) as unknown as z.ZodType<Condition>;

/**
 * Depth and size limits, checked on the raw input BEFORE the recursive parse: a
 * hostile document nested thousands deep must get a 422, not a stack overflow.
 * Depth counts nodes on the longest path (a lone leaf is 1); leaves are
 * {field, op, value} checks. The walk stops as soon as a limit is passed.
 */
function checkLimits(raw: unknown, ctx: z.RefinementCtx): void {
  const stack: { node: unknown; depth: number; path: (string | number)[] }[] = [{ node: raw, depth: 1, path: [] }];
  let leaves = 0;
  let tooDeep = false;
  while (stack.length > 0) {
    const { node, depth, path } = stack.pop()!;
    if (node === null || typeof node !== "object" || Array.isArray(node)) continue;
    if (depth > conditionLimits.maxDepth) {
      if (!tooDeep) {
        ctx.addIssue({ code: "custom", path, message: `conditions nest at most ${conditionLimits.maxDepth} levels deep` });
        tooDeep = true;
      }
      continue;
    }
    const record = node as Record<string, unknown>;
    let combinator = false;
    for (const key of ["all", "any"] as const) {
      const children = Object.hasOwn(record, key) ? record[key] : undefined;
      if (Array.isArray(children)) {
        combinator = true;
        // Checked before walking, so a list of a million empty {all: []} costs nothing.
        if (children.length > conditionLimits.maxLeaves) {
          ctx.addIssue({ code: "custom", path: [...path, key], message: `'${key}' holds at most ${conditionLimits.maxLeaves} conditions` });
          return;
        }
        children.forEach((child, i) => stack.push({ node: child, depth: depth + 1, path: [...path, key, i] }));
      }
    }
    if (Object.hasOwn(record, "not") && record.not !== undefined) {
      combinator = true;
      stack.push({ node: record.not, depth: depth + 1, path: [...path, "not"] });
    }
    if (!combinator && ++leaves > conditionLimits.maxLeaves) {
      ctx.addIssue({ code: "custom", message: `a condition checks at most ${conditionLimits.maxLeaves} fields` });
      return;
    }
  }
}

/** The whole `condition` of a rule. Null or absent conditions are the rule schema's business (they mean "always"). */
export const conditionSchema: z.ZodType<Condition, unknown> = z.unknown().superRefine(checkLimits).pipe(conditionNodeSchema);
