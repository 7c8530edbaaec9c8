import { describe, expect, it } from "vitest";
import { decryptSecret, encryptSecret } from "./secret-box";

describe("secret box", () => {
  it("round-trips and never contains the plain text", () => {
    const box = encryptSecret("hunter2-password", "k".repeat(32));
    expect(box).not.toContain("hunter2");
    expect(decryptSecret(box, "k".repeat(32))).toBe("hunter2-password");
  });
  it("refuses a wrong key or a tampered box", () => {
    const box = encryptSecret("x", "a".repeat(32));
    expect(() => decryptSecret(box, "b".repeat(32))).toThrow();
    const parts = box.split(".");
    parts[3] = Buffer.from("y").toString("base64url");
    expect(() => decryptSecret(parts.join("."), "a".repeat(32))).toThrow();
  });
});
