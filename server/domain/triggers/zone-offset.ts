// UTC offsets of IANA zones from the runtime's own tz database (Intl), without a date library.
// Intl formatting costs microseconds per call and cron search asks for offsets constantly, so
// offsets are cached per zone and UTC day: one day either has a single offset or one change,
// whose exact instant is found once by bisection.
const DAY_MS = 86_400_000;

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    // Throws RangeError for an unknown zone; callers validate first and get a clear message.
    f = new Intl.DateTimeFormat("en-US", {
      timeZone,
      hourCycle: "h23",
      era: "short",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(timeZone, f);
  }
  return f;
}

/**
 * True for a zone name the runtime knows (IANA, case-insensitive as Intl is). Raw offsets such as
 * "+05:00" are refused: they have no DST rules, so a schedule written with one drifts by an hour
 * twice a year for anyone who meant a real place.
 */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== "string" || !/^[A-Za-z]/.test(timeZone)) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

export function timeZoneError(timeZone: string): string {
  return `unknown timezone '${timeZone}' (use an IANA name such as Europe/Paris)`;
}

/** Wall-clock time in the zone, expressed as if it were UTC milliseconds (whole seconds). */
function wallClockMs(timeZone: string, instantMs: number): number {
  const parts = formatterFor(timeZone).formatToParts(new Date(instantMs));
  let year = 0, month = 1, day = 1, hour = 0, minute = 0, second = 0, bc = false;
  for (const p of parts) {
    switch (p.type) {
      case "year": year = Number(p.value); break;
      case "month": month = Number(p.value); break;
      case "day": day = Number(p.value); break;
      case "hour": hour = Number(p.value); break;
      case "minute": minute = Number(p.value); break;
      case "second": second = Number(p.value); break;
      case "era": bc = p.value.startsWith("B"); break;
    }
  }
  if (bc) year = 1 - year;
  const d = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  d.setUTCFullYear(year); // Date.UTC maps years 0–99 to 1900–1999
  return d.getTime();
}

function rawOffsetMs(timeZone: string, instantMs: number): number {
  const whole = Math.floor(instantMs / 1000) * 1000;
  return wallClockMs(timeZone, whole) - whole;
}

type DayEntry = number | { changeAt: number; before: number; after: number };

const dayCache = new Map<string, Map<number, DayEntry>>();
const MAX_DAYS_PER_ZONE = 50_000;

function dayEntry(timeZone: string, day: number): DayEntry {
  let days = dayCache.get(timeZone);
  if (!days) {
    days = new Map();
    dayCache.set(timeZone, days);
  }
  let entry = days.get(day);
  if (entry !== undefined) return entry;
  const start = day * DAY_MS;
  const end = start + DAY_MS;
  const before = rawOffsetMs(timeZone, start);
  const after = rawOffsetMs(timeZone, end);
  if (before === after) {
    // Assumes no zone changes its offset twice within one UTC day and back again; tzdb has no such
    // day since the 1940s.
    entry = before;
  } else {
    // Offsets change on whole seconds; bisect to the first second that has the new offset.
    let lo = start / 1000; // has `before`
    let hi = end / 1000; // has `after`
    while (hi - lo > 1) {
      const mid = Math.floor((lo + hi) / 2);
      if (rawOffsetMs(timeZone, mid * 1000) === before) lo = mid;
      else hi = mid;
    }
    entry = { changeAt: hi * 1000, before, after };
  }
  if (days.size >= MAX_DAYS_PER_ZONE) days.clear();
  days.set(day, entry);
  return entry;
}

/** Offset of the zone from UTC at an instant, in milliseconds (local = instant + offset). */
export function offsetAt(timeZone: string, instantMs: number): number {
  const entry = dayEntry(timeZone, Math.floor(instantMs / DAY_MS));
  if (typeof entry === "number") return entry;
  return instantMs < entry.changeAt ? entry.before : entry.after;
}

/**
 * The instant a local wall-clock time (as UTC milliseconds) names in the zone:
 * - `exact`: it happens once;
 * - `repeated`: it happens twice (clocks went back); the FIRST instant is returned;
 * - `skipped`: it never happens (clocks went forward); the instant returned is the wall time
 *   moved forward by the gap (RFC 5545: 02:30 in a 1-hour gap is 03:30), and `gapMs` is the gap.
 */
export function resolveLocalTime(
  timeZone: string,
  localMs: number,
): { instant: number; kind: "exact" | "repeated" | "skipped"; gapMs: number } {
  // Offsets on Earth lie within −12h…+14h, so the instant lies within [local − 14h, local + 12h];
  // the offsets at both ends of that span are the only candidates (one change at most in 26 hours).
  const early = offsetAt(timeZone, localMs - 14 * 3_600_000);
  const late = offsetAt(timeZone, localMs + 12 * 3_600_000);
  if (early === late) return { instant: localMs - early, kind: "exact", gapMs: 0 };
  const a = localMs - early;
  const b = localMs - late;
  const aValid = offsetAt(timeZone, a) === early;
  const bValid = offsetAt(timeZone, b) === late;
  if (aValid && bValid) return { instant: Math.min(a, b), kind: "repeated", gapMs: 0 };
  if (aValid) return { instant: a, kind: "exact", gapMs: 0 };
  if (bValid) return { instant: b, kind: "exact", gapMs: 0 };
  // In a gap: read the wall time with the offset from before the change.
  return { instant: a, kind: "skipped", gapMs: late - early };
}
