import { describe, expect, it } from "vitest";
import { isValidTimeZone, offsetAt, resolveLocalTime } from "./zone-offset";

const H = 3_600_000;

describe("isValidTimeZone", () => {
  it.each([
    ["UTC", true],
    ["Europe/Paris", true],
    ["America/St_Johns", true],
    ["asia/shanghai", true], // Intl is case-insensitive, so is the scheduler
    ["Mars/Base", false],
    ["+08:00", false], // a raw offset has no DST rules
    ["", false],
    [42, false],
  ])("%j → %s", (tz, ok) => {
    expect(isValidTimeZone(tz)).toBe(ok);
  });
});

describe("offsetAt", () => {
  it.each([
    ["UTC", "2026-07-01T00:00:00Z", 0],
    ["America/New_York", "2026-03-08T06:59:59Z", -5 * H],
    ["America/New_York", "2026-03-08T07:00:00Z", -4 * H],
    ["Australia/Lord_Howe", "2026-10-03T15:29:59Z", 10.5 * H],
    ["Australia/Lord_Howe", "2026-10-03T15:30:00Z", 11 * H],
    ["Pacific/Chatham", "2026-04-04T14:00:00Z", 12.75 * H],
    ["Asia/Kolkata", "2026-01-01T00:00:00Z", 5.5 * H],
  ])("%s at %s", (tz, instant, offset) => {
    expect(offsetAt(tz, Date.parse(instant))).toBe(offset);
  });
});

describe("resolveLocalTime", () => {
  it.each([
    ["an ordinary time (after the change: EDT)", "America/New_York", "2026-03-08T05:00:00Z", "exact", "2026-03-08T09:00:00.000Z", 0],
    ["an ordinary time (before the change: EST)", "America/New_York", "2026-03-08T01:00:00Z", "exact", "2026-03-08T06:00:00.000Z", 0],
    ["a skipped time moves forward by the gap", "America/New_York", "2026-03-08T02:30:00Z", "skipped", "2026-03-08T07:30:00.000Z", H],
    ["a 30-minute gap", "Australia/Lord_Howe", "2026-10-04T02:10:00Z", "skipped", "2026-10-03T15:40:00.000Z", 0.5 * H],
    ["a repeated time resolves to its first instant", "America/New_York", "2026-11-01T01:30:00Z", "repeated", "2026-11-01T05:30:00.000Z", 0],
    ["a repeated time in a 30-minute overlap", "Australia/Lord_Howe", "2026-04-05T01:45:00Z", "repeated", "2026-04-04T14:45:00.000Z", 0],
  ])("%s", (_name, tz, local, kind, instant, gapMs) => {
    const r = resolveLocalTime(tz, Date.parse(local));
    expect([r.kind, new Date(r.instant).toISOString(), r.gapMs]).toEqual([kind, instant, gapMs]);
  });
});
