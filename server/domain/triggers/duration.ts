// Durations written by people ("30m", "7d", "1h30m") for conditions (`within_last`, `older_than`)
// and threshold windows. One parser for the whole product so "7d" means the same everywhere.
import { z } from "zod";

export const DURATION_UNITS_MS = {
  s: 1_000,
  m: 60_000,
  h: 3_600_000,
  d: 86_400_000,
  w: 604_800_000,
} as const;

export type DurationUnit = keyof typeof DURATION_UNITS_MS;

// Whole numbers only: "1.5h" reads differently to different people ("1h30m" or "1h50m"?), and
// compound parts ("1h30m") say the same thing without ambiguity.
const PART = /(\d+)([a-z]+)/g;
const SHAPE = /^(?:\d+[a-z]+)+$/;
const HINT = "use a whole number and a unit s, m, h, d or w, such as 45s, 30m, 2h, 7d or 1w";

/** Milliseconds in a duration such as "30m", "7d" or "1h30m"; throws an Error that says how to fix it. */
export function parseDuration(input: string): number {
  if (typeof input !== "string") throw new Error(`a duration must be a string (${HINT})`);
  const text = input.trim().toLowerCase();
  if (text === "") throw new Error(`duration is empty (${HINT})`);
  if (!SHAPE.test(text)) {
    if (/^\d+$/.test(text)) throw new Error(`duration '${input}' has no unit (${HINT})`);
    if (/^-/.test(text)) throw new Error(`duration '${input}' is negative (${HINT})`);
    if (/\d[.,]\d/.test(text)) throw new Error(`duration '${input}' has a fraction (${HINT}; e.g. 1h30m)`);
    throw new Error(`'${input}' is not a duration (${HINT})`);
  }
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(PART)) {
    const unitMs = DURATION_UNITS_MS[unit as DurationUnit];
    if (unitMs === undefined) throw new Error(`duration '${input}' has an unknown unit '${unit}' (${HINT})`);
    ms += Number(amount) * unitMs;
  }
  if (ms <= 0) throw new Error(`duration '${input}' must be longer than zero`);
  // Beyond this, millisecond arithmetic on dates stops being exact; no real window is that long.
  if (!Number.isSafeInteger(ms) || ms > 100 * 366 * DURATION_UNITS_MS.d) {
    throw new Error(`duration '${input}' is longer than 100 years`);
  }
  return ms;
}

/** The duration in milliseconds, or undefined; for evaluation paths that must never throw. */
export function tryParseDuration(input: unknown): number | undefined {
  if (typeof input !== "string") return undefined;
  try {
    return parseDuration(input);
  } catch {
    return undefined;
  }
}

/** A duration string, kept as written (the document stays readable), checked by parseDuration. */
export const durationSchema = z.string().superRefine((value, ctx) => {
  try {
    parseDuration(value);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
  }
});
