import { describe, expect, it } from "vitest";
import { retryDelayMs, retryPolicySchema } from "./retry-policy";

describe("retryDelayMs", () => {
  const policy = retryPolicySchema.parse({ maxAttempts: 5, initialDelayMs: 1000, backoffFactor: 2, maxDelayMs: 5000 });
  it.each([
    [1, 1000],
    [2, 2000],
    [3, 4000],
    [4, 5000],
  ])("after attempt %i waits %i ms without jitter", (attempt, expected) => {
    expect(retryDelayMs(policy, attempt, () => 0.5)).toBe(expected);
  });
  it("jitter stays within ±20 %", () => {
    expect(retryDelayMs(policy, 1, () => 0)).toBe(800);
    expect(retryDelayMs(policy, 1, () => 0.999999)).toBe(1200);
  });
  it("rejects unknown fields and out-of-range values", () => {
    expect(retryPolicySchema.safeParse({ maxAttempts: 0 }).success).toBe(false);
    expect(retryPolicySchema.safeParse({ tries: 3 }).success).toBe(false);
  });
});
