import { z } from "zod";
import { compareValues, toNumber, toTime, valuesEqual } from "./compare-values";
import { durationSchema, tryParseDuration } from "@/server/domain/triggers/duration";

/**
 * The condition operators, as data. One table feeds the rule builder (labels, which
 * input to show, which fields an operator suits), the document validation
 * (validateValue) and the runtime (evaluate), so the three can never disagree.
 *
 * Semantics (fieldValue is what the field path read from the context):
 *
 * - Missing field: the path does not exist; fieldValue is undefined. A missing field
 *   equals nothing, is in no list, contains nothing, and is neither earlier nor later
 *   than anything: every positive operator answers false.
 * - null is a value, distinct from missing: `eq null` matches null only. `exists` is
 *   "neither undefined nor null", `not_exists` its exact negation; use them, not
 *   `eq null`, to ask "is this set?".
 * - Negative operators are exact negations of their positive twins, missing field
 *   included: ne = !eq, not_in = !in, not_contains = !contains. So a contact without a
 *   phone "does not equal" "+86..." and a contact without tags "does not contain"
 *   "VIP" - what a CRM user filtering people out expects.
 * - Type mismatch never throws: the positive operator is false (and so its negation
 *   true). "abc" gt 3 is false; true eq "true" is false.
 * - eq / ne: numbers equal numeric strings (100 eq "100"); dates equal when they are
 *   the same instant (offsets honoured); arrays and objects compare deeply; strings
 *   are case-sensitive.
 * - gt / gte / lt / lte: numbers and numeric strings compare as numbers; ISO date
 *   strings and Dates compare as instants (a number beside a date is epoch ms).
 *   Plain text is not ordered (false): "b" gt "a" is false.
 * - in / not_in: the value is a list. A scalar field is in it when it eq-equals an
 *   element; an array field (such as contact.tags) is in it when ANY of its elements
 *   is ("tags in [VIP, Gold]" = has at least one of them); an empty array is in nothing.
 * - contains / not_contains: on an array, some element eq-equals the value; on a
 *   string, the value (a string or number) is a substring, case-sensitive.
 * - starts_with / ends_with: strings only, case-sensitive.
 * - within_last / older_than: the field is a date (ISO string, epoch ms number or Date)
 *   and the value a duration ("30m", "7d"). within_last means the date is at most that
 *   long before `now` (a date in the future counts, so clock skew cannot hide a fresh
 *   event); older_than means strictly more than that long before now. A missing or
 *   unreadable date makes BOTH false: an unknown last login is neither recent nor old.
 */

export const operatorNames = [
  "eq",
  "ne",
  "gt",
  "gte",
  "lt",
  "lte",
  "in",
  "not_in",
  "contains",
  "not_contains",
  "starts_with",
  "ends_with",
  "exists",
  "not_exists",
  "within_last",
  "older_than",
] as const;

export type OperatorName = (typeof operatorNames)[number];

/** Which input the builder shows for the operator's value. */
export type OperatorValueType = "any" | "number" | "string" | "list" | "duration" | "none";

/** Field types, as listed in the field catalogue; "any" = a field of unknown type. */
export type FieldType = "string" | "number" | "boolean" | "date" | "array" | "any";

export interface Operator {
  label: { en: string; zh: string };
  valueType: OperatorValueType;
  /** Field types the builder offers this operator for; "any" = every type. */
  appliesTo: readonly FieldType[];
  /** Checks the `value` of a `{field, op, value}` condition when a rule is saved. */
  validateValue: z.ZodType;
  /** Decides the condition. Pure, total: never throws, whatever the inputs. */
  evaluate(fieldValue: unknown, value: unknown, now: Date): boolean;
}

// ---- value schemas, with messages written for the rule author --------------------

const anyValue = (op: OperatorName) =>
  z.unknown().refine((v) => v !== undefined, { message: `'${op}' needs a value to compare with` });

const orderedValue = (op: OperatorName) => {
  const message = `'${op}' compares with a number or an ISO 8601 date such as 2024-05-01T09:00:00Z`;
  return z.union([z.number(), z.string().refine((s) => toNumber(s) !== undefined || toTime(s) !== undefined, { message })], {
    error: message,
  });
};

const listValue = (op: OperatorName) =>
  z
    .array(z.unknown(), { error: `'${op}' needs a list of values, such as ["VIP", "Gold"]` })
    .min(1, { message: `'${op}' needs at least one value in its list` })
    .max(1000, { message: `'${op}' takes at most 1000 values` });

const textValue = (op: OperatorName) =>
  z.string({ error: `'${op}' needs a text value` }).min(1, { message: `'${op}' needs a text value` });

const durationValue = (op: OperatorName) =>
  z.string({ error: `'${op}' needs a duration such as 30m or 7d` }).pipe(durationSchema);

const noValue = (op: OperatorName) =>
  z.unknown().refine((v) => v === undefined || v === null, { message: `'${op}' takes no value` });

// ---- evaluation helpers ----------------------------------------------------------

function isIn(fieldValue: unknown, list: unknown): boolean {
  if (!Array.isArray(list) || fieldValue === undefined) return false;
  const candidates = Array.isArray(fieldValue) ? fieldValue : [fieldValue];
  return candidates.some((item) => list.some((allowed) => valuesEqual(item, allowed)));
}

function contains(fieldValue: unknown, value: unknown): boolean {
  if (Array.isArray(fieldValue)) return fieldValue.some((item) => valuesEqual(item, value));
  if (typeof fieldValue === "string" && (typeof value === "string" || typeof value === "number")) {
    return fieldValue.includes(String(value));
  }
  return false;
}

const ordered = (test: (sign: number) => boolean) => (fieldValue: unknown, value: unknown) => {
  const sign = compareValues(fieldValue, value);
  return sign !== undefined && test(sign);
};

/** How long ago the field's date was, or undefined when the date or duration is unreadable. */
function ageAndWindow(fieldValue: unknown, value: unknown, now: Date): [number, number] | undefined {
  const at = toTime(fieldValue);
  const window = tryParseDuration(value);
  const nowMs = now instanceof Date ? now.getTime() : Number.NaN;
  if (at === undefined || window === undefined || Number.isNaN(nowMs)) return undefined;
  return [nowMs - at, window];
}

// ---- the table -------------------------------------------------------------------

const comparable: readonly FieldType[] = ["number", "date"];

export const operators: Record<OperatorName, Operator> = {
  eq: {
    label: { en: "equals", zh: "等于" },
    valueType: "any",
    appliesTo: ["any"],
    validateValue: anyValue("eq"),
    evaluate: (fieldValue, value) => valuesEqual(fieldValue, value),
  },
  ne: {
    label: { en: "does not equal", zh: "不等于" },
    valueType: "any",
    appliesTo: ["any"],
    validateValue: anyValue("ne"),
    evaluate: (fieldValue, value) => !valuesEqual(fieldValue, value),
  },
  gt: {
    label: { en: "is greater than", zh: "大于" },
    valueType: "number",
    appliesTo: comparable,
    validateValue: orderedValue("gt"),
    evaluate: ordered((sign) => sign > 0),
  },
  gte: {
    label: { en: "is at least", zh: "大于或等于" },
    valueType: "number",
    appliesTo: comparable,
    validateValue: orderedValue("gte"),
    evaluate: ordered((sign) => sign >= 0),
  },
  lt: {
    label: { en: "is less than", zh: "小于" },
    valueType: "number",
    appliesTo: comparable,
    validateValue: orderedValue("lt"),
    evaluate: ordered((sign) => sign < 0),
  },
  lte: {
    label: { en: "is at most", zh: "小于或等于" },
    valueType: "number",
    appliesTo: comparable,
    validateValue: orderedValue("lte"),
    evaluate: ordered((sign) => sign <= 0),
  },
  in: {
    label: { en: "is one of", zh: "属于其中之一" },
    valueType: "list",
    appliesTo: ["string", "number", "boolean", "array"],
    validateValue: listValue("in"),
    evaluate: (fieldValue, value) => isIn(fieldValue, value),
  },
  not_in: {
    label: { en: "is none of", zh: "不属于其中任何一个" },
    valueType: "list",
    appliesTo: ["string", "number", "boolean", "array"],
    validateValue: listValue("not_in"),
    evaluate: (fieldValue, value) => !isIn(fieldValue, value),
  },
  contains: {
    label: { en: "contains", zh: "包含" },
    valueType: "any",
    appliesTo: ["string", "array"],
    validateValue: anyValue("contains"),
    evaluate: (fieldValue, value) => contains(fieldValue, value),
  },
  not_contains: {
    label: { en: "does not contain", zh: "不包含" },
    valueType: "any",
    appliesTo: ["string", "array"],
    validateValue: anyValue("not_contains"),
    evaluate: (fieldValue, value) => !contains(fieldValue, value),
  },
  starts_with: {
    label: { en: "starts with", zh: "开头是" },
    valueType: "string",
    appliesTo: ["string"],
    validateValue: textValue("starts_with"),
    evaluate: (fieldValue, value) =>
      typeof fieldValue === "string" && typeof value === "string" && fieldValue.startsWith(value),
  },
  ends_with: {
    label: { en: "ends with", zh: "结尾是" },
    valueType: "string",
    appliesTo: ["string"],
    validateValue: textValue("ends_with"),
    evaluate: (fieldValue, value) =>
      typeof fieldValue === "string" && typeof value === "string" && fieldValue.endsWith(value),
  },
  exists: {
    label: { en: "is set", zh: "有值" },
    valueType: "none",
    appliesTo: ["any"],
    validateValue: noValue("exists"),
    evaluate: (fieldValue) => fieldValue !== undefined && fieldValue !== null,
  },
  not_exists: {
    label: { en: "is not set", zh: "无值" },
    valueType: "none",
    appliesTo: ["any"],
    validateValue: noValue("not_exists"),
    evaluate: (fieldValue) => fieldValue === undefined || fieldValue === null,
  },
  within_last: {
    label: { en: "is within the last", zh: "在最近…之内" },
    valueType: "duration",
    appliesTo: ["date"],
    validateValue: durationValue("within_last"),
    evaluate: (fieldValue, value, now) => {
      const aw = ageAndWindow(fieldValue, value, now);
      return aw !== undefined && aw[0] <= aw[1];
    },
  },
  older_than: {
    label: { en: "is more than … ago", zh: "早于…之前" },
    valueType: "duration",
    appliesTo: ["date"],
    validateValue: durationValue("older_than"),
    evaluate: (fieldValue, value, now) => {
      const aw = ageAndWindow(fieldValue, value, now);
      return aw !== undefined && aw[0] > aw[1];
    },
  },
};

/** True when the operator suits a field of this type (the builder's operator menu). */
export function operatorAppliesTo(op: OperatorName, fieldType: FieldType): boolean {
  const { appliesTo } = operators[op];
  return fieldType === "any" || appliesTo.includes("any") || appliesTo.includes(fieldType);
}

/** Operator names offered for a field type, in table order. */
export function operatorsForFieldType(fieldType: FieldType): OperatorName[] {
  return operatorNames.filter((op) => operatorAppliesTo(op, fieldType));
}
