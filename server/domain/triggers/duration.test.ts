import { describe, expect, it } from "vitest";
import { durationSchema, parseDuration, tryParseDuration } from "./duration";

describe("parseDuration", () => {
  it.each([
    ["45s", 45_000],
    ["30m", 1_800_000],
    ["2h", 7_200_000],
    ["7d", 604_800_000],
    ["1w", 604_800_000],
    ["1h30m", 5_400_000],
    ["90m", 5_400_000],
    [" 5M ", 300_000],
    ["36500d", 36_500 * 86_400_000],
  ])("%s → %d ms", (input, ms) => {
    expect(parseDuration(input)).toBe(ms);
  });

  it.each([
    ["", "duration is empty"],
    ["30", "duration '30' has no unit"],
    ["5 minutes", "'5 minutes' is not a duration"],
    ["1.5h", "duration '1.5h' has a fraction"],
    ["-5m", "duration '-5m' is negative"],
    ["5x", "duration '5x' has an unknown unit 'x'"],
    ["5min", "duration '5min' has an unknown unit 'min'"],
    ["0m", "duration '0m' must be longer than zero"],
    ["99999w", "duration '99999w' is longer than 100 years"],
    ["h", "'h' is not a duration"],
  ])("%j is refused: %s", (input, message) => {
    expect(() => parseDuration(input)).toThrow(message);
    // Every message also says how to write one.
    if (input !== "0m" && input !== "99999w") expect(() => parseDuration(input)).toThrow("such as 45s, 30m");
  });

  it("tryParseDuration never throws", () => {
    expect(tryParseDuration("7d")).toBe(604_800_000);
    expect(tryParseDuration("7 days")).toBeUndefined();
    expect(tryParseDuration(7)).toBeUndefined();
  });

  it("durationSchema keeps the text and reports the parser's message", () => {
    expect(durationSchema.parse("30m")).toBe("30m");
    const result = durationSchema.safeParse("30");
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].message).toContain("duration '30' has no unit");
  });
});
