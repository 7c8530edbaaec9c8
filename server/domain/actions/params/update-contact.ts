import { z } from "zod";
import { hasTemplate } from "@/server/domain/templates/template-syntax";
import { parseIsoDate } from "@/server/domain/conditions/compare-values";
import { forbiddenPathSegments } from "@/server/domain/conditions/get-path";
import { isEmailAddress, isJsonValue, isPhoneNumber, requiredText, strictParams, type JsonValue } from "./param-helpers";

/**
 * `update_contact`: {contact, addTags?, removeTags?, set?}.
 * `contact` is the contact's external id (usually {{payload.contactId}}). `set` writes
 * the contact's own fields (email, phone, name, lastLoginAt; null clears one) and
 * single attributes as "attributes.<name>", so one rule cannot wipe attributes that
 * other systems maintain. At least one change is required.
 */

export const settableContactFields = ["email", "phone", "name", "lastLoginAt"] as const;

const maxTags = 100;

const tagList = (key: "addTags" | "removeTags") =>
  z
    .array(
      z
        .string({ error: `'${key}' holds tags as text` })
        .trim()
        .min(1, { message: "a tag must not be empty" })
        .max(100, { message: "a tag is at most 100 characters" }),
      { error: `'${key}' must be a list of tags, such as ["buyer"]` },
    )
    .max(maxTags, { message: `'${key}' takes at most ${maxTags} tags` });

const attributeKeyPattern = /^attributes\.[^.\s]+(?:\.[^.\s]+)*$/;

/** Why `value` cannot be written to `key`, or undefined when it can. */
function setProblem(key: string, value: unknown): string | undefined {
  const fieldList = `${settableContactFields.join(", ")} or attributes.<name>`;
  if (key.startsWith("attributes.")) {
    if (!attributeKeyPattern.test(key) || key.split(".").some((s) => forbiddenPathSegments.has(s))) {
      return `'${key}' is not an attribute name: write attributes.<name>, such as attributes.plan`;
    }
    return isJsonValue(value) ? undefined : `'${key}' must be plain JSON`;
  }
  if (!(settableContactFields as readonly string[]).includes(key)) return `'set' cannot change '${key}': use ${fieldList}`;
  if (value === null) return undefined;
  if (typeof value !== "string") return `'${key}' must be text, a template, or null to clear it`;
  if (hasTemplate(value)) return undefined;
  if (key === "email" && !isEmailAddress(value)) return `'email' must be an email address or a template such as {{payload.email}}`;
  if (key === "phone" && !isPhoneNumber(value)) return `'phone' must be a phone number or a template such as {{payload.phone}}`;
  if (key === "lastLoginAt" && parseIsoDate(value) === undefined) {
    return `'lastLoginAt' must be an ISO 8601 date such as 2024-05-01T09:00:00Z, or a template such as {{now}}`;
  }
  return undefined;
}

const setSchema = z
  .record(z.string(), z.custom<JsonValue>((v) => v !== undefined), { error: "'set' must be an object of field: value" })
  .superRefine((set, ctx) => {
    for (const [key, value] of Object.entries(set)) {
      const problem = setProblem(key, value);
      if (problem) ctx.addIssue({ code: "custom", path: [key], message: problem });
    }
  });

export const updateContactParamsSchema = strictParams("update_contact", {
  contact: requiredText("update_contact needs 'contact': the contact's id or a template such as {{payload.contactId}}", 200),
  addTags: tagList("addTags").optional(),
  removeTags: tagList("removeTags").optional(),
  set: setSchema.optional(),
}).superRefine((params, ctx) => {
  const changes = (params.addTags?.length ?? 0) + (params.removeTags?.length ?? 0) + Object.keys(params.set ?? {}).length;
  if (changes === 0) {
    ctx.addIssue({ code: "custom", path: [], message: "update_contact changes nothing: give 'addTags', 'removeTags' or 'set'" });
  }
});

export type UpdateContactParams = z.output<typeof updateContactParamsSchema>;
