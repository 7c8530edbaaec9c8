// The rule's `execution` object (server/domain/rules/execution-control.ts) as the settings form
// sees it: a toggle per section plus its inputs, and back. Pure, tested in
// execution-settings.test.ts. The document stays the source of truth: a section is on when the
// document has it, and the form writes `undefined` (no `execution` key at all) when nothing is set.
import type { z } from "zod";
import { executionControlSchema } from "@/server/domain/rules/execution-control";
import { templateVariablePattern } from "@/server/domain/templates/template-syntax";
import type { FieldIssues } from "./issue-map";
import type { TemplateVar } from "./template-vars";

type Obj = Record<string, unknown>;

export const EXECUTION_SECTIONS = ["concurrency", "rateLimit", "debounce"] as const;
export type ExecutionSection = (typeof EXECUTION_SECTIONS)[number];

export interface ExecutionForm {
  timeoutSeconds?: number;
  concurrency: { enabled: boolean; limit?: number; key: string };
  rateLimit: { enabled: boolean; limit?: number; perSeconds?: number };
  debounce: { enabled: boolean; windowSeconds?: number; key: string };
  /**
   * Whatever else the document holds (a key the schema does not know, or one inside a section),
   * kept as it is so the schema can point at it instead of the form silently dropping it.
   */
  extra: { root: Obj; concurrency: Obj; rateLimit: Obj; debounce: Obj };
}

/** What a section starts with when it is switched on (and nothing was remembered for it). */
export const SECTION_DEFAULTS = {
  concurrency: { limit: 1 },
  rateLimit: { limit: 10, perSeconds: 1 },
  debounce: { windowSeconds: 5 },
} as const satisfies Record<ExecutionSection, Obj>;

const known = {
  root: ["timeoutSeconds", ...EXECUTION_SECTIONS],
  concurrency: ["limit", "key"],
  rateLimit: ["limit", "perSeconds"],
  debounce: ["windowSeconds", "key"],
} as const;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function rest(v: unknown, keys: readonly string[]): Obj {
  if (!isObj(v)) return {};
  return Object.fromEntries(Object.entries(v).filter(([k, x]) => !keys.includes(k) && x !== undefined));
}

/** A number as the inputs show it; anything else (a string from the JSON view) shows as empty. */
function num(v: unknown): number | undefined {
  return typeof v === "number" && Number.isFinite(v) ? v : undefined;
}

function str(v: unknown): string {
  return typeof v === "string" ? v : "";
}

export function formFromExecution(value: unknown): ExecutionForm {
  const e = isObj(value) ? value : {};
  const c = isObj(e.concurrency) ? e.concurrency : {};
  const r = isObj(e.rateLimit) ? e.rateLimit : {};
  const d = isObj(e.debounce) ? e.debounce : {};
  return {
    timeoutSeconds: num(e.timeoutSeconds),
    concurrency: { enabled: e.concurrency !== undefined, limit: num(c.limit), key: str(c.key) },
    rateLimit: { enabled: e.rateLimit !== undefined, limit: num(r.limit), perSeconds: num(r.perSeconds) },
    debounce: { enabled: e.debounce !== undefined, windowSeconds: num(d.windowSeconds), key: str(d.key) },
    extra: {
      root: rest(e, known.root),
      concurrency: rest(c, known.concurrency),
      rateLimit: rest(r, known.rateLimit),
      debounce: rest(d, known.debounce),
    },
  };
}

/** Drops undefined values (and an empty key: the key is optional, "" means none). */
function compact(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([k, v]) => v !== undefined && !(k === "key" && v === "")));
}

/** The `execution` object for the document: undefined when nothing is set, never `{}`. */
export function executionFromForm(form: ExecutionForm): Obj | undefined {
  const out: Obj = {};
  if (form.timeoutSeconds !== undefined) out.timeoutSeconds = form.timeoutSeconds;
  const { concurrency: c, rateLimit: r, debounce: d, extra } = form;
  if (c.enabled) out.concurrency = compact({ limit: c.limit, key: c.key, ...extra.concurrency });
  if (r.enabled) out.rateLimit = compact({ limit: r.limit, perSeconds: r.perSeconds, ...extra.rateLimit });
  if (d.enabled) out.debounce = compact({ windowSeconds: d.windowSeconds, key: d.key, ...extra.debounce });
  Object.assign(out, extra.root);
  return Object.keys(out).length > 0 ? out : undefined;
}

/** The values a section's inputs hold, as stored (to remember them while it is switched off). */
export function sectionValue(form: ExecutionForm, section: ExecutionSection): Obj {
  return (executionFromForm({ ...form, timeoutSeconds: undefined, extra: { ...form.extra, root: {} } })?.[section] as Obj | undefined) ?? {};
}

/** Switches a section on (with `restore`, else its defaults) or off. */
export function toggleSection(form: ExecutionForm, section: ExecutionSection, on: boolean, restore?: Obj): ExecutionForm {
  if (!on) return { ...form, [section]: { ...form[section], enabled: false }, extra: { ...form.extra, [section]: {} } };
  const seeded = formFromExecution({ [section]: restore && Object.keys(restore).length > 0 ? restore : SECTION_DEFAULTS[section] });
  return { ...form, [section]: seeded[section], extra: { ...form.extra, [section]: seeded.extra[section] } };
}

function valueAt(value: unknown, path: readonly PropertyKey[]): unknown {
  let cur = value;
  for (const p of path) {
    if (!isObj(cur)) return undefined;
    cur = cur[String(p)];
  }
  return cur;
}

/**
 * One problem with an input, as the panel words it in the reader's language; `text` is the
 * schema's own message (anything the panel has no words for, and whatever the server said).
 */
export type ExecIssue =
  | { kind: "required" }
  | { kind: "min" | "max"; bound: number }
  | { kind: "int" }
  | { kind: "keyTemplate" }
  | { kind: "text"; text: string };

export type ExecIssues = Record<string, ExecIssue[]>;

function describe(issue: z.core.$ZodIssue, value: unknown): ExecIssue {
  const leaf = issue.path[issue.path.length - 1];
  if (issue.code === "invalid_type" && issue.path.length > 0 && valueAt(value, issue.path) === undefined) return { kind: "required" };
  if (issue.code === "invalid_type" && issue.expected === "int") return { kind: "int" };
  if (issue.code === "too_small" && typeof issue.minimum === "number" && issue.origin === "number") return { kind: "min", bound: issue.minimum };
  if (issue.code === "too_big" && typeof issue.maximum === "number" && issue.origin === "number") return { kind: "max", bound: issue.maximum };
  if (leaf === "key" && issue.code === "custom") return { kind: "keyTemplate" };
  return { kind: "text", text: issue.message };
}

/**
 * The schema's verdict on an `execution` value, by path inside it ("concurrency.limit";
 * "" for the object itself).
 */
export function executionIssues(value: unknown): ExecIssues {
  if (value === undefined) return {};
  const r = executionControlSchema.safeParse(value);
  if (r.success) return {};
  const out: ExecIssues = {};
  for (const issue of r.error.issues) (out[issue.path.map(String).join(".")] ??= []).push(describe(issue, value));
  return out;
}

/**
 * Adds the issues from elsewhere under `execution.*` (the whole-document check, the server's
 * 422), re-keyed like executionIssues. Where the local check already has something to say about a
 * path, the document's messages for it are the same schema's and are left out.
 */
export function mergeIssues(local: ExecIssues, documentIssues: FieldIssues): ExecIssues {
  const out: ExecIssues = { ...local };
  for (const [path, msgs] of Object.entries(documentIssues)) {
    if (path !== "execution" && !path.startsWith("execution.")) continue;
    const key = path === "execution" ? "" : path.slice("execution.".length);
    if (local[key]) continue;
    const list = (out[key] = [...(out[key] ?? [])]);
    for (const m of msgs) if (!list.some((x) => x.kind === "text" && x.text === m)) list.push({ kind: "text", text: m });
  }
  return out;
}

/** The issues under one section ("concurrency" → {"": […], limit: […], key: […]}). */
export function sectionIssues<M>(issues: Record<string, M[]>, section: string): Record<string, M[]> {
  const out: Record<string, M[]> = {};
  for (const [path, msgs] of Object.entries(issues)) {
    if (path === section) (out[""] ??= []).push(...msgs);
    else if (path.startsWith(`${section}.`)) (out[path.slice(section.length + 1).split(".")[0]!] ??= []).push(...msgs);
  }
  return out;
}

/** Which one-line explanation the concurrency section shows (null while the limit is unset). */
export function concurrencyMode(form: ExecutionForm): "perKeyInOrder" | "perKey" | "oneAtATime" | "limited" | null {
  const { limit, key } = form.concurrency;
  if (!form.concurrency.enabled || limit === undefined || limit < 1) return null;
  if (key !== "") return limit === 1 ? "perKeyInOrder" : "perKey";
  return limit === 1 ? "oneAtATime" : "limited";
}

/**
 * The variables a concurrency or debounce key can use: the key is rendered when the execution is
 * admitted, from its payload and event only (no contact, no step outputs yet).
 */
export const KEY_TEMPLATE_VARS: TemplateVar[] = [
  { path: "payload.contactId", group: "payload" },
  { path: "event.type", group: "event" },
  { path: "event.id", group: "event" },
];

/** Variables in a key that render empty at admission (anything not under payload or event). */
export function keyVariablesOutOfScope(key: string): string[] {
  const out: string[] = [];
  for (const m of key.matchAll(templateVariablePattern())) {
    const root = m[1]!.split(".")[0];
    if (root !== "payload" && root !== "event" && !out.includes(m[1]!)) out.push(m[1]!);
  }
  return out;
}
