import { describe, expect, it } from "vitest";
import { compactNumber, labelIndexes, niceStep, niceTicks } from "./scale";

describe("chart scale", () => {
  it("picks round steps", () => {
    expect(niceStep(0.7)).toBe(1);
    expect(niceStep(1.7)).toBe(2);
    expect(niceStep(23)).toBe(25);
    expect(niceStep(420)).toBe(500);
  });
  it("covers the maximum with whole ticks from zero", () => {
    expect(niceTicks(0)).toEqual([0, 1]);
    expect(niceTicks(3)).toEqual([0, 1, 2, 3]);
    expect(niceTicks(147)).toEqual([0, 50, 100, 150]);
    expect(niceTicks(1000).at(-1)).toBeGreaterThanOrEqual(1000);
  });
  it("shortens big numbers and spaces labels", () => {
    expect(compactNumber(950)).toBe("950");
    expect(compactNumber(12_345)).toBe("12.3k");
    expect(compactNumber(2_500_000)).toBe("2.5M");
    expect(labelIndexes(61, 7)).toEqual([0, 10, 20, 30, 40, 50, 60]);
    expect(labelIndexes(3, 7)).toEqual([0, 1, 2]);
  });
});
