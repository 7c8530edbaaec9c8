// Credentials check for the browser login. Throttled per email: after 5 failures in 15 minutes
// the account waits, so passwords cannot be guessed at speed.
import { prisma } from "../db";
import { verifyPassword } from "./password";
import type { Actor, Role } from "./roles";

const failures = new Map<string, number[]>();
const WINDOW_MS = 15 * 60_000;
const MAX_FAILURES = 5;

export function isThrottled(email: string, now = Date.now()): boolean {
  const list = (failures.get(email) ?? []).filter((t) => now - t < WINDOW_MS);
  failures.set(email, list);
  return list.length >= MAX_FAILURES;
}

export async function authenticateUser(emailRaw: string, password: string): Promise<Actor | null> {
  const email = emailRaw.trim().toLowerCase();
  if (!email || !password || isThrottled(email)) return null;
  const user = await prisma().user.findUnique({ where: { email } });
  const ok = user && !user.disabled && (await verifyPassword(password, user.passwordHash));
  if (!ok || !user) {
    failures.set(email, [...(failures.get(email) ?? []), Date.now()]);
    return null;
  }
  failures.delete(email);
  await prisma().user.update({ where: { id: user.id }, data: { lastLoginAt: new Date() } });
  return { kind: "user", id: user.id, name: user.email, role: user.role as Role };
}

// Sessions carry the user id; the role is read fresh (cached 5 s) so a demotion or a disabled
// account takes effect at once, not when the session expires.
const cache = new Map<string, { actor: Actor | null; until: number }>();

export async function actorFromUserId(id: string): Promise<Actor | null> {
  const hit = cache.get(id);
  if (hit && hit.until > Date.now()) return hit.actor;
  const user = await prisma().user.findUnique({ where: { id } }).catch(() => null);
  const actor: Actor | null = user && !user.disabled ? { kind: "user", id: user.id, name: user.email, role: user.role as Role } : null;
  cache.set(id, { actor, until: Date.now() + 5_000 });
  return actor;
}
