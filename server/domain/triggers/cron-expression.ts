// Parsing cron expressions into sets of allowed values, with errors a person can act on
// ("cron field 'minute': 61 is out of range 0–59"), because these messages are shown verbatim in
// the rule editor and the API's `issues`.
//
// Grammar: five fields (minute hour day-of-month month day-of-week) or six with seconds first.
// Each field is a comma list of `*`, `N`, `A-B`, each optionally `/STEP`, or `N/STEP` (from N to the
// end). Months and weekdays take English names (JAN, MON), weekday 7 is Sunday, `?` means `*` in
// the day fields (Quartz habit). Quartz's L, W and # are refused rather than half-supported.

export class CronSyntaxError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CronSyntaxError";
  }
}

export type CronFieldName = "second" | "minute" | "hour" | "day of month" | "month" | "day of week";

export interface CronField {
  /** The field as written, normalised to upper case. */
  text: string;
  /** Allowed values, ascending, unique (day of week: 0–6, Sunday 0). */
  values: number[];
  /** allowed[v] is true when v is allowed. */
  allowed: boolean[];
  /** Written as `*` or `?` (the POSIX day OR-rule looks at this, not at the values). */
  star: boolean;
}

export interface ParsedCron {
  source: string;
  hasSeconds: boolean;
  second: CronField;
  minute: CronField;
  hour: CronField;
  dayOfMonth: CronField;
  month: CronField;
  dayOfWeek: CronField;
  /**
   * POSIX: when both day fields are restricted, a day matches if EITHER matches. As in Vixie cron
   * and cronie, "restricted" means "not written starting with `*`", so `*\/2` in one field still ANDs.
   */
  daysOred: boolean;
}

const MONTH_NAMES = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAY_NAMES = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

interface FieldSpec {
  name: CronFieldName;
  min: number;
  max: number;
  names?: string[];
  namesStart?: number;
}

const SPECS: Record<"second" | "minute" | "hour" | "dayOfMonth" | "month" | "dayOfWeek", FieldSpec> = {
  second: { name: "second", min: 0, max: 59 },
  minute: { name: "minute", min: 0, max: 59 },
  hour: { name: "hour", min: 0, max: 23 },
  dayOfMonth: { name: "day of month", min: 1, max: 31 },
  month: { name: "month", min: 1, max: 12, names: MONTH_NAMES, namesStart: 1 },
  // 7 is accepted as Sunday and folded to 0 after parsing.
  dayOfWeek: { name: "day of week", min: 0, max: 7, names: DAY_NAMES, namesStart: 0 },
};

// Common shorthands; expanded before parsing so everything downstream sees plain fields.
const MACROS: Record<string, string> = {
  "@YEARLY": "0 0 1 1 *",
  "@ANNUALLY": "0 0 1 1 *",
  "@MONTHLY": "0 0 1 * *",
  "@WEEKLY": "0 0 * * 0",
  "@DAILY": "0 0 * * *",
  "@MIDNIGHT": "0 0 * * *",
  "@HOURLY": "0 * * * *",
};

const range = (spec: FieldSpec) => `${spec.min}–${spec.name === "day of week" ? 7 : spec.max}`;

function fail(spec: FieldSpec, message: string): never {
  throw new CronSyntaxError(`cron field '${spec.name}': ${message}`);
}

function parseValue(spec: FieldSpec, token: string): number {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    if (n < spec.min || n > spec.max) fail(spec, `${token} is out of range ${range(spec)}`);
    return n;
  }
  if (spec.names && /^[A-Za-z]+$/.test(token)) {
    const i = spec.names.indexOf(token.toUpperCase());
    if (i >= 0) return i + (spec.namesStart ?? 0);
    fail(spec, `unknown name '${token}' (use ${spec.names[0]}–${spec.names[spec.names.length - 1]} or numbers ${range(spec)})`);
  }
  if (/^-\d+$/.test(token)) fail(spec, `${token} is out of range ${range(spec)}`);
  if (/^(?:\d*L|\d*W|LW|\d+#\d+)$/i.test(token)) fail(spec, `'${token}': L, W and # are not supported`);
  if (/^\d+\.\d+$/.test(token)) fail(spec, `'${token}' is not a whole number`);
  fail(spec, `'${token}' is not a number${spec.names ? " or a name" : ""} (allowed: ${range(spec)})`);
}

function parseStep(spec: FieldSpec, token: string, item: string): number {
  if (!/^\d+$/.test(token)) fail(spec, `step '${token}' in '${item}' is not a whole number`);
  const step = Number(token);
  if (step < 1) fail(spec, `step in '${item}' must be at least 1`);
  return step;
}

function parseField(spec: FieldSpec, raw: string): CronField {
  const text = raw.toUpperCase();
  const allowed: boolean[] = new Array(spec.max + 1).fill(false);
  const isDayField = spec.name === "day of month" || spec.name === "day of week";
  // Messages quote the field as written; only name lookup is case-insensitive.
  for (const item of raw.split(",")) {
    if (item === "") fail(spec, `empty item in list '${raw}'`);
    const slash = item.split("/");
    if (slash.length > 2) fail(spec, `'${item}' has more than one '/'`);
    const [base, stepText] = slash;
    let start: number;
    let end: number;
    if (base === "*" || (base === "?" && isDayField)) {
      start = spec.min;
      end = spec.name === "day of week" ? 6 : spec.max;
    } else if (base === "?") {
      fail(spec, `'?' is only allowed in the day-of-month and day-of-week fields`);
    } else if (/^-\d+$/.test(base)) {
      fail(spec, `${base} is out of range ${range(spec)}`);
    } else if (base.includes("-")) {
      const bounds = base.split("-");
      if (bounds.length !== 2 || bounds[0] === "" || bounds[1] === "") fail(spec, `'${base}' is not a range like 1-5`);
      start = parseValue(spec, bounds[0]);
      end = parseValue(spec, bounds[1]);
      if (start > end) {
        // Wrap-around ranges (FRI-MON, 22-2) are read differently by different crons; ask for two.
        const named = spec.names !== undefined && !/^\d/.test(bounds[0]);
        const last = spec.name === "day of week" ? 6 : spec.max;
        const hi = named ? spec.names![last - (spec.namesStart ?? 0)] : String(last);
        const lo = named ? spec.names![spec.min - (spec.namesStart ?? 0)] : String(spec.min);
        fail(spec, `range '${base}' runs backwards; split it in two, e.g. '${bounds[0]}-${hi},${lo}-${bounds[1]}'`);
      }
    } else {
      start = parseValue(spec, base);
      // "N/STEP" runs from N to the end of the field, as in Quartz and most libraries.
      end = stepText !== undefined ? (spec.name === "day of week" ? 6 : spec.max) : start;
      if (stepText !== undefined && start > end) fail(spec, `'${item}': ${start} is past the end of the field`);
    }
    if (stepText !== undefined) {
      const step = parseStep(spec, stepText, item);
      // A step that can never reach a second value is almost always a mistake (`*/60` for "hourly"
      // matches minute 0 only, `*/90` silently the same); say so instead of accepting it.
      if (step > end - start) {
        fail(spec, `step ${step} in '${item}' is larger than the span ${start}–${end}, so it would only ever match ${start}`);
      }
      for (let v = start; v <= end; v += step) allowed[v] = true;
    } else {
      for (let v = start; v <= end; v++) allowed[v] = true;
    }
  }
  if (spec.name === "day of week" && allowed[7]) {
    allowed[0] = true;
    allowed.length = 7;
  }
  const values: number[] = [];
  allowed.forEach((ok, v) => ok && values.push(v));
  return { text, values, allowed, star: text.startsWith("*") || text.startsWith("?") };
}

/** Parses a cron expression; throws CronSyntaxError with a message meant for the person who wrote it. */
export function parseCronExpression(expression: string): ParsedCron {
  if (typeof expression !== "string") throw new CronSyntaxError("cron expression must be a string");
  const source = expression.trim();
  if (source === "") throw new CronSyntaxError("cron expression is empty (e.g. '0 9 * * 1-5' for 09:00 on weekdays)");
  let text = source;
  if (text.startsWith("@")) {
    const macro = MACROS[text.toUpperCase()];
    if (!macro) {
      throw new CronSyntaxError(`unknown cron shorthand '${text}' (use @yearly, @monthly, @weekly, @daily, @midnight or @hourly)`);
    }
    text = macro;
  }
  const parts = text.split(/\s+/);
  if (parts.length !== 5 && parts.length !== 6) {
    throw new CronSyntaxError(`cron expression needs 5 fields (or 6 with seconds first), got ${parts.length}`);
  }
  const hasSeconds = parts.length === 6;
  const [sec, min, hour, dom, month, dow] = hasSeconds ? parts : ["0", ...parts];
  const parsed: ParsedCron = {
    source,
    hasSeconds,
    second: parseField(SPECS.second, sec),
    minute: parseField(SPECS.minute, min),
    hour: parseField(SPECS.hour, hour),
    dayOfMonth: parseField(SPECS.dayOfMonth, dom),
    month: parseField(SPECS.month, month),
    dayOfWeek: parseField(SPECS.dayOfWeek, dow),
    daysOred: false,
  };
  parsed.daysOred = !parsed.dayOfMonth.star && !parsed.dayOfWeek.star;
  if (!parsed.daysOred && !parsed.dayOfMonth.star) {
    // Day 31 in a field that only lists 30-day months (or Feb 30) never happens; refuse it now
    // instead of scheduling a rule that silently never runs.
    const longest = Math.max(...parsed.month.values.map((m) => DAYS_IN_MONTH_MAX[m - 1]));
    if (parsed.dayOfMonth.values[0] > longest) {
      throw new CronSyntaxError(
        `cron expression never fires: day ${parsed.dayOfMonth.values[0]} does not exist in ${parsed.month.values.map((m) => MONTH_NAMES[m - 1]).join(", ")}`,
      );
    }
  }
  return parsed;
}

const DAYS_IN_MONTH_MAX = [31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

// Rules are evaluated over and over with the same few expressions; parse each once.
const cache = new Map<string, ParsedCron>();
const MAX_CACHED = 10_000;

/** parseCronExpression, memoised by the expression text (parsed values are never mutated). */
export function parseCronCached(expression: string): ParsedCron {
  let parsed = cache.get(expression);
  if (!parsed) {
    parsed = parseCronExpression(expression);
    if (cache.size >= MAX_CACHED) cache.delete(cache.keys().next().value as string);
    cache.set(expression, parsed);
  }
  return parsed;
}

/** The syntax error message for an expression, or null when it parses. */
export function cronSyntaxError(expression: string): string | null {
  try {
    parseCronCached(expression);
    return null;
  } catch (err) {
    if (err instanceof CronSyntaxError) return err.message;
    throw err;
  }
}
