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

// Token lookups happen on every API call; a short cache keeps them off the database. Revocation
// still takes effect promptly: at once in the process that revokes (revokeToken empties the
// cache), and within TOKEN_CACHE_MS (2 s) in any other web process. Concurrent requests with the
// same token share one lookup; a lookup that failed is not kept. last_used_at is written at most
// once a minute per token, off the request's path. The cache lives on globalThis: the web process
// loads this module twice (Next's bundle, and the ingest fast path of
// server/web/ingest-fast-path.ts), and a revocation must reach both copies.
export const TOKEN_CACHE_MS = 2_000;
const LAST_USED_EVERY_MS = 60_000;
interface TokenCache {
  entries: Map<string, { actor: Promise<Actor | null>; until: number }>;
  lastUsedWrite: Map<string, number>;
}
const g = globalThis as unknown as { __autoflowTokenCache?: TokenCache };
const cache: TokenCache = (g.__autoflowTokenCache ??= { entries: new Map(), lastUsedWrite: new Map() });

async function lookUp(hash: string): Promise<Actor | null> {
  const row = await prisma().apiToken.findUnique({ where: { tokenHash: hash } });
  if (!row || row.revokedAt) return null;
  const now = Date.now();
  const last = Math.max(row.lastUsedAt?.getTime() ?? 0, cache.lastUsedWrite.get(row.id) ?? 0);
  if (now - last > LAST_USED_EVERY_MS) {
    cache.lastUsedWrite.set(row.id, now);
    if (cache.lastUsedWrite.size > 10_000) cache.lastUsedWrite.clear();
    void prisma().apiToken.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } }).catch(() => {});
  }
  return { kind: "token", id: row.id, name: row.name, role: row.role };
}

export async function actorFromToken(token: string): Promise<Actor | null> {
  const hash = hashToken(token);
  const now = Date.now();
  const hit = cache.entries.get(hash);
  if (hit && hit.until > now) return hit.actor;
  const actor = lookUp(hash);
  const entry = { actor, until: now + TOKEN_CACHE_MS };
  if (cache.entries.size >= 10_000) cache.entries.clear();
  cache.entries.set(hash, entry);
  // A failed lookup (database unavailable) is not remembered: the next request asks again.
  actor.catch(() => {
    if (cache.entries.get(hash) === entry) cache.entries.delete(hash);
  });
  return actor;
}

/** Forgets every cached lookup (a revocation is rare; the next requests look their token up again). */
export function forgetTokenCache(): void {
  cache.entries.clear();
}
