import { describe, expect, it } from "vitest";
import { nextFireTimes } from "./next-fires";
import { triggerSchema, type TriggerInput } from "./trigger-schema";

const iso = (dates: Date[]) => dates.map((d) => d.toISOString());
const fires = (input: TriggerInput, from: string, count: number) => iso(nextFireTimes(triggerSchema.parse(input), new Date(from), count));

describe("nextFireTimes", () => {
  it.each<[string, TriggerInput, string, number, string[]]>([
    ["cron in its zone", { type: "cron", cron: "0 9 * * 1-5", timezone: "Asia/Shanghai" }, "2026-01-02T00:00:00Z", 2, ["2026-01-02T01:00:00.000Z", "2026-01-05T01:00:00.000Z"]],
    ["cron in UTC by default", { type: "cron", cron: "0 9 * * *" }, "2026-01-01T09:00:00Z", 1, ["2026-01-02T09:00:00.000Z"]],
    ["interval aligned to the epoch", { type: "interval", everySeconds: 300 }, "2026-01-01T00:07:00Z", 3, ["2026-01-01T00:10:00.000Z", "2026-01-01T00:15:00.000Z", "2026-01-01T00:20:00.000Z"]],
    ["interval strictly after a grid point", { type: "interval", everySeconds: 300 }, "2026-01-01T00:10:00Z", 1, ["2026-01-01T00:15:00.000Z"]],
    ["interval aligned to startAt", { type: "interval", everySeconds: 3600, startAt: "2026-01-01T00:20:00Z" }, "2026-01-01T05:00:00Z", 2, ["2026-01-01T05:20:00.000Z", "2026-01-01T06:20:00.000Z"]],
    ["interval before startAt starts at startAt", { type: "interval", everySeconds: 3600, startAt: "2026-06-01T12:00:00+02:00" }, "2026-01-01T00:00:00Z", 2, ["2026-06-01T10:00:00.000Z", "2026-06-01T11:00:00.000Z"]],
    ["interval exactly at startAt moves on", { type: "interval", everySeconds: 60, startAt: "2026-01-01T00:00:00Z" }, "2026-01-01T00:00:00Z", 1, ["2026-01-01T00:01:00.000Z"]],
    ["interval with a period that does not divide a day", { type: "interval", everySeconds: 7 }, "1970-01-01T00:00:00Z", 2, ["1970-01-01T00:00:07.000Z", "1970-01-01T00:00:14.000Z"]],
    ["once in the future", { type: "once", at: "2026-12-24T09:00:00+08:00" }, "2026-12-24T00:59:59Z", 5, ["2026-12-24T01:00:00.000Z"]],
    ["once exactly now is past", { type: "once", at: "2026-12-24T09:00:00+08:00" }, "2026-12-24T01:00:00Z", 5, []],
    ["once in the past", { type: "once", at: "2020-01-01T00:00:00Z" }, "2026-01-01T00:00:00Z", 1, []],
    ["event has no schedule", { type: "event", event: "order.paid" }, "2026-01-01T00:00:00Z", 3, []],
    ["webhook has no schedule", { type: "webhook" }, "2026-01-01T00:00:00Z", 3, []],
    ["threshold has no schedule", { type: "threshold", metric: "queue_depth", op: ">", value: 1 }, "2026-01-01T00:00:00Z", 3, []],
    ["count 0", { type: "interval", everySeconds: 60 }, "2026-01-01T00:00:00Z", 0, []],
    ["negative count", { type: "cron", cron: "* * * * *" }, "2026-01-01T00:00:00Z", -1, []],
  ])("%s", (_name, trigger, from, count, expected) => {
    expect(fires(trigger, from, count)).toEqual(expected);
  });
});
