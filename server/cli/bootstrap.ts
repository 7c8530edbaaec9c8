// What every process needs before it serves: a database URL (embedded Postgres when none is
// given), the schema migrated, the secret resolved, and on first start one admin user.
import crypto from "node:crypto";
import path from "node:path";
import { env, resetEnvCache } from "../env";
import { migrate } from "../db/migrate";
import { startEmbeddedPostgres, type EmbeddedDb } from "../db/embedded-postgres";
import { resolveSecret } from "../config/secret";
import { prisma } from "../db";
import { hashPassword } from "../auth/password";

export async function ensureDatabase(log: (s: string) => void): Promise<EmbeddedDb | null> {
  if (process.env.DATABASE_URL) return null;
  const dir = path.join(env().AUTOFLOW_DATA_DIR, "pg");
  log(`DATABASE_URL is not set: starting embedded Postgres in ${dir}`);
  const db = await startEmbeddedPostgres(dir, { log });
  process.env.DATABASE_URL = db.url;
  resetEnvCache();
  return db;
}

export async function migrateDatabase(log: (s: string) => void): Promise<void> {
  const applied = await migrate(process.env.DATABASE_URL!, log);
  log(applied.length ? `database migrated (${applied.length} new)` : "database is up to date");
}

/** Creates the first admin when there is no user at all; returns the password if it generated one. */
export async function ensureAdmin(log: (s: string) => void): Promise<{ email: string; password: string | null } | null> {
  const count = await prisma().user.count();
  if (count > 0) return null;
  const e = env();
  const password = e.ADMIN_PASSWORD ?? crypto.randomBytes(9).toString("base64url");
  await prisma().user.create({
    data: { email: e.ADMIN_EMAIL.toLowerCase(), role: "admin", passwordHash: await hashPassword(password), name: "Administrator" },
  });
  log(`created the first admin user ${e.ADMIN_EMAIL}`);
  return { email: e.ADMIN_EMAIL, password: e.ADMIN_PASSWORD ? null : password };
}

export function ensureSecret(): void {
  process.env.AUTOFLOW_SECRET = resolveSecret();
  // next-auth's proxy reads NEXTAUTH_SECRET; it is the same key.
  process.env.NEXTAUTH_SECRET ??= process.env.AUTOFLOW_SECRET;
  resetEnvCache();
}
