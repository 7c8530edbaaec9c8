import { z } from "zod";
import { isPlainObject } from "@/server/domain/conditions/compare-values";
import { hasTemplate } from "@/server/domain/templates/template-syntax";

/**
 * Building blocks shared by the action params schemas.
 *
 * Params are validated when a rule is SAVED, before any context exists, and any
 * string may hold `{{variables}}`. So a string that contains "{{" is accepted where
 * a concrete value (an address, a URL) is expected: it can only be checked once it
 * is rendered, which the action does at run time against the same rules.
 */

export type JsonValue = string | number | boolean | null | JsonValue[] | { [key: string]: JsonValue };

const maxJsonDepth = 64;

/** Plain JSON: what a rule document can hold. No undefined, NaN, Dates or class instances. */
export function isJsonValue(value: unknown, depth = 0): value is JsonValue {
  if (depth > maxJsonDepth) return false;
  if (value === null || typeof value === "string" || typeof value === "boolean") return true;
  if (typeof value === "number") return Number.isFinite(value);
  if (Array.isArray(value)) return value.every((item) => isJsonValue(item, depth + 1));
  if (isPlainObject(value)) return Object.values(value).every((item) => isJsonValue(item, depth + 1));
  return false;
}

/** A required param: `missing` when absent, `invalid` when present but wrong. */
const messages = (missing: string, invalid: string) => ({
  error: (issue: { input?: unknown }) => (issue.input === undefined ? missing : invalid),
});

/** Any JSON value (a string included); z.json()'s own messages name six union branches. */
export function jsonValue(invalid: string, missing = invalid) {
  return z.custom<JsonValue>((v) => isJsonValue(v), messages(missing, invalid));
}

/** A JSON object of any values (an event payload, say). */
export function jsonObject(invalid: string) {
  return z.custom<{ [key: string]: JsonValue }>((v) => isPlainObject(v) && isJsonValue(v), { error: invalid });
}

/** A string that must not be blank (a template counts as text). */
export function requiredText(missing: string, max = 100_000) {
  return z
    .string(messages(missing, missing))
    .refine((s) => s.trim() !== "", { message: missing })
    .refine((s) => s.length <= max, { message: `at most ${max} characters` });
}

/** An optional id of a stored object (connection, template). */
export const optionalId = z
  .string({ error: "must be the id of a saved item, as text" })
  .trim()
  .min(1, { message: "must not be empty: leave it out instead" })
  .max(200, { message: "at most 200 characters" })
  .optional();

const emailCheck = z.email();
const displayNamePattern = /^(?:"[^"]*"|[^"<>]*)\s*<([^<>\s]+)>$/;

/** "ann@example.com" or "Ann Lee <ann@example.com>". */
export function isEmailAddress(text: string): boolean {
  const trimmed = text.trim();
  const address = displayNamePattern.exec(trimmed)?.[1] ?? trimmed;
  return emailCheck.safeParse(address).success;
}

/** One address (or template), as in `from`. */
export function templatedEmail(missing: string, invalid: string) {
  return z
    .string(messages(missing, invalid))
    .refine((s) => s.trim() !== "", { message: missing })
    .refine((s) => s.trim() === "" || hasTemplate(s) || isEmailAddress(s), { message: invalid });
}

/**
 * One or more comma-separated recipients, each an address, "Name <address>" or a
 * template. (A quoted display name containing a comma is not supported: write the
 * bare address.)
 */
export function templatedEmailList(missing: string, invalid: string) {
  return z
    .string(messages(missing, invalid))
    .refine((s) => s.trim() !== "", { message: missing })
    .refine(
      (s) =>
        s.trim() === "" ||
        s
          .split(",")
          .map((part) => part.trim())
          .every((part) => part !== "" && (hasTemplate(part) || isEmailAddress(part))),
      { message: invalid },
    );
}

/** A phone number: optional +, 5 to 15 digits (E.164 allows 15), spaces, dashes, dots and brackets allowed. */
export function isPhoneNumber(text: string): boolean {
  const trimmed = text.trim();
  if (!/^\+?[\d\s().-]+$/.test(trimmed)) return false;
  const digits = trimmed.replace(/\D/g, "").length;
  return digits >= 5 && digits <= 15;
}

export function templatedPhone(missing: string, invalid: string) {
  return z
    .string(messages(missing, invalid))
    .refine((s) => s.trim() !== "", { message: missing })
    .refine((s) => s.trim() === "" || hasTemplate(s) || isPhoneNumber(s), { message: invalid });
}

/** True for absolute http(s) URLs with a host. */
export function isHttpUrl(text: string): boolean {
  try {
    const url = new URL(text.trim());
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

export function templatedUrl(missing: string, invalid: string) {
  return z
    .string(messages(missing, invalid))
    .refine((s) => s.trim() !== "", { message: missing })
    .refine((s) => s.trim() === "" || hasTemplate(s) || isHttpUrl(s), { message: invalid });
}

/**
 * A strict params object: a misspelt key ("subjct") is an error that names the keys
 * the action does take, instead of being dropped silently.
 */
export function strictParams<Shape extends z.ZodRawShape>(actionType: string, shape: Shape) {
  const keys = Object.keys(shape).join(", ");
  return z.strictObject(shape, {
    error: (issue) =>
      issue.code === "unrecognized_keys"
        ? `unknown param${issue.keys.length > 1 ? "s" : ""} ${issue.keys.map((k) => `'${k}'`).join(", ")} for ${actionType}: it takes ${keys}`
        : issue.input === undefined
          ? `${actionType} needs 'params'`
          : `${actionType} params must be an object`,
  });
}
