export function iso(d: Date | string | null | undefined): string | null {
  if (d == null) return null;
  return (d instanceof Date ? d : new Date(d)).toISOString();
}

/** ISO date-times that Postgres can store: years 0001–9999 in UTC ("0000-…" passes ISO 8601 and
 *  JavaScript, but the database refuses it — a 500 instead of a 400 without this check). */
export function isStorableInstant(v: string): boolean {
  const t = Date.parse(v);
  if (!Number.isFinite(t)) return false;
  const year = new Date(t).getUTCFullYear();
  return year >= 1 && year <= 9999;
}

export const STORABLE_INSTANT_MESSAGE = "the date must be between the years 0001 and 9999";
