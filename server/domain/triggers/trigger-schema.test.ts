import { describe, expect, it } from "vitest";
import { isTimeTrigger, triggerSchema, type Trigger } from "./trigger-schema";

function issues(input: unknown): { path: string; message: string }[] {
  const result = triggerSchema.safeParse(input);
  if (result.success) return [];
  return result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("triggerSchema: valid triggers and their defaults", () => {
  it.each([
    [
      "cron with every default",
      { type: "cron", cron: "0 9 * * 1-5" },
      { type: "cron", cron: "0 9 * * 1-5", timezone: "UTC", misfirePolicy: "fire_once", misfireThresholdSeconds: 60, overlapPolicy: "allow", misfireMaxFires: 100 },
    ],
    [
      "cron as in the contract",
      { type: "cron", cron: "0 9 * * 1-5", timezone: "Asia/Shanghai", misfirePolicy: "skip", misfireThresholdSeconds: 0, overlapPolicy: "queue", misfireMaxFires: 1000 },
      { type: "cron", cron: "0 9 * * 1-5", timezone: "Asia/Shanghai", misfirePolicy: "skip", misfireThresholdSeconds: 0, overlapPolicy: "queue", misfireMaxFires: 1000 },
    ],
    [
      "cron with seconds, trimmed",
      { type: "cron", cron: "  */10 * * * * * ", timezone: "Australia/Lord_Howe", misfirePolicy: "fire_all" },
      { type: "cron", cron: "*/10 * * * * *", timezone: "Australia/Lord_Howe", misfirePolicy: "fire_all", misfireThresholdSeconds: 60, overlapPolicy: "allow", misfireMaxFires: 100 },
    ],
    ["interval", { type: "interval", everySeconds: 300 }, { type: "interval", everySeconds: 300 }],
    [
      "interval with startAt",
      { type: "interval", everySeconds: 1, startAt: "2026-01-01T00:00:00Z" },
      { type: "interval", everySeconds: 1, startAt: "2026-01-01T00:00:00Z" },
    ],
    ["once with an offset", { type: "once", at: "2026-12-24T09:00:00+08:00" }, { type: "once", at: "2026-12-24T09:00:00+08:00" }],
    ["event", { type: "event", event: "order.paid" }, { type: "event", event: "order.paid" }],
    ["event with : and -", { type: "event", event: "shop:order-paid_v2" }, { type: "event", event: "shop:order-paid_v2" }],
    ["webhook", { type: "webhook" }, { type: "webhook" }],
    [
      "threshold with defaults",
      { type: "threshold", metric: "queue_depth", op: ">", value: 100 },
      { type: "threshold", metric: "queue_depth", op: ">", value: 100, everySeconds: 60, cooldownSeconds: 3600 },
    ],
    [
      "threshold failure_rate with a window",
      { type: "threshold", metric: "failure_rate", op: ">=", value: 0.2, window: "15m", everySeconds: 5, cooldownSeconds: 0 },
      { type: "threshold", metric: "failure_rate", op: ">=", value: 0.2, window: "15m", everySeconds: 5, cooldownSeconds: 0 },
    ],
    [
      "threshold event_count",
      { type: "threshold", metric: "event_count", op: "<", value: 1, window: "1h", eventType: "heartbeat" },
      { type: "threshold", metric: "event_count", op: "<", value: 1, window: "1h", eventType: "heartbeat", everySeconds: 60, cooldownSeconds: 3600 },
    ],
    [
      "threshold http_json",
      { type: "threshold", metric: "http_json", op: "!=", value: 0, url: "https://status.example.com/api", jsonPath: "$.errors" },
      { type: "threshold", metric: "http_json", op: "!=", value: 0, url: "https://status.example.com/api", jsonPath: "$.errors", everySeconds: 60, cooldownSeconds: 3600 },
    ],
  ])("%s", (_name, input, expected) => {
    expect(triggerSchema.parse(input)).toEqual(expected);
  });
});

describe("triggerSchema: invalid triggers say what to fix, at the right path", () => {
  it.each([
    ["cron minute out of range", { type: "cron", cron: "61 * * * *" }, "cron", "cron field 'minute': 61 is out of range 0–59"],
    ["cron with 3 fields", { type: "cron", cron: "* * *" }, "cron", "cron expression needs 5 fields (or 6 with seconds first), got 3"],
    ["cron that never fires", { type: "cron", cron: "0 0 30 2 *" }, "cron", "cron expression never fires: day 30 does not exist in FEB"],
    ["unknown timezone", { type: "cron", cron: "0 9 * * *", timezone: "Mars/Base" }, "timezone", "unknown timezone 'Mars/Base' (use an IANA name such as Europe/Paris)"],
    ["offset instead of a zone", { type: "cron", cron: "0 9 * * *", timezone: "+08:00" }, "timezone", "unknown timezone '+08:00' (use an IANA name such as Europe/Paris)"],
    ["bad misfire policy", { type: "cron", cron: "0 9 * * *", misfirePolicy: "later" }, "misfirePolicy", ""],
    ["misfire threshold above a day", { type: "cron", cron: "0 9 * * *", misfireThresholdSeconds: 86_401 }, "misfireThresholdSeconds", ""],
    ["negative misfire threshold", { type: "cron", cron: "0 9 * * *", misfireThresholdSeconds: -1 }, "misfireThresholdSeconds", ""],
    ["fractional misfire threshold", { type: "cron", cron: "0 9 * * *", misfireThresholdSeconds: 1.5 }, "misfireThresholdSeconds", ""],
    ["misfireMaxFires 0", { type: "cron", cron: "0 9 * * *", misfireMaxFires: 0 }, "misfireMaxFires", ""],
    ["misfireMaxFires 1001", { type: "cron", cron: "0 9 * * *", misfireMaxFires: 1001 }, "misfireMaxFires", ""],
    ["bad overlap policy", { type: "cron", cron: "0 9 * * *", overlapPolicy: "replace" }, "overlapPolicy", ""],
    ["misspelt key is not ignored", { type: "cron", cron: "0 9 * * *", timeZone: "Europe/Paris" }, "", "Unrecognized key"],
    ["interval 0", { type: "interval", everySeconds: 0 }, "everySeconds", ""],
    ["interval above a year", { type: "interval", everySeconds: 31_536_001 }, "everySeconds", "everySeconds is at most 31536000"],
    ["interval fractional", { type: "interval", everySeconds: 2.5 }, "everySeconds", ""],
    ["interval startAt without offset", { type: "interval", everySeconds: 60, startAt: "2026-01-01T00:00:00" }, "startAt", "with an offset"],
    ["once without offset", { type: "once", at: "2026-12-24T09:00:00" }, "at", "with an offset"],
    ["once not a date", { type: "once", at: "tomorrow" }, "at", "ISO 8601"],
    ["event empty", { type: "event", event: "" }, "event", "event name is required"],
    ["event with a space", { type: "event", event: "order paid" }, "event", "letters, digits and _ . : -"],
    ["event too long", { type: "event", event: "a".repeat(201) }, "event", "at most 200"],
    ["webhook with extras", { type: "webhook", secret: "x" }, "", "Unrecognized key"],
    ["threshold unknown metric", { type: "threshold", metric: "cpu", op: ">", value: 1 }, "metric", "failure_rate, queue_depth, event_count, http_json"],
    ["threshold bad op", { type: "threshold", metric: "queue_depth", op: "=>", value: 1 }, "op", ""],
    ["threshold value not a number", { type: "threshold", metric: "queue_depth", op: ">", value: "1" }, "value", ""],
    ["threshold checked too often", { type: "threshold", metric: "queue_depth", op: ">", value: 1, everySeconds: 4 }, "everySeconds", "at least 5"],
    ["threshold negative cooldown", { type: "threshold", metric: "queue_depth", op: ">", value: 1, cooldownSeconds: -1 }, "cooldownSeconds", ""],
    ["threshold bad window", { type: "threshold", metric: "failure_rate", op: ">", value: 0.5, window: "5 minutes" }, "window", "not a duration"],
    ["event_count without eventType", { type: "threshold", metric: "event_count", op: ">", value: 1 }, "eventType", "event_count needs eventType"],
    ["http_json without url", { type: "threshold", metric: "http_json", op: ">", value: 1, jsonPath: "$.n" }, "url", "http_json needs url"],
    ["http_json without jsonPath", { type: "threshold", metric: "http_json", op: ">", value: 1, url: "https://x.example" }, "jsonPath", "http_json needs jsonPath"],
    ["http_json with a non-http url", { type: "threshold", metric: "http_json", op: ">", value: 1, url: "ftp://x.example/a", jsonPath: "$.n" }, "url", "http(s)"],
    ["unknown type", { type: "hourly" }, "type", ""],
    ["no type", { cron: "0 9 * * *" }, "type", ""],
  ])("%s", (_name, input, path, message) => {
    const found = issues(input);
    expect(found.length).toBeGreaterThan(0);
    expect(found.some((i) => i.path === path && i.message.includes(message)), JSON.stringify(found)).toBe(true);
  });

  it("reports both http_json omissions at once", () => {
    expect(issues({ type: "threshold", metric: "http_json", op: ">", value: 1 }).map((i) => i.path).sort()).toEqual(["jsonPath", "url"]);
  });
});

describe("isTimeTrigger", () => {
  it.each([
    [{ type: "cron", cron: "* * * * *" }, true],
    [{ type: "interval", everySeconds: 5 }, true],
    [{ type: "once", at: "2026-01-01T00:00:00Z" }, true],
    [{ type: "event", event: "a" }, false],
    [{ type: "webhook" }, false],
    [{ type: "threshold", metric: "queue_depth", op: ">", value: 1 }, false],
  ])("%j → %s", (input, expected) => {
    const t: Trigger = triggerSchema.parse(input);
    expect(isTimeTrigger(t)).toBe(expected);
  });
});
