// AES-256-GCM for credentials at rest, keyed from AUTOFLOW_SECRET. Stored as
// `v1.<iv>.<tag>.<ciphertext>` (base64url) so the format can change with a key rotation.
import crypto from "node:crypto";
import { resolveSecret } from "../../config/secret";

function keyFrom(secret: string): Buffer {
  return crypto.createHash("sha256").update(`autoflow:secret-box:${secret}`).digest();
}

export function encryptSecret(plain: string, secret = resolveSecret()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", keyFrom(secret), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  const tag = cipher.getAuthTag();
  return ["v1", iv.toString("base64url"), tag.toString("base64url"), data.toString("base64url")].join(".");
}

export function decryptSecret(box: string, secret = resolveSecret()): string {
  const [v, iv, tag, data] = box.split(".");
  if (v !== "v1" || !iv || !tag || data === undefined) throw new Error("unknown secret format");
  const decipher = crypto.createDecipheriv("aes-256-gcm", keyFrom(secret), Buffer.from(iv, "base64url"));
  decipher.setAuthTag(Buffer.from(tag, "base64url"));
  return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
}
