// Webhook signatures: `X-Autoflow-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "t.body">`.
// The timestamp is signed too, and must be within 5 minutes, so a captured request cannot be
// replayed later; comparison is constant-time.
import crypto from "node:crypto";

export const SIGNATURE_TOLERANCE_SECONDS = 300;

export function signWebhook(secret: string, body: string, t = Math.floor(Date.now() / 1000)): string {
  const v1 = crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex");
  return `t=${t},v1=${v1}`;
}

export type SignatureCheck = { ok: true; t: number; v1: string } | { ok: false; reason: string };

export function verifyWebhookSignature(secret: string, body: string, header: string | null, nowSeconds = Date.now() / 1000): SignatureCheck {
  if (!header) return { ok: false, reason: "missing X-Autoflow-Signature header" };
  const parts = Object.fromEntries(
    header.split(",").map((p) => {
      const i = p.indexOf("=");
      return [p.slice(0, i).trim(), p.slice(i + 1).trim()];
    }),
  );
  const t = Number(parts.t);
  const v1 = parts.v1;
  if (!Number.isInteger(t) || !v1 || !/^[0-9a-f]{64}$/i.test(v1)) {
    return { ok: false, reason: "malformed signature: expected t=<unix seconds>,v1=<hex HMAC-SHA256>" };
  }
  if (Math.abs(nowSeconds - t) > SIGNATURE_TOLERANCE_SECONDS) {
    return { ok: false, reason: "signature timestamp is more than 5 minutes away from now" };
  }
  const expected = crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest();
  const given = Buffer.from(v1, "hex");
  if (given.length !== expected.length || !crypto.timingSafeEqual(given, expected)) {
    return { ok: false, reason: "signature does not match" };
  }
  return { ok: true, t, v1: v1.toLowerCase() };
}
