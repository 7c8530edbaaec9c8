// Login throttling from the attacker's side: guessing one account's password, and one client
// spraying a password across many accounts. Against the real users table and bcrypt.
import crypto from "node:crypto";
import { afterAll, beforeEach, describe, expect, test } from "vitest";
import { closeDb, prisma } from "../db";
import { hashPassword } from "./password";
import {
  authenticateUser, clientIpFrom, isThrottled, LOGIN_WINDOW_MS, MAX_FAILURES_PER_EMAIL, MAX_FAILURES_PER_IP, MAX_TRACKED_LOGIN_KEYS,
  recordLoginFailure, resetLoginThrottle, trackedLoginKeys,
} from "./authenticate";

const PASSWORD = "correct horse battery";
let hash: string;

async function user(role: "viewer" | "admin" = "viewer", disabled = false): Promise<string> {
  hash ??= await hashPassword(PASSWORD);
  const email = `login-${crypto.randomUUID().slice(0, 8)}@example.com`;
  await prisma().user.create({ data: { email, role, passwordHash: hash, disabled } });
  return email;
}

beforeEach(() => resetLoginThrottle());
afterAll(async () => {
  await prisma().user.deleteMany({ where: { email: { startsWith: "login-" } } });
  await closeDb();
});

describe("authenticateUser", () => {
  test("the right password signs in (email case and spaces ignored); wrong, empty, unknown or disabled do not", async () => {
    const email = await user("admin");
    expect(await authenticateUser(`  ${email.toUpperCase()} `, PASSWORD)).toMatchObject({ kind: "user", name: email, role: "admin" });
    expect(await authenticateUser(email, "wrong")).toBeNull();
    expect(await authenticateUser(email, "")).toBeNull();
    expect(await authenticateUser("", PASSWORD)).toBeNull();
    expect(await authenticateUser("nobody@example.com", PASSWORD)).toBeNull();
    expect(await authenticateUser(await user("viewer", true), PASSWORD)).toBeNull();
    // Absurd sizes are refused before any work (no bcrypt on a megabyte).
    expect(await authenticateUser(email, "x".repeat(5000))).toBeNull();
  });

  test(`per email: after ${MAX_FAILURES_PER_EMAIL} failures even the right password is refused, from any address; other accounts are unaffected`, async () => {
    const victim = await user();
    const other = await user();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) {
      expect(await authenticateUser(victim, `guess-${i}`, { ip: `198.51.100.${i}` })).toBeNull();
    }
    expect(isThrottled(victim)).toBe(true);
    expect(await authenticateUser(victim, PASSWORD, { ip: "203.0.113.9" })).toBeNull();
    expect(await authenticateUser(victim.toUpperCase(), PASSWORD)).toBeNull();
    expect(await authenticateUser(other, PASSWORD)).not.toBeNull();
    // The window passes: the account opens again.
    expect(isThrottled(victim, null, Date.now() + LOGIN_WINDOW_MS + 1)).toBe(false);
  });

  test("a success clears the account's failures", async () => {
    const email = await user();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await authenticateUser(email, "nope");
    expect(await authenticateUser(email, PASSWORD)).not.toBeNull();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL - 1; i++) await authenticateUser(email, "nope");
    expect(await authenticateUser(email, PASSWORD)).not.toBeNull();
  });

  test(`per client IP: ${MAX_FAILURES_PER_IP} failures across many accounts lock that address out, not others`, async () => {
    const attacker = "192.0.2.66";
    for (let i = 0; i < MAX_FAILURES_PER_IP; i++) {
      // A different (non-existent) account each time: the per-email limit never trips.
      expect(await authenticateUser(`spray-${i}@example.com`, "Summer2025!", { ip: attacker })).toBeNull();
    }
    const email = await user();
    expect(isThrottled(email, attacker)).toBe(true);
    expect(await authenticateUser(email, PASSWORD, { ip: attacker })).toBeNull();
    expect(await authenticateUser(email, PASSWORD, { ip: "192.0.2.67" })).not.toBeNull();
    expect(await authenticateUser(email, PASSWORD)).not.toBeNull();
  });

  test("a flood of distinct emails keeps memory bounded and throttling working", async () => {
    const now = Date.now();
    for (let i = 0; i < MAX_TRACKED_LOGIN_KEYS + 10_000; i++) recordLoginFailure(`flood-${i}@example.com`, null, now);
    expect(trackedLoginKeys()).toBeLessThanOrEqual(MAX_TRACKED_LOGIN_KEYS);
    const email = await user();
    for (let i = 0; i < MAX_FAILURES_PER_EMAIL; i++) await authenticateUser(email, "bad");
    expect(await authenticateUser(email, PASSWORD)).toBeNull();
  }, 60_000);
});

describe("clientIpFrom", () => {
  test("the last X-Forwarded-For hop (what the nearest proxy saw), else X-Real-IP; IPv4-mapped IPv6 unwrapped", () => {
    expect(clientIpFrom({ "x-forwarded-for": "10.0.0.1, 203.0.113.7" })).toBe("203.0.113.7");
    expect(clientIpFrom(new Headers({ "x-forwarded-for": "::ffff:198.51.100.4" }))).toBe("198.51.100.4");
    expect(clientIpFrom({ "x-real-ip": "2001:DB8::1" })).toBe("2001:db8::1");
    expect(clientIpFrom({})).toBeNull();
    expect(clientIpFrom(undefined)).toBeNull();
    expect(clientIpFrom({ "x-forwarded-for": "x".repeat(500) })).toBeNull();
  });
});
