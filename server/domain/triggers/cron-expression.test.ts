import { describe, expect, it } from "vitest";
import { CronSyntaxError, cronSyntaxError, parseCronExpression } from "./cron-expression";

describe("parseCronExpression: accepted shapes", () => {
  it.each([
    // [expression, field, expected values]
    ["* * * * *", "minute", Array.from({ length: 60 }, (_, i) => i)],
    ["*/15 * * * *", "minute", [0, 15, 30, 45]],
    ["5,10-12 * * * *", "minute", [5, 10, 11, 12]],
    ["10-50/20 * * * *", "minute", [10, 30, 50]],
    ["7/20 * * * *", "minute", [7, 27, 47]],
    ["0 9-17/4 * * *", "hour", [9, 13, 17]],
    ["0 0 1,15 * *", "dayOfMonth", [1, 15]],
    ["0 0 * JAN,mar,Dec *", "month", [1, 3, 12]],
    ["0 0 * jan-MAR *", "month", [1, 2, 3]],
    ["0 0 * * MON-FRI", "dayOfWeek", [1, 2, 3, 4, 5]],
    ["0 0 * * 7", "dayOfWeek", [0]],
    ["0 0 * * 5-7", "dayOfWeek", [0, 5, 6]],
    ["0 0 * * sun,SAT", "dayOfWeek", [0, 6]],
    ["0 0 * * */2", "dayOfWeek", [0, 2, 4, 6]],
    ["0 0 ? * MON", "dayOfMonth", Array.from({ length: 31 }, (_, i) => i + 1)],
    ["*/10 0 9 * * *", "second", [0, 10, 20, 30, 40, 50]],
    ["0 9 * * *", "second", [0]],
    ["  0   9 *\t* *  ", "hour", [9]],
    ["@hourly", "minute", [0]],
    ["@weekly", "dayOfWeek", [0]],
  ] as const)("%s → %s %j", (expr, field, values) => {
    expect(parseCronExpression(expr)[field].values).toEqual(values);
  });

  it.each([
    // [expression, days OR-ed?] — POSIX: only when both day fields are restricted
    ["0 0 13 * 5", true],
    ["0 0 * * 5", false],
    ["0 0 13 * *", false],
    ["0 0 */2 * 5", false], // starts with *: still AND, as in Vixie cron
    ["0 0 ? * 5", false],
  ] as const)("%s days OR-ed: %s", (expr, ored) => {
    expect(parseCronExpression(expr).daysOred).toBe(ored);
  });

  it("knows whether seconds were given", () => {
    expect(parseCronExpression("0 9 * * *").hasSeconds).toBe(false);
    expect(parseCronExpression("0 0 9 * * *").hasSeconds).toBe(true);
  });
});

describe("parseCronExpression: errors a person can act on", () => {
  it.each([
    ["61 * * * *", "cron field 'minute': 61 is out of range 0–59"],
    ["* * *", "cron expression needs 5 fields (or 6 with seconds first), got 3"],
    ["* * * * * * *", "cron expression needs 5 fields (or 6 with seconds first), got 7"],
    ["", "cron expression is empty"],
    ["60 * * * * *", "cron field 'second': 60 is out of range 0–59"],
    ["0 24 * * *", "cron field 'hour': 24 is out of range 0–23"],
    ["0 0 0 * *", "cron field 'day of month': 0 is out of range 1–31"],
    ["0 0 32 * *", "cron field 'day of month': 32 is out of range 1–31"],
    ["0 0 * 13 *", "cron field 'month': 13 is out of range 1–12"],
    ["0 0 * * 8", "cron field 'day of week': 8 is out of range 0–7"],
    ["0 0 * JANUARY *", "cron field 'month': unknown name 'JANUARY'"],
    ["0 0 * * MONDAY", "cron field 'day of week': unknown name 'MONDAY'"],
    ["MON * * * *", "cron field 'minute': 'MON' is not a number (allowed: 0–59)"],
    ["1.5 * * * *", "cron field 'minute': '1.5' is not a whole number"],
    ["-1 * * * *", "cron field 'minute': -1 is out of range 0–59"],
    ["*/0 * * * *", "cron field 'minute': step in '*/0' must be at least 1"],
    ["*/x * * * *", "cron field 'minute': step 'x' in '*/x' is not a whole number"],
    ["*/60 * * * *", "cron field 'minute': step 60 in '*/60' is larger than the span 0–59, so it would only ever match 0"],
    ["1/2/3 * * * *", "cron field 'minute': '1/2/3' has more than one '/'"],
    ["50-10 * * * *", "cron field 'minute': range '50-10' runs backwards; split it in two, e.g. '50-59,0-10'"],
    ["0 0 * * FRI-MON", "cron field 'day of week': range 'FRI-MON' runs backwards; split it in two, e.g. 'FRI-SAT,SUN-MON'"],
    ["1,,2 * * * *", "cron field 'minute': empty item in list '1,,2'"],
    ["1-2-3 * * * *", "cron field 'minute': '1-2-3' is not a range like 1-5"],
    ["0 0 L * *", "cron field 'day of month': 'L': L, W and # are not supported"],
    ["0 0 * * 5#3", "cron field 'day of week': '5#3': L, W and # are not supported"],
    ["? 0 * * *", "cron field 'minute': '?' is only allowed in the day-of-month and day-of-week fields"],
    ["0 0 30 2 *", "cron expression never fires: day 30 does not exist in FEB"],
    ["0 0 31 4,6,9,11 *", "cron expression never fires: day 31 does not exist in APR, JUN, SEP, NOV"],
    ["@every 5m", "unknown cron shorthand '@every 5m'"],
  ])("%s → %s", (expr, message) => {
    expect(() => parseCronExpression(expr)).toThrow(CronSyntaxError);
    expect(() => parseCronExpression(expr)).toThrow(message);
  });

  it("day 30 is fine in February when another month allows it", () => {
    expect(() => parseCronExpression("0 0 30 1,2 *")).not.toThrow();
  });

  it("cronSyntaxError returns the message or null", () => {
    expect(cronSyntaxError("0 9 * * 1-5")).toBeNull();
    expect(cronSyntaxError("0 9 * *")).toBe("cron expression needs 5 fields (or 6 with seconds first), got 4");
  });
});
