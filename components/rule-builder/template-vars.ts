// The {{variables}} a string param of action N may use: the context roots, and the output of
// the actions that run before it (the server refuses `actions.N` for N ≥ this action's index).

export interface TemplateVar {
  /** What goes between the braces. */
  path: string;
  group: "payload" | "contact" | "event" | "now" | "actions";
}

const fixed: TemplateVar[] = [
  { path: "payload.contactId", group: "payload" },
  { path: "contact.name", group: "contact" },
  { path: "contact.email", group: "contact" },
  { path: "contact.phone", group: "contact" },
  { path: "contact.tags", group: "contact" },
  { path: "event.type", group: "event" },
  { path: "event.id", group: "event" },
  { path: "event.occurredAt", group: "event" },
  { path: "now", group: "now" },
];

export function templateVarsFor(actionIndex: number): TemplateVar[] {
  const earlier: TemplateVar[] = Array.from({ length: Math.max(0, actionIndex) }, (_, i) => ({ path: `actions.${i}.output`, group: "actions" }));
  return [...fixed, ...earlier];
}

/** Inserts `{{path}}` into `text` at the selection, returning the new text and caret position. */
export function insertVariable(text: string, path: string, start: number, end: number): { text: string; caret: number } {
  const token = `{{${path}}}`;
  const s = Math.max(0, Math.min(text.length, start));
  const e = Math.max(s, Math.min(text.length, end));
  return { text: text.slice(0, s) + token + text.slice(e), caret: s + token.length };
}

/** The payload fields a document's templates and condition read (to prefill a test payload). */
export function payloadPathsUsed(doc: unknown): string[] {
  const found = new Set<string>();
  const text = JSON.stringify(doc ?? null);
  for (const m of text.matchAll(/\{\{\s*payload\.([A-Za-z0-9_]+)/g)) found.add(m[1]!);
  for (const m of text.matchAll(/"field":"payload\.([A-Za-z0-9_]+)/g)) found.add(m[1]!);
  return [...found];
}

/** A sample payload naming every payload field the rule reads. */
export function samplePayload(doc: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of payloadPathsUsed(doc)) out[key] = key === "contactId" ? "c-1001" : `sample-${key}`;
  return out;
}
