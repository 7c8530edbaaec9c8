import { describe, expect, it } from "vitest";
import { durationSchema, parseDuration, tryParseDuration } from "./duration";

describe("parseDuration", () => {
  it.each<[string, number]>([
    ["1s", 1_000],
    ["30m", 1_800_000],
    ["2h", 7_200_000],
    ["7d", 604_800_000],
    ["1w", 604_800_000],
    ["1h30m", 5_400_000],
    [" 15M ", 900_000],
  ])("%s = %i ms", (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(["", "7", "d", "7 d", "7days", "-1d", "1.5h", "0s", "1y", "99999999999999999w"])("rejects %j", (text) => {
    expect(() => parseDuration(text)).toThrow(/not a duration/);
    expect(tryParseDuration(text)).toBeUndefined();
    expect(durationSchema.safeParse(text).success).toBe(false);
  });

  it("tryParseDuration tolerates non-strings", () => {
    expect(tryParseDuration(7)).toBeUndefined();
    expect(tryParseDuration(null)).toBeUndefined();
    expect(tryParseDuration("7d")).toBe(604_800_000);
  });
});
