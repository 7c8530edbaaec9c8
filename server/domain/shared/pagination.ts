// Keyset pagination for every list: `limit` 1–200 (default 50) and an opaque cursor naming the
// last row seen, so page 10,000 costs what page 1 costs.
import { z } from "zod";
import { AppError } from "../../errors";

export const pageInput = {
  limit: z.coerce.number().int().min(1).max(200).default(50),
  cursor: z.string().max(500).optional(),
};

export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

export function encodeCursor(values: (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString("base64url");
}

export function decodeCursor(cursor: string | undefined, arity: number): (string | number | null)[] | null {
  if (!cursor) return null;
  try {
    const v = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(v) && v.length === arity) return v;
  } catch {
    // fall through
  }
  throw new AppError("BAD_REQUEST", "cursor is not valid: pass the nextCursor of the previous page unchanged");
}

/** Fetch limit+1 rows, return limit of them and the cursor of the last one when more exist. */
export function toPage<R, T>(rows: R[], limit: number, map: (r: R) => T, cursorOf: (r: R) => (string | number | null)[]): Page<T> {
  const more = rows.length > limit;
  const slice = more ? rows.slice(0, limit) : rows;
  return {
    items: slice.map(map),
    nextCursor: more ? encodeCursor(cursorOf(slice[slice.length - 1])) : null,
  };
}
