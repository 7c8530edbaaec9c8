import { describe, expect, it } from "vitest";
import { BOUNDS_MS, BUCKETS, addHistograms, quantileMs } from "./histogram";

const hist = (counts: Record<number, number>) => Array.from({ length: BUCKETS }, (_, i) => counts[i] ?? 0);

describe("duration histogram", () => {
  it("has no answer without data", () => {
    expect(quantileMs(hist({}), 0.5)).toBeNull();
  });

  it("interpolates inside the bucket that holds the rank, like histogram_quantile", () => {
    // 100 durations in (100, 250] ms: the median is half way through that bucket.
    const h = hist({ 4: 100 });
    expect(BOUNDS_MS[3]).toBe(100);
    expect(BOUNDS_MS[4]).toBe(250);
    expect(quantileMs(h, 0.5)).toBe(175);
    expect(quantileMs(h, 0.95)).toBeCloseTo(242.5);
  });

  it("finds p50 and p95 across buckets", () => {
    // 90 fast (≤ 10 ms), 10 slow (1–2.5 s): p50 is fast, p95 is in the slow bucket.
    const h = hist({ 0: 90, 7: 10 });
    expect(quantileMs(h, 0.5)!).toBeLessThanOrEqual(10);
    expect(quantileMs(h, 0.95)!).toBeGreaterThan(1000);
    expect(quantileMs(h, 0.95)!).toBeLessThanOrEqual(2500);
  });

  it("answers the last bound for the open-ended bucket, and adds element-wise", () => {
    expect(quantileMs(hist({ [BUCKETS - 1]: 3 }), 0.5)).toBe(BOUNDS_MS[BOUNDS_MS.length - 1]);
    expect(addHistograms(hist({ 1: 2 }), hist({ 1: 3, 2: 1 }))).toEqual(hist({ 1: 5, 2: 1 }));
  });
});
