// Helpers of the visual condition editor: what a node is, the value an operator's input produces,
// and a one-line summary for the canvas. The operator table (labels, valueType, appliesTo) is the
// server's own (server/domain/conditions/operators.ts), imported as data.
import { operators, type OperatorName, type OperatorValueType } from "@/server/domain/conditions/operators";
import { findContextField } from "@/server/domain/conditions/condition-fields";

export type CondNode = Record<string, unknown>;
export type CondKind = "all" | "any" | "not" | "leaf" | "invalid";

export function condKind(node: unknown): CondKind {
  if (!node || typeof node !== "object" || Array.isArray(node)) return "invalid";
  const n = node as CondNode;
  if (Array.isArray(n.all)) return "all";
  if (Array.isArray(n.any)) return "any";
  if (n.not !== undefined) return "not";
  if ("field" in n || "op" in n) return "leaf";
  return "invalid";
}

export function childrenOf(node: CondNode): unknown[] {
  return (Array.isArray(node.all) ? node.all : Array.isArray(node.any) ? node.any : []) as unknown[];
}

export function isOperator(op: unknown): op is OperatorName {
  return typeof op === "string" && Object.hasOwn(operators, op);
}

export function valueTypeOf(op: unknown): OperatorValueType {
  return isOperator(op) ? operators[op].valueType : "any";
}

/** The type of a concrete field path, from the catalogue ("any" for payload.* and unknown paths). */
export function fieldTypeOf(path: string) {
  return findContextField(path)?.type ?? "any";
}

/** For "any" values: which JSON type the author meant. */
export type ScalarKind = "string" | "number" | "boolean" | "null";

export function scalarKindOf(value: unknown): ScalarKind {
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (value === null) return "null";
  return "string";
}

export function castScalar(text: string, kind: ScalarKind): unknown {
  switch (kind) {
    case "number": {
      const n = Number(text);
      return text.trim() !== "" && Number.isFinite(n) ? n : text;
    }
    case "boolean":
      return text === "true";
    case "null":
      return null;
    default:
      return text;
  }
}

/** A list typed as "VIP, Gold": comma-separated, trimmed; numbers stay numbers for number fields. */
export function parseList(text: string, numeric: boolean): unknown[] {
  return text
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => (numeric && Number.isFinite(Number(s)) ? Number(s) : s));
}

export function formatList(value: unknown): string {
  return Array.isArray(value) ? value.map((v) => (typeof v === "string" ? v : JSON.stringify(v))).join(", ") : value === undefined ? "" : String(value);
}

/** gt/lt take a number or an ISO date: a numeric text becomes a number. */
export function parseOrdered(text: string): unknown {
  const n = Number(text);
  return text.trim() !== "" && Number.isFinite(n) ? n : text;
}

/**
 * The value to keep when the operator changes: dropped when the new operator takes none or a
 * different kind of value (a list is no duration), kept otherwise.
 */
export function valueForOperator(value: unknown, from: unknown, to: OperatorName): unknown {
  const next = operators[to].valueType;
  if (next === "none") return undefined;
  const prev = valueTypeOf(from);
  if (prev === next) return value;
  if (next === "list") return value === undefined || value === "" ? [] : Array.isArray(value) ? value : [value];
  if (prev === "list" && Array.isArray(value)) return value[0] ?? "";
  if (next === "duration") return "";
  return value ?? "";
}

export function leafCount(node: unknown, depth = 0): number {
  if (depth > 20) return 0;
  const kind = condKind(node);
  if (kind === "leaf") return 1;
  if (kind === "not") return leafCount((node as CondNode).not, depth + 1);
  if (kind === "all" || kind === "any") return childrenOf(node as CondNode).reduce<number>((sum, c) => sum + leafCount(c, depth + 1), 0);
  return 0;
}

function showValue(value: unknown): string {
  if (value === undefined) return "";
  if (typeof value === "string") return `"${value}"`;
  return JSON.stringify(value);
}

/** "contact.tags contains "VIP"", in the UI language's operator labels. */
export function leafText(node: CondNode, locale: "en" | "zh"): string {
  const op = isOperator(node.op) ? operators[node.op].label[locale] : String(node.op ?? "?");
  const field = typeof node.field === "string" && node.field !== "" ? node.field : "…";
  const value = valueTypeOf(node.op) === "none" ? "" : ` ${showValue(node.value)}`;
  return `${field} ${op}${value}`;
}
