import { describe, expect, it } from "vitest";
import { signWebhook, verifyWebhookSignature } from "./verify-signature";

describe("webhook signatures", () => {
  const secret = "whsec_test";
  const body = '{"a":1}';
  const now = 1_800_000_000;
  it("accepts a fresh, matching signature", () => {
    expect(verifyWebhookSignature(secret, body, signWebhook(secret, body, now), now + 10).ok).toBe(true);
  });
  it.each([
    ["missing", null],
    ["malformed", "v1=abc"],
    ["wrong secret", signWebhook("other", body, now)],
    ["other body", signWebhook(secret, '{"a":2}', now)],
    ["six minutes old", signWebhook(secret, body, now - 360)],
    ["from the future", signWebhook(secret, body, now + 360)],
  ])("refuses %s", (_, header) => {
    expect(verifyWebhookSignature(secret, body, header, now).ok).toBe(false);
  });
});
