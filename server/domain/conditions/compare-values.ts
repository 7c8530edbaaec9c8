/**
 * The value coercions every operator shares, in one place so that `eq`, `in`,
 * `contains` and the ordering operators agree with each other.
 *
 * Payloads arrive as JSON from webhooks, queues and CRMs, where the same datum is a
 * number in one system and a string in the next ("amount": "100"), and dates are
 * ISO strings, epoch milliseconds or (inside the engine) Date objects. The helpers
 * below accept those spellings and answer `undefined` for anything else, so the
 * caller can treat "not comparable" as false instead of throwing.
 */

// Decimal numbers as people and JSON write them; no hex, no "Infinity", no blanks.
const numericStringPattern = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?$/i;

// ISO 8601 / RFC 3339 dates: a date, optionally a time, optionally an offset.
const isoDatePattern =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;

/** A finite number from a number or a numeric string; undefined otherwise. */
export function toNumber(value: unknown): number | undefined {
  if (typeof value === "number") return Number.isFinite(value) ? value : undefined;
  if (typeof value === "string" && numericStringPattern.test(value.trim())) {
    const n = Number(value.trim());
    return Number.isFinite(n) ? n : undefined;
  }
  return undefined;
}

/**
 * Epoch milliseconds of an ISO date string, or undefined.
 *
 * A date-time without an offset is read as UTC, not as the server's local time:
 * the same rule must give the same answer on every worker, whatever its TZ.
 * Impossible dates ("2024-02-30") are rejected rather than rolled over as Date does.
 */
export function parseIsoDate(text: string): number | undefined {
  const m = isoDatePattern.exec(text.trim());
  if (!m) return undefined;
  const [, y, mo, d, hh = "00", mi = "00", ss = "00", frac = "", zone = "Z"] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > new Date(Date.UTC(year, month, 0)).getUTCDate()) return undefined;
  const ms = (frac + "000").slice(0, 3);
  const offset = zone.toUpperCase() === "Z" ? "Z" : normalizeOffset(zone);
  const t = Date.parse(`${y}-${mo}-${d}T${hh}:${mi}:${ss}.${ms}${offset}`);
  return Number.isNaN(t) ? undefined : t;
}

// "+08" and "+0800" are valid ISO offsets that Date.parse does not promise to read.
function normalizeOffset(zone: string): string {
  const digits = zone.slice(1).replace(":", "");
  return `${zone[0]}${digits.slice(0, 2)}:${digits.slice(2, 4) || "00"}`;
}

/** True for values that are dates in their own right: a valid Date or an ISO date string. */
export function isDateLike(value: unknown): boolean {
  if (value instanceof Date) return !Number.isNaN(value.getTime());
  return typeof value === "string" && parseIsoDate(value) !== undefined;
}

/**
 * Epoch milliseconds of a date-ish value: a valid Date, an ISO date string, or a
 * finite number taken as epoch milliseconds. Anything else is undefined.
 */
export function toTime(value: unknown): number | undefined {
  if (value instanceof Date) {
    const t = value.getTime();
    return Number.isNaN(t) ? undefined : t;
  }
  if (typeof value === "string") return parseIsoDate(value);
  if (typeof value === "number" && Number.isFinite(value)) return value;
  return undefined;
}

/**
 * Orders two values: negative, zero or positive, or undefined when they are not
 * comparable. Numbers and numeric strings compare as numbers; when either side is a
 * date (Date or ISO string) both compare as instants, so offsets are honoured
 * ("2024-01-01T08:00:00+08:00" equals "2024-01-01T00:00:00Z") and a number on the
 * other side is epoch milliseconds. Plain strings are not ordered: "b" > "a" is false,
 * which avoids the classic "10" < "9" surprise of text ordering.
 */
export function compareValues(a: unknown, b: unknown): number | undefined {
  const an = toNumber(a);
  const bn = toNumber(b);
  if (an !== undefined && bn !== undefined) return Math.sign(an - bn);
  if (isDateLike(a) || isDateLike(b)) {
    const at = toTime(a);
    const bt = toTime(b);
    if (at !== undefined && bt !== undefined) return Math.sign(at - bt);
  }
  return undefined;
}

// Deeper structures than this are not compared (false), so a hostile payload cannot exhaust the stack.
const maxEqualityDepth = 64;

/**
 * Equality as a rule author means it:
 * - undefined (a missing field) equals nothing, not even another undefined;
 * - null equals only null;
 * - a number equals a numeric string with the same value (100 == "100");
 * - two dates equal when they are the same instant, whatever their spelling (a
 *   number beside a date is epoch milliseconds, as in compareValues);
 * - arrays equal element by element, in order; plain objects key by key (keys whose
 *   value is undefined are ignored, as JSON would drop them);
 * - everything else uses ===, so true != "true" and strings are case-sensitive.
 */
export function valuesEqual(a: unknown, b: unknown, depth = 0): boolean {
  if (a === undefined || b === undefined) return false;
  if (a === b) return true;
  if (a === null || b === null) return false;
  if (depth > maxEqualityDepth) return false;

  // Same precedence as compareValues, so eq agrees with gte && lte.
  if (isDateLike(a) || isDateLike(b)) {
    const at = toTime(a);
    return at !== undefined && at === toTime(b);
  }
  if (typeof a === "number" || typeof b === "number") {
    const an = toNumber(a);
    return an !== undefined && an === toNumber(b);
  }
  if (Array.isArray(a) || Array.isArray(b)) {
    if (!Array.isArray(a) || !Array.isArray(b) || a.length !== b.length) return false;
    return a.every((item, i) => valuesEqual(item, b[i], depth + 1) || (item === undefined && b[i] === undefined));
  }
  if (isPlainObject(a) && isPlainObject(b)) {
    const aKeys = definedKeys(a);
    const bKeys = definedKeys(b);
    if (aKeys.length !== bKeys.length) return false;
    return aKeys.every((key) => Object.hasOwn(b, key) && valuesEqual(a[key], b[key], depth + 1));
  }
  return false;
}

/** Objects built from JSON (or object literals); not Dates, Maps or class instances. */
export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function definedKeys(obj: Record<string, unknown>): string[] {
  return Object.keys(obj).filter((key) => obj[key] !== undefined);
}
