// Next fire times of a cron expression in an IANA zone, following the product contract:
// - fields match LOCAL wall-clock time (POSIX: day-of-month OR day-of-week when both restricted);
// - a local time skipped by a spring-forward change fires once, moved forward by the gap
//   (02:30 → 03:30), and never a second time when the moved time coincides with a real fire;
// - a local time that happens twice (fall back) fires once, at its FIRST occurrence.
//
// Written here rather than delegated to cron-parser 5.10 because, measured in 2026 across the
// zones in cron.test.ts, it fires repeated local times twice (hourly at 01:00 EDT and 01:00 EST),
// throws "loop limit exceeded" for an hourly rule in Australia/Lord_Howe (30-minute DST), and at
// Pacific/Chatham's 02:45 change drops real times and repeats others. The approach: walk matching
// wall-clock times in order (cheap field arithmetic on a UTC-as-local calendar), then map each to
// an instant with the zone's offsets (zone-offset.ts), which is where the DST rules live.
import { parseCronCached, type ParsedCron } from "./cron-expression";
import { isValidTimeZone, offsetAt, resolveLocalTime, timeZoneError } from "./zone-offset";

const SECOND = 1_000;
const HOUR = 3_600_000;
// Every valid expression matches within 28 years (the calendar repeats; leap days need ≤ 8);
// the limit only stops a search that cannot succeed.
const SEARCH_YEARS = 30;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function dayMatches(p: ParsedCron, year: number, month: number, day: number): boolean {
  const dom = p.dayOfMonth.allowed[day] === true;
  const dow = p.dayOfWeek.allowed[new Date(Date.UTC(year, month - 1, day)).getUTCDay()] === true;
  return p.daysOred ? dom || dow : dom && dow;
}

function firstAtOrAfter(values: number[], v: number): number | undefined {
  for (const x of values) if (x >= v) return x;
  return undefined;
}

/**
 * The first wall-clock time (UTC-as-local milliseconds, whole seconds) at or after `fromLocal`
 * that matches every field, or null if none within SEARCH_YEARS.
 */
export function nextLocalMatch(p: ParsedCron, fromLocal: number): number | null {
  const d = new Date(Math.ceil(fromLocal / SECOND) * SECOND);
  let year = d.getUTCFullYear();
  let month = d.getUTCMonth() + 1;
  let day = d.getUTCDate();
  let hour = d.getUTCHours();
  let minute = d.getUTCMinutes();
  let second = d.getUTCSeconds();
  const lastYear = year + SEARCH_YEARS;

  // Each step either accepts a field or advances to the next candidate of that field and resets
  // the smaller ones; the loop ends when all fields are accepted together.
  for (;;) {
    if (year > lastYear) return null;
    if (!p.month.allowed[month]) {
      const m = firstAtOrAfter(p.month.values, month + 1);
      if (m === undefined) {
        year++;
        month = p.month.values[0];
      } else month = m;
      day = 1;
      hour = minute = second = 0;
      continue;
    }
    if (day > daysInMonth(year, month) || !dayMatches(p, year, month, day)) {
      day++;
      if (day > daysInMonth(year, month)) {
        day = 1;
        month++;
        if (month > 12) {
          month = 1;
          year++;
        }
      }
      hour = minute = second = 0;
      continue;
    }
    const h = firstAtOrAfter(p.hour.values, hour);
    if (h === undefined) {
      day++;
      hour = minute = second = 0;
      if (day > daysInMonth(year, month)) {
        day = 1;
        month++;
        if (month > 12) {
          month = 1;
          year++;
        }
      }
      continue;
    }
    if (h !== hour) {
      hour = h;
      minute = second = 0;
    }
    const m = firstAtOrAfter(p.minute.values, minute);
    if (m === undefined) {
      hour++;
      minute = second = 0;
      if (hour > 23) {
        hour = 0;
        day++;
        if (day > daysInMonth(year, month)) {
          day = 1;
          month++;
          if (month > 12) {
            month = 1;
            year++;
          }
        }
      }
      continue;
    }
    if (m !== minute) {
      minute = m;
      second = 0;
    }
    const s = firstAtOrAfter(p.second.values, second);
    if (s === undefined) {
      minute++;
      second = 0;
      if (minute > 59) {
        minute = 0;
        hour++;
        if (hour > 23) {
          hour = 0;
          day++;
          if (day > daysInMonth(year, month)) {
            day = 1;
            month++;
            if (month > 12) {
              month = 1;
              year++;
            }
          }
        }
      }
      continue;
    }
    return Date.UTC(year, month - 1, day, hour, minute, s);
  }
}

function insertSorted(list: number[], value: number): void {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid] < value) lo = mid + 1;
    else hi = mid;
  }
  // Equal instants are one fire: a skipped time moved onto a real fire time fires once.
  if (list[lo] !== value) list.splice(lo, 0, value);
}

/**
 * The next `count` fire times of `expression` in `timeZone`, strictly after `after`, ascending.
 * Throws CronSyntaxError for a bad expression and RangeError for an unknown zone.
 */
export function nextCronFires(expression: string, timeZone: string, after: Date, count: number): Date[] {
  const parsed = parseCronCached(expression);
  if (!isValidTimeZone(timeZone)) throw new RangeError(timeZoneError(timeZone));
  const wanted = Math.floor(count);
  const afterMs = after.getTime();
  if (!(wanted > 0) || Number.isNaN(afterMs)) return [];

  // Scan wall-clock times from the earliest one that can still map to an instant after `after`:
  // a skipped time maps with the offset from BEFORE its change, so start with the smallest offset
  // in force during the last day (covers gaps up to a day, e.g. Samoa's skipped 2011-12-30).
  const minOffset = Math.min(offsetAt(timeZone, afterMs), offsetAt(timeZone, afterMs - 25 * HOUR));
  let cursor = afterMs + minOffset;

  const found: number[] = [];
  // Moved-forward (skipped) times land up to one gap later than their wall-clock order suggests,
  // so real times up to that far ahead may still sort before them; keep scanning until past it.
  let settledFrom = -Infinity;
  for (;;) {
    const local = nextLocalMatch(parsed, cursor);
    if (local === null) break;
    const { instant, kind, gapMs } = resolveLocalTime(timeZone, local);
    if (kind === "skipped") settledFrom = Math.max(settledFrom, local + gapMs);
    if (instant > afterMs) insertSorted(found, instant);
    if (found.length >= wanted && local >= settledFrom) break;
    cursor = local + SECOND;
  }
  return found.slice(0, wanted).map((ms) => new Date(ms));
}

/** The first fire strictly after `after`, or null when the expression can never fire again. */
export function nextCronFire(expression: string, timeZone: string, after: Date): Date | null {
  return nextCronFires(expression, timeZone, after, 1)[0] ?? null;
}
