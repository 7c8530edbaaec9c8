import crypto from "node:crypto";

/** A stable 64-bit advisory-lock key for a string (rule + concurrency key). */
export function lockKey(s: string): string {
  return crypto.createHash("sha256").update(s).digest().readBigInt64BE(0).toString();
}
