// AUTOFLOW_SECRET: taken from the environment, else generated once into .data/secret so that
// sessions and encrypted credentials survive restarts. Production refuses to run without it.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { env } from "../env";

export function resolveSecret(): string {
  const e = env();
  if (e.AUTOFLOW_SECRET) return e.AUTOFLOW_SECRET;
  if (e.NODE_ENV === "production" && !process.env.AUTOFLOW_ALLOW_GENERATED_SECRET) {
    throw new Error("AUTOFLOW_SECRET is required when NODE_ENV=production (at least 16 characters).");
  }
  const file = path.resolve(e.AUTOFLOW_DATA_DIR, "secret");
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const secret = crypto.randomBytes(32).toString("base64url");
  fs.writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
