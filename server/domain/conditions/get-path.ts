/**
 * Reads a dot path ("payload.items.0.sku") out of an execution context.
 *
 * Rule authors choose the path and the payload comes from outside, so the lookup
 * must never reach into the prototype chain: "__proto__", "constructor" and
 * "prototype" always read as missing, and only an object's OWN properties count
 * (a payload `{}` has no "toString"). Arrays are indexed with plain digits
 * ("tags.0"); "tags.length" works too because length is an own property of arrays.
 * Primitives have no fields: "payload.name.length" on a string is missing.
 */

/** Path segments that could touch an object's prototype; they never resolve. */
export const forbiddenPathSegments: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Splits "a.b.0" into ["a", "b", "0"]; an empty path has no segments. */
export function splitPath(path: string): string[] {
  return path === "" ? [] : path.split(".");
}

/** The value at `path` inside `obj`, or undefined when any step is missing. */
export function getPath(obj: unknown, path: string | readonly string[]): unknown {
  const segments = typeof path === "string" ? splitPath(path) : path;
  let current: unknown = obj;
  for (const segment of segments) {
    if (current === null || typeof current !== "object") return undefined;
    if (forbiddenPathSegments.has(segment)) return undefined;
    if (Array.isArray(current) && !/^(0|[1-9]\d*)$/.test(segment) && segment !== "length") return undefined;
    if (!Object.hasOwn(current, segment)) return undefined;
    current = (current as Record<string, unknown>)[segment];
  }
  return current;
}
