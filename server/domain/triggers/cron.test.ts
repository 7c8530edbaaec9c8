import { describe, expect, it } from "vitest";
import { nextCronFires, nextCronFire } from "./cron";
import { parseCronCached } from "./cron-expression";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString().replace(".000Z", "Z"));

describe("nextCronFires: field matching (UTC)", () => {
  it.each([
    // [why, expression, after, expected]
    ["every minute, strictly after a fire time", "* * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:01:00Z", "2026-01-01T00:02:00Z"]],
    ["weekdays at 09:00 (Jan 2 2026 is a Friday)", "0 9 * * 1-5", "2026-01-02T09:00:00Z", ["2026-01-05T09:00:00Z", "2026-01-06T09:00:00Z"]],
    ["names for months and weekdays", "0 9 * JAN,MAR MON", "2026-01-20T00:00:00Z", ["2026-01-26T09:00:00Z", "2026-03-02T09:00:00Z"]],
    ["7 is Sunday", "0 0 * * 7", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"]],
    ["0 is Sunday", "0 0 * * 0", "2026-01-01T00:00:00Z", ["2026-01-04T00:00:00Z", "2026-01-11T00:00:00Z"]],
    ["POSIX OR: the 13th OR any Friday", "0 0 13 * 5", "2026-03-01T00:00:00Z", ["2026-03-06T00:00:00Z", "2026-03-13T00:00:00Z", "2026-03-20T00:00:00Z", "2026-03-27T00:00:00Z", "2026-04-03T00:00:00Z", "2026-04-10T00:00:00Z", "2026-04-13T00:00:00Z"]],
    ["AND when day-of-month starts with * (odd days that are Mondays)", "0 0 */2 * 1", "2026-01-01T00:00:00Z", ["2026-01-05T00:00:00Z", "2026-01-19T00:00:00Z", "2026-02-09T00:00:00Z"]],
    ["day 31 skips short months", "0 12 31 * *", "2026-01-31T12:00:00Z", ["2026-03-31T12:00:00Z", "2026-05-31T12:00:00Z"]],
    ["Feb 29 waits for a leap year", "0 0 29 2 *", "2026-01-01T00:00:00Z", ["2028-02-29T00:00:00Z", "2032-02-29T00:00:00Z"]],
    ["seconds first, with steps", "*/20 * * * * *", "2026-01-01T00:00:10Z", ["2026-01-01T00:00:20Z", "2026-01-01T00:00:40Z", "2026-01-01T00:01:00Z"]],
    ["ranges with steps and lists", "0,30 9-17/4 * * *", "2026-01-01T09:00:00Z", ["2026-01-01T09:30:00Z", "2026-01-01T13:00:00Z", "2026-01-01T13:30:00Z", "2026-01-01T17:00:00Z", "2026-01-01T17:30:00Z", "2026-01-02T09:00:00Z"]],
    ["N/step runs to the end of the field", "10/25 * * * *", "2026-01-01T00:00:00Z", ["2026-01-01T00:10:00Z", "2026-01-01T00:35:00Z", "2026-01-01T01:10:00Z"]],
    ["end of year rolls over", "59 23 31 12 *", "2026-06-01T00:00:00Z", ["2026-12-31T23:59:00Z", "2027-12-31T23:59:00Z"]],
    ["after with milliseconds", "* * * * * *", "2026-01-01T00:00:00.500Z", ["2026-01-01T00:00:01Z", "2026-01-01T00:00:02Z"]],
    ["@daily shorthand", "@daily", "2026-01-01T00:00:00Z", ["2026-01-02T00:00:00Z"]],
  ])("%s: %s", (_why, expr, after, expected) => {
    expect(iso(nextCronFires(expr, "UTC", new Date(after), expected.length))).toEqual(expected);
  });

  it("returns nothing for count 0 and an invalid date", () => {
    expect(nextCronFires("* * * * *", "UTC", new Date("2026-01-01T00:00:00Z"), 0)).toEqual([]);
    expect(nextCronFires("* * * * *", "UTC", new Date("nope"), 3)).toEqual([]);
  });

  it("throws clear errors for a bad expression or zone", () => {
    expect(() => nextCronFires("61 * * * *", "UTC", new Date(), 1)).toThrow("cron field 'minute': 61 is out of range 0–59");
    expect(() => nextCronFires("* * * * *", "Mars/Base", new Date(), 1)).toThrow("unknown timezone 'Mars/Base'");
  });

  it("nextCronFire returns the first fire", () => {
    expect(nextCronFire("0 12 * * *", "UTC", new Date("2026-01-01T12:00:00Z"))?.toISOString()).toBe("2026-01-02T12:00:00.000Z");
  });
});

describe("nextCronFires: wall-clock time in the zone", () => {
  it.each([
    ["0 9 * * 1-5", "Asia/Shanghai", "2026-01-02T00:00:00Z", ["2026-01-02T01:00:00Z", "2026-01-05T01:00:00Z"]],
    ["0 9 * * *", "America/New_York", "2026-01-01T00:00:00Z", ["2026-01-01T14:00:00Z"]],
    ["0 9 * * *", "America/New_York", "2026-07-01T00:00:00Z", ["2026-07-01T13:00:00Z"]],
    ["0 0 1 * *", "Asia/Kolkata", "2026-01-01T00:00:00Z", ["2026-01-31T18:30:00Z"]],
    ["0 9 * * 1", "Pacific/Kiritimati", "2026-01-01T00:00:00Z", ["2026-01-04T19:00:00Z"]],
  ])("%s in %s", (expr, tz, after, expected) => {
    expect(iso(nextCronFires(expr, tz, new Date(after), expected.length))).toEqual(expected);
  });
});

// ---------------------------------------------------------------------------------------------
// DST: hand-checked examples of the contract's rules, then every 2026 transition of nine zones
// compared with a brute-force oracle that walks real instants with Intl directly.
// ---------------------------------------------------------------------------------------------

describe("nextCronFires: DST, hand-checked", () => {
  it.each([
    // [what, expression, zone, after, expected]
    ["NY spring: 02:30 is skipped, fires at 03:30 EDT", "30 2 * * *", "America/New_York", "2026-03-07T12:00:00Z", ["2026-03-08T07:30:00Z", "2026-03-09T06:30:00Z"]],
    ["NY spring: hourly has no 02:00 and one 03:00", "0 * * * *", "America/New_York", "2026-03-08T05:30:00Z", ["2026-03-08T06:00:00Z", "2026-03-08T07:00:00Z", "2026-03-08T08:00:00Z"]],
    ["NY spring: */15 never fires 03:00 twice", "*/15 * * * *", "America/New_York", "2026-03-08T06:30:00Z", ["2026-03-08T06:45:00Z", "2026-03-08T07:00:00Z", "2026-03-08T07:15:00Z", "2026-03-08T07:30:00Z", "2026-03-08T07:45:00Z", "2026-03-08T08:00:00Z"]],
    ["NY autumn: hourly fires 01:00 once (EDT), then 02:00 EST", "0 * * * *", "America/New_York", "2026-11-01T04:30:00Z", ["2026-11-01T05:00:00Z", "2026-11-01T07:00:00Z", "2026-11-01T08:00:00Z"]],
    ["NY autumn: 01:30 fires at its first occurrence", "30 1 * * *", "America/New_York", "2026-10-31T12:00:00Z", ["2026-11-01T05:30:00Z", "2026-11-02T06:30:00Z"]],
    ["NY autumn: after the first 01:30, the second is not a fire", "30 1 * * *", "America/New_York", "2026-11-01T05:45:00Z", ["2026-11-02T06:30:00Z"]],
    ["NY autumn: */15 inside the repeated hour runs once", "*/15 * * * *", "America/New_York", "2026-11-01T05:40:00Z", ["2026-11-01T05:45:00Z", "2026-11-01T07:00:00Z"]],
    ["London autumn: 01:30 BST, not GMT", "30 1 * * *", "Europe/London", "2026-10-24T12:00:00Z", ["2026-10-25T00:30:00Z", "2026-10-26T01:30:00Z"]],
    ["Berlin spring: 02:30 → 03:30 CEST", "30 2 * * *", "Europe/Berlin", "2026-03-28T12:00:00Z", ["2026-03-29T01:30:00Z", "2026-03-30T00:30:00Z"]],
    ["Sydney spring: 02:30 → 03:30 AEDT", "30 2 * * *", "Australia/Sydney", "2026-10-03T00:00:00Z", ["2026-10-03T16:30:00Z", "2026-10-04T15:30:00Z"]],
    ["Sydney autumn: 02:30 at its first occurrence (AEDT)", "30 2 * * *", "Australia/Sydney", "2026-04-04T00:00:00Z", ["2026-04-04T15:30:00Z", "2026-04-05T16:30:00Z"]],
    ["Lord Howe spring (30-min gap): 02:00 → 02:30, 02:15 → 02:45, no duplicates", "*/15 * * * *", "Australia/Lord_Howe", "2026-10-03T15:00:00Z", ["2026-10-03T15:15:00Z", "2026-10-03T15:30:00Z", "2026-10-03T15:45:00Z", "2026-10-03T16:00:00Z"]],
    ["Lord Howe autumn (30-min overlap): hourly does not throw, 01:00 +11 then 02:00 +10:30", "0 * * * *", "Australia/Lord_Howe", "2026-04-04T13:30:00Z", ["2026-04-04T14:00:00Z", "2026-04-04T15:30:00Z", "2026-04-04T16:30:00Z"]],
    ["Lord Howe autumn: 01:45 once", "45 1 * * *", "Australia/Lord_Howe", "2026-04-04T00:00:00Z", ["2026-04-04T14:45:00Z", "2026-04-05T15:15:00Z"]],
    ["Lord Howe: a skipped 02:15 sorts after a real 02:35 (moved to 02:45)", "15,35 2 * * *", "Australia/Lord_Howe", "2026-10-03T15:00:00Z", ["2026-10-03T15:35:00Z", "2026-10-03T15:45:00Z", "2026-10-04T15:15:00Z"]],
    ["Lord Howe: asked for one fire, the real 02:35 still beats the moved 02:15", "15,35 2 * * *", "Australia/Lord_Howe", "2026-10-03T15:00:00Z", ["2026-10-03T15:35:00Z"]],
    ["Chatham spring (02:45 → 03:45): real 02:00–02:30 kept, 03:45 once", "*/15 * * * *", "Pacific/Chatham", "2026-09-26T13:00:00Z", ["2026-09-26T13:15:00Z", "2026-09-26T13:30:00Z", "2026-09-26T13:45:00Z", "2026-09-26T14:00:00Z", "2026-09-26T14:15:00Z"]],
    ["Chatham spring: 03:30 → 04:30 +13:45", "30 3 * * *", "Pacific/Chatham", "2026-09-26T00:00:00Z", ["2026-09-26T14:45:00Z"]],
    ["Chatham autumn (03:45 → 02:45): hourly 03:00 once", "0 * * * *", "Pacific/Chatham", "2026-04-04T12:30:00Z", ["2026-04-04T13:15:00Z", "2026-04-04T15:15:00Z"]],
    ["Santiago spring: midnight is skipped, fires at 01:00 -03", "0 0 * * *", "America/Santiago", "2026-09-05T12:00:00Z", ["2026-09-06T04:00:00Z", "2026-09-07T03:00:00Z"]],
    ["Santiago autumn: 23:30 at its first occurrence (-03)", "30 23 * * *", "America/Santiago", "2026-04-04T12:00:00Z", ["2026-04-05T02:30:00Z", "2026-04-06T03:30:00Z"]],
    ["St John's spring: 02:30 → 03:30 NDT", "30 2 * * *", "America/St_Johns", "2026-03-07T12:00:00Z", ["2026-03-08T06:00:00Z", "2026-03-09T05:00:00Z"]],
    ["seconds across NY spring: 03:00:00 once", "*/20 * * * * *", "America/New_York", "2026-03-08T06:59:30Z", ["2026-03-08T06:59:40Z", "2026-03-08T07:00:00Z", "2026-03-08T07:00:20Z"]],
  ])("%s", (_what, expr, tz, after, expected) => {
    expect(iso(nextCronFires(expr, tz, new Date(after), expected.length))).toEqual(expected);
  });

  it("Asia/Shanghai (no DST) fires 02:30 every 24 hours all year", () => {
    const fires = nextCronFires("30 2 * * *", "Asia/Shanghai", new Date("2026-01-01T00:00:00Z"), 365);
    expect(fires[0].toISOString()).toBe("2026-01-01T18:30:00.000Z");
    for (let i = 1; i < fires.length; i++) expect(fires[i].getTime() - fires[i - 1].getTime()).toBe(86_400_000);
  });
});

// --- the oracle -------------------------------------------------------------------------------

const oracleFormatters = new Map<string, Intl.DateTimeFormat>();
/** Wall clock at an instant, as UTC-milliseconds, read straight from Intl (independent of the code under test). */
function wallClock(tz: string, ms: number): number {
  let f = oracleFormatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("en-GB", { timeZone: tz, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric", second: "numeric" });
    oracleFormatters.set(tz, f);
  }
  const p = Object.fromEntries(f.formatToParts(new Date(ms)).map((x) => [x.type, Number(x.value)]));
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** Instants in `year` where the zone's offset changes, found by hourly sampling then bisection. */
function transitions(tz: string, year: number): { at: number; change: number }[] {
  const out: { at: number; change: number }[] = [];
  const offset = (t: number) => wallClock(tz, t) - t;
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 3_600_000) {
    if (offset(t) !== offset(t + 3_600_000)) {
      let lo = t;
      let hi = t + 3_600_000;
      while (hi - lo > 1000) {
        const mid = lo + Math.floor((hi - lo) / 2000) * 1000;
        if (offset(mid) === offset(lo)) lo = mid;
        else hi = mid;
      }
      out.push({ at: hi, change: offset(hi) - offset(lo) });
    }
  }
  return out;
}

/**
 * The contract, by brute force: walk real instants; a matching wall-clock time fires at its first
 * instant; a matching wall-clock time that never appears (jumped over) fires at the instant of the
 * jump plus its distance into the gap. Duplicates collapse into one fire.
 */
function oracle(tz: string, matches: (h: number, m: number, s: number) => boolean, from: number, to: number, step: number): number[] {
  const fires = new Set<number>();
  const seen = new Set<number>();
  let prev: number | null = null;
  const test = (local: number) => {
    const d = new Date(local);
    return matches(d.getUTCHours(), d.getUTCMinutes(), d.getUTCSeconds());
  };
  for (let t = from - 3 * 3_600_000; t <= to; t += step) {
    const local = wallClock(tz, t);
    if (prev !== null && local > prev + step) {
      for (let skipped = prev + step; skipped < local; skipped += step) {
        if (test(skipped)) fires.add(t + (skipped - (prev + step)));
      }
    }
    if (test(local) && !seen.has(local)) fires.add(t);
    seen.add(local);
    prev = local;
  }
  return [...fires].filter((t) => t > from && t <= to).sort((a, b) => a - b);
}

const DST_ZONES = [
  "America/New_York",
  "Europe/London",
  "Europe/Berlin",
  "Australia/Sydney",
  "Australia/Lord_Howe",
  "America/Santiago",
  "Pacific/Chatham",
  "America/St_Johns",
];

const EXPRESSIONS: { expr: string; matches: (h: number, m: number, s: number) => boolean; halfWindowH: number; step: number }[] = [
  { expr: "0 * * * *", matches: (_h, m, s) => m === 0 && s === 0, halfWindowH: 8, step: 60_000 },
  { expr: "30 2 * * *", matches: (h, m, s) => h === 2 && m === 30 && s === 0, halfWindowH: 8, step: 60_000 },
  { expr: "0 0 * * *", matches: (h, m, s) => h === 0 && m === 0 && s === 0, halfWindowH: 8, step: 60_000 },
  { expr: "30 1 * * *", matches: (h, m, s) => h === 1 && m === 30 && s === 0, halfWindowH: 8, step: 60_000 },
  { expr: "*/15 * * * *", matches: (_h, m, s) => m % 15 === 0 && s === 0, halfWindowH: 8, step: 60_000 },
  { expr: "*/20 * * * * *", matches: (_h, _m, s) => s % 20 === 0, halfWindowH: 2, step: 10_000 },
  { expr: "0 */2 * * *", matches: (h, m, s) => h % 2 === 0 && m === 0 && s === 0, halfWindowH: 8, step: 60_000 },
];

describe("nextCronFires: DST contract in every 2026 transition of nine zones (oracle)", () => {
  it("finds two transitions per DST zone in 2026 and none in Asia/Shanghai", () => {
    for (const tz of DST_ZONES) expect(transitions(tz, 2026), tz).toHaveLength(2);
    expect(transitions("Asia/Shanghai", 2026)).toHaveLength(0);
  });

  const cases = [...DST_ZONES, "Asia/Shanghai"].flatMap((tz) => {
    // Shanghai has none; check it around the dates the others change.
    const points = tz === "Asia/Shanghai" ? [{ at: Date.UTC(2026, 2, 8, 7), change: 0 }, { at: Date.UTC(2026, 10, 1, 6), change: 0 }] : transitions(tz, 2026);
    return points.flatMap((tr) =>
      EXPRESSIONS.map((e) => {
        const kind = tr.change > 0 ? "spring" : tr.change < 0 ? "autumn" : "no change";
        return { tz, tr, ...e, label: `${tz}, ${kind} ${new Date(tr.at).toISOString().slice(0, 16)}Z, "${e.expr}"` };
      }),
    );
  });

  // A plain loop, not it.each: vitest shortens $-interpolated labels to 40 characters.
  for (const { label, tz, tr, expr, matches, halfWindowH, step } of cases) it(label, () => {
    const from = tr.at - halfWindowH * 3_600_000;
    const to = tr.at + halfWindowH * 3_600_000;
    const expected = oracle(tz, matches, from, to, step);
    const actual = nextCronFires(expr, tz, new Date(from), expected.length + 1).map((d) => d.getTime());
    expect(iso(actual.slice(0, expected.length).map((t) => new Date(t)))).toEqual(iso(expected.map((t) => new Date(t))));
    // Nothing else inside the window: the next fire is past its end.
    expect(actual[expected.length]).toBeGreaterThan(to);
  });
});

describe("nextCronFires: speed", () => {
  it("computes the next fire of 10,000 different rules quickly", () => {
    const zones = [...DST_ZONES, "Asia/Shanghai", "UTC"];
    const exprs = Array.from({ length: 10_000 }, (_, i) => `${i % 60} ${(i * 7) % 24} * * ${i % 7 === 0 ? "*" : `1-${1 + (i % 6)}`}`);
    const after = new Date("2026-03-08T00:00:00Z");
    const started = performance.now();
    let count = 0;
    exprs.forEach((expr, i) => {
      count += nextCronFires(expr, zones[i % zones.length], after, 1).length;
    });
    const elapsed = performance.now() - started;
    expect(count).toBe(10_000);
    // Measured at ~70 ms cold and ~15 ms warm here; the bound is generous so a slow CI machine still passes, but a
    // regression to per-call Intl formatting or re-parsing (several seconds) fails.
    expect(elapsed).toBeLessThan(3000);
  });

  it("parses each expression once (memoised)", () => {
    expect(parseCronCached("5 4 * * *")).toBe(parseCronCached("5 4 * * *"));
  });
});
