import { z } from "zod";

/**
 * Durations for `within_last` / `older_than` ("30m", "7d", "1h30m").
 *
 * Private to conditions on purpose: triggers/ owns the product-wide parser, but it
 * did not exist when this folder was written and conditions must not wait on it.
 * Same names and units (s, m, h, d, w) so the import can be swapped later.
 */

const unitMs = { s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 } as const;

// One or more "<integer><unit>" parts, largest first is not enforced ("90m" is as clear as "1h30m").
const durationPattern = /^(?:\d+[smhdw])+$/;
const partPattern = /(\d+)([smhdw])/g;

/** Milliseconds in a duration string; throws on anything that is not a positive duration. */
export function parseDuration(s: string): number {
  const text = typeof s === "string" ? s.trim().toLowerCase() : "";
  if (!durationPattern.test(text)) {
    throw new Error(`'${String(s)}' is not a duration: use a number and a unit s, m, h, d or w, such as 30m or 7d`);
  }
  let ms = 0;
  for (const [, amount, unit] of text.matchAll(partPattern)) {
    ms += Number(amount) * unitMs[unit as keyof typeof unitMs];
  }
  if (!Number.isSafeInteger(ms) || ms <= 0) {
    throw new Error(`'${s}' is not a duration: it must be longer than zero and shorter than about 285,000 years`);
  }
  return ms;
}

/** The duration parsed, or undefined; for evaluation, which must never throw. */
export function tryParseDuration(s: unknown): number | undefined {
  if (typeof s !== "string") return undefined;
  try {
    const ms = parseDuration(s);
    return Number.isFinite(ms) && ms > 0 ? ms : undefined;
  } catch {
    return undefined;
  }
}

/** A duration string such as "30m" or "7d", checked by parseDuration. */
export const durationSchema = z.string().superRefine((s, ctx) => {
  try {
    parseDuration(s);
  } catch (err) {
    ctx.addIssue({ code: "custom", message: (err as Error).message });
  }
});
