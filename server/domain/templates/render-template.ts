import escapeHtml from "escape-html";
import { getPath } from "@/server/domain/conditions/get-path";
import { isPlainObject } from "@/server/domain/conditions/compare-values";
import { templateVariablePattern } from "./template-syntax";

/**
 * Fills `{{ dot.path }}` variables from an execution's context.
 *
 * In html mode only the VALUES are escaped: the template text is the rule author's
 * own HTML and is trusted, while values come from payloads and contacts, which anyone
 * who can send an event controls. (Escaping does not vet a URL's scheme: when a value
 * lands in an href, run the result through stripUnsafeLinks.)
 *
 * A missing value renders as "" rather than failing the action, as mail-merge tools
 * do; checkTemplateVariables catches misspelt roots when the rule is saved.
 */

export interface RenderOptions {
  html: boolean;
}

/** How a context value reads inside text. */
export function formatTemplateValue(value: unknown): string {
  if (value === undefined || value === null) return "";
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean" || typeof value === "bigint") return value.toString();
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? "" : value.toISOString();
  if (typeof value === "object") {
    try {
      return JSON.stringify(value) ?? "";
    } catch {
      return ""; // cyclic or otherwise unserialisable: nothing sensible to show
    }
  }
  return ""; // functions and symbols have no text form
}

export function renderTemplate(str: string, ctx: Record<string, unknown>, options: RenderOptions = { html: false }): string {
  if (!str.includes("{{")) return str;
  return str.replace(templateVariablePattern(), (_, path: string) => {
    const text = formatTemplateValue(getPath(ctx, path));
    return options.html ? escapeHtml(text) : text;
  });
}

/**
 * Renders every string in a params tree (objects and arrays, at any depth), leaving
 * other values and all keys as they are. Strings at or under a path named in
 * `htmlKeys` ("html", or a dotted path such as "content.html") are rendered in html
 * mode. Returns a new tree; the input is not changed.
 */
export function renderParams<T>(params: T, ctx: Record<string, unknown>, htmlKeys: readonly string[] = ["html"]): T {
  const isHtml = (path: string) => htmlKeys.some((key) => path === key || path.startsWith(`${key}.`));
  const walk = (value: unknown, path: string): unknown => {
    if (typeof value === "string") return renderTemplate(value, ctx, { html: isHtml(path) });
    if (Array.isArray(value)) return value.map((item, i) => walk(item, join(path, String(i))));
    if (isPlainObject(value)) {
      // fromEntries defines keys, so a "__proto__" key stays data instead of becoming a prototype.
      return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item, join(path, key))]));
    }
    return value;
  };
  return walk(params, "") as T;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
