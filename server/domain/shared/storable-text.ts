// Postgres text and jsonb cannot hold U+0000, and jsonb refuses unpaired UTF-16 surrogates
// ("\ud800" alone). JSON allows both, so input carrying them would reach the database and fail
// there (a 500, or an event redelivered forever). Every entry point checks input with this first
// and answers 400 naming the place.

const UNSTORABLE = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

export function isStorableText(s: string): boolean {
  return !UNSTORABLE.test(s);
}

/** How deep a request's JSON may nest. Deeper input is refused up front: serialising it again
 *  (JSON.stringify, the database driver) would overflow the stack. Real documents stay far below. */
export const MAX_INPUT_DEPTH = 100;

export interface InputProblem {
  path: string;
  message: string;
}

/** The first problem that would stop this JSON from being stored, or null: a string (value or key)
 *  Postgres cannot hold, or nesting deeper than MAX_INPUT_DEPTH. Iterative: a document nested
 *  100 000 levels deep is walked without recursion. */
export function inputProblem(value: unknown): InputProblem | null {
  const stack: { v: unknown; path: string; depth: number }[] = [{ v: value, path: "", depth: 0 }];
  const at = (path: string, key: string) => (path ? `${path}.${key}` : key);
  while (stack.length) {
    const { v, path, depth } = stack.pop()!;
    if (typeof v === "string") {
      if (!isStorableText(v)) return { path: path || "(body)", message: UNSTORABLE_MESSAGE };
    } else if (v !== null && typeof v === "object") {
      if (depth >= MAX_INPUT_DEPTH) return { path: path.length > 200 ? `${path.slice(0, 200)}…` : path || "(body)", message: `nested more than ${MAX_INPUT_DEPTH} levels deep` };
      for (const [k, x] of Object.entries(v)) {
        if (!isStorableText(k)) return { path: at(path, JSON.stringify(k).slice(1, -1)), message: UNSTORABLE_MESSAGE };
        stack.push({ v: x, path: at(path, k), depth: depth + 1 });
      }
    }
  }
  return null;
}

/** inputProblem's path only (null when the input can be stored). */
export function unstorableTextPath(value: unknown): string | null {
  return inputProblem(value)?.path ?? null;
}

export const UNSTORABLE_MESSAGE = "text must not contain NUL (\\u0000) characters or unpaired UTF-16 surrogates";

/** A value from a request, for an error message: never throws (String() does on `{"toString": 1}`),
 *  never long, never a whole nested document. */
export function shownValue(v: unknown): string {
  if (typeof v === "string") return v.length > 100 ? `${v.slice(0, 100)}…` : v;
  if (v === null || typeof v === "number" || typeof v === "boolean") return String(v);
  return Array.isArray(v) ? "an array" : typeof v === "object" ? "an object" : typeof v;
}

const UNSTORABLE_ALL = new RegExp(UNSTORABLE.source, "g");

/** The text with every character Postgres cannot store replaced by U+FFFD. */
export function storableText(s: string): string {
  return isStorableText(s) ? s : s.replace(UNSTORABLE_ALL, "\ufffd");
}

/**
 * A copy of data from OUTSIDE (an HTTP response, a gateway's answer) that can always be stored
 * and serialised: unstorable characters replaced, nesting cut at MAX_INPUT_DEPTH. Without it one
 * hostile endpoint answering "\u0000" (or JSON nested 100 000 deep) makes the engine's write of
 * the whole batch fail on every retry.
 */
export function storableCopy(value: unknown, depth = 0): unknown {
  if (typeof value === "string") return storableText(value);
  if (value === null || typeof value !== "object") return value;
  if (depth >= MAX_INPUT_DEPTH) return `[nested more than ${MAX_INPUT_DEPTH} levels deep]`;
  if (Array.isArray(value)) return value.map((x) => storableCopy(x, depth + 1));
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(value)) {
    // defineProperty: a key "__proto__" stays a plain key.
    Object.defineProperty(out, storableText(k), { value: storableCopy(x, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}
