import { forbiddenPathSegments, splitPath } from "@/server/domain/conditions/get-path";
import { isPlainObject } from "@/server/domain/conditions/compare-values";
import { templateLikePattern, templateVariablePattern } from "./template-syntax";

/**
 * Save-time checks for `{{variables}}` in action params. At run time a missing value
 * renders as "" (see renderTemplate), so a misspelt root ("{{contcat.email}}") would
 * silently send an email to nobody; the editor and the API catch it here instead.
 *
 * Only the ROOT is checked: below payload and contact.attributes the shape belongs to
 * whoever sends the data, so "payload.anything" cannot be judged wrong in advance.
 * `actions.N` must name an action that runs earlier in the same rule.
 */

export interface TemplateVariableIssue {
  /** Where the string sits inside params: "subject", "headers.Authorization", "addTags.0" ("" = params itself). */
  path: string;
  message: string;
}

export interface KnownRoots {
  /** The index of the action whose params are checked = how many actions run before it. */
  earlierActions: number;
  /** Plain roots that may be used; default payload, event, contact, now. */
  roots?: readonly string[];
}

const defaultRoots = ["payload", "event", "contact", "now"] as const;
const hint = "use payload.…, event.…, contact.…, now or actions.N.output…";

/** The variables in a string, each once, in order of first use. */
export function listTemplateVariables(str: string): string[] {
  const found = new Set<string>();
  for (const match of str.matchAll(templateVariablePattern())) found.add(match[1]!);
  return [...found];
}

/** Every problem with the variables in a params tree; [] when all can resolve. */
export function checkTemplateVariables(params: unknown, knownRoots: KnownRoots = { earlierActions: 0 }): TemplateVariableIssue[] {
  const issues: TemplateVariableIssue[] = [];
  const roots = new Set(knownRoots.roots ?? defaultRoots);
  const walk = (value: unknown, path: string) => {
    if (typeof value === "string") {
      for (const message of checkString(value, roots, knownRoots.earlierActions)) issues.push({ path, message });
    } else if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, join(path, String(i))));
    } else if (isPlainObject(value)) {
      for (const [key, item] of Object.entries(value)) walk(item, join(path, key));
    }
  };
  walk(params, "");
  return issues;
}

function checkString(text: string, roots: ReadonlySet<string>, earlierActions: number): string[] {
  if (!text.includes("{{")) return [];
  const messages: string[] = [];
  for (const [whole, inner] of text.matchAll(templateLikePattern())) {
    if (!/^\s*[^{}\s]+\s*$/.test(inner!)) {
      messages.push(`'${whole}' is not a template variable: write {{dot.path}}, such as {{contact.name}}`);
    }
  }
  for (const variable of listTemplateVariables(text)) {
    const problem = checkVariable(variable, roots, earlierActions);
    if (problem) messages.push(problem);
  }
  return messages;
}

function checkVariable(variable: string, roots: ReadonlySet<string>, earlierActions: number): string | undefined {
  const segments = splitPath(variable);
  const [root, index] = segments;
  if (segments.some((s) => s === "")) return `template variable '${variable}' is not a dot path: ${hint}`;
  if (segments.some((s) => forbiddenPathSegments.has(s))) {
    return `template variable '${variable}' uses a reserved name (__proto__, constructor, prototype)`;
  }
  if (root === "actions") {
    if (index === undefined || !/^(0|[1-9]\d*)$/.test(index)) {
      return `template variable '${variable}' does not exist: refer to an earlier action as actions.N.output…, N being its position from 0`;
    }
    if (Number(index) >= earlierActions) {
      const earlier = earlierActions === 0 ? "this is the first action" : `use actions.0 to actions.${earlierActions - 1}`;
      return `template variable '${variable}' does not exist: action ${index} does not run before this one (${earlier})`;
    }
    return undefined;
  }
  if (root === "now" && segments.length > 1) return `template variable '${variable}' does not exist: now is a time and has no fields`;
  if (!roots.has(root!)) return `template variable '${variable}' does not exist: ${hint}`;
  return undefined;
}

function join(path: string, key: string): string {
  return path === "" ? key : `${path}.${key}`;
}
