// Credentials check for the browser login, throttled so passwords cannot be guessed at speed:
//  - per email: after 5 failures in 15 minutes that account's logins wait (any password fails);
//  - per client IP: after 20 failures in 15 minutes (any emails) that address waits, which stops
//    one client trying a common password against many accounts.
// The IP is the last X-Forwarded-For hop (what a reverse proxy appends; Next.js sets it to the
// socket address when the header is absent). When the app is exposed without a proxy a client can
// write that header itself, so the per-email limit is the one that always holds.
// Counters live in this process's memory (bounded); one web process serves logins in `npm start`.
import { prisma } from "../db";
import { hashPassword, verifyPassword } from "./password";
import type { Actor, Role } from "./roles";

export const LOGIN_WINDOW_MS = 15 * 60_000;
export const MAX_FAILURES_PER_EMAIL = 5;
export const MAX_FAILURES_PER_IP = 20;
const MAX_TRACKED_KEYS = 50_000;

const failures = new Map<string, number[]>();

function recent(key: string, now: number): number[] {
  const list = (failures.get(key) ?? []).filter((t) => now - t < LOGIN_WINDOW_MS);
  if (list.length) failures.set(key, list);
  else failures.delete(key);
  return list;
}

function recordFailure(key: string, now: number): void {
  if (failures.size >= MAX_TRACKED_KEYS) {
    for (const k of [...failures.keys()]) recent(k, now);
    // Still full of live keys (a flood of random emails): forget the oldest half.
    if (failures.size >= MAX_TRACKED_KEYS) for (const k of [...failures.keys()].slice(0, MAX_TRACKED_KEYS / 2)) failures.delete(k);
  }
  failures.set(key, [...recent(key, now), now]);
}

const emailKey = (email: string) => `email:${email.trim().toLowerCase()}`;
const ipKey = (ip: string) => `ip:${ip}`;

/** True when this email, or this client address, has failed too often lately. */
export function isThrottled(email: string, ip?: string | null, now = Date.now()): boolean {
  if (recent(emailKey(email), now).length >= MAX_FAILURES_PER_EMAIL) return true;
  return !!ip && recent(ipKey(ip), now).length >= MAX_FAILURES_PER_IP;
}

/** Counts one failed login for the email and (when known) the client address. */
export function recordLoginFailure(email: string, ip?: string | null, now = Date.now()): void {
  recordFailure(emailKey(email), now);
  if (ip) recordFailure(ipKey(ip), now);
}

/** How many emails and addresses are being tracked (bounded by MAX_TRACKED_KEYS). */
export function trackedLoginKeys(): number {
  return failures.size;
}

export const MAX_TRACKED_LOGIN_KEYS = MAX_TRACKED_KEYS;

/** Tests: forget every counter. */
export function resetLoginThrottle(): void {
  failures.clear();
}

type HeaderBag = Headers | Record<string, string | string[] | undefined> | undefined | null;

/** The client address from the request headers next-auth hands to `authorize` (null when absent). */
export function clientIpFrom(headers: HeaderBag): string | null {
  if (!headers) return null;
  const get = (name: string): string | undefined => {
    if (typeof (headers as Headers).get === "function") return (headers as Headers).get(name) ?? undefined;
    const v = (headers as Record<string, string | string[] | undefined>)[name];
    return Array.isArray(v) ? v.join(",") : v;
  };
  const hops = (get("x-forwarded-for") ?? "").split(",").map((s) => s.trim()).filter(Boolean);
  const ip = hops.at(-1) ?? get("x-real-ip")?.trim();
  if (!ip || ip.length > 100) return null;
  return ip.replace(/^::ffff:/i, "").toLowerCase();
}

// Unknown emails cost a bcrypt check too, so the answer time does not tell which accounts exist.
let dummyHash: Promise<string> | undefined;

export async function authenticateUser(emailRaw: string, password: string, opts: { ip?: string | null } = {}): Promise<Actor | null> {
  const email = String(emailRaw ?? "").trim().toLowerCase();
  const ip = opts.ip ?? null;
  if (!email || !password || email.length > 320 || password.length > 1024) return null;
  const now = Date.now();
  if (isThrottled(email, ip, now)) return null;
  const user = await prisma().user.findUnique({ where: { email } });
  const ok = user
    ? !user.disabled && (await verifyPassword(password, user.passwordHash))
    : await verifyPassword(password, await (dummyHash ??= hashPassword("autoflow-no-such-user"))).then(() => false);
  if (!ok || !user) {
    recordLoginFailure(email, ip, now);
    return null;
  }
  failures.delete(emailKey(email));
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
