// API tokens: `af_` + 32 random bytes. Only the SHA-256 is stored, so a database leak reveals
// no usable token; the token is shown once, when created.
import crypto from "node:crypto";
import { prisma } from "../db";
import type { Actor, Role } from "./roles";

export function hashToken(token: string): string {
  return crypto.createHash("sha256").update(token).digest("hex");
}

export function generateToken(): string {
  return `af_${crypto.randomBytes(32).toString("base64url")}`;
}

export async function createApiToken(name: string, role: Role, createdBy: string) {
  const token = generateToken();
  const row = await prisma().apiToken.create({
    data: { name, role, tokenHash: hashToken(token), prefix: token.slice(0, 8), createdBy },
  });
  return { id: row.id, name: row.name, role: row.role, prefix: row.prefix, createdAt: row.createdAt.toISOString(), token };
}

// Token lookups happen on every API call; a short cache keeps them off the database
// while a revoked token still stops working within seconds.
const cache = new Map<string, { actor: Actor | null; until: number }>();
const CACHE_MS = 5_000;

export async function actorFromToken(token: string): Promise<Actor | null> {
  const hash = hashToken(token);
  const hit = cache.get(hash);
  const now = Date.now();
  if (hit && hit.until > now) return hit.actor;
  const row = await prisma().apiToken.findUnique({ where: { tokenHash: hash } });
  const actor: Actor | null =
    row && !row.revokedAt ? { kind: "token", id: row.id, name: row.name, role: row.role } : null;
  cache.set(hash, { actor, until: now + CACHE_MS });
  if (cache.size > 10_000) cache.clear();
  if (row && actor && (!row.lastUsedAt || now - row.lastUsedAt.getTime() > 60_000)) {
    void prisma().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date() } }).catch(() => {});
  }
  return actor;
}

export function forgetTokenCache(): void {
  cache.clear();
}
