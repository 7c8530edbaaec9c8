// Web hardening from the attacker's side, in-process:
//  - CSRF: the real tRPC route handler refuses a mutation with a foreign Origin or none (403)
//    before any procedure runs; a same-origin one gets through (session mocked: Next's request
//    scope does not exist outside the server);
//  - body cap on tRPC (413, read no further than the cap);
//  - the session cookie set by the real credentials login (next-auth core with our options) is
//    httpOnly, SameSite=Lax, and Secure with a __Secure- name over https; login needs next-auth's CSRF token;
//  - security headers and CSP from next.config.mjs;
//  - no component inserts HTML (dangerouslySetInnerHTML) and any iframe is sandboxed without scripts.
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import { createRequire } from "node:module";
import type { AuthHandler as AuthHandlerFn } from "../../node_modules/next-auth/core";
import type { Actor } from "../../server/auth/roles";
import { closeDb, pool, prisma } from "../../server/db";
import { hashPassword } from "../../server/auth/password";
import { resetLoginThrottle } from "../../server/auth/authenticate";
import { api } from "../helpers/api";

const session: { actor: Actor | null } = { actor: null };
vi.mock("@/app/_lib/session-actor", () => ({ sessionActor: async () => session.actor }));

const { POST, GET } = await import("@/app/api/trpc/[trpc]/route");
const { MAX_TRPC_BODY_BYTES, capBody } = await import("@/app/api/trpc/[trpc]/request-guard");
const { authOptions } = await import("@/app/_lib/auth-options");

// next-auth's core (what its route handler runs) is not in the package's exports map: load the file.
const { AuthHandler } = createRequire(import.meta.url)(path.resolve("node_modules/next-auth/core/index.js")) as { AuthHandler: typeof AuthHandlerFn };

const HOST = "autoflow.test:3000";
const editor: Actor = { kind: "user", id: crypto.randomUUID(), name: "csrf-editor@example.com", role: "editor" };
let ruleId: string;

function trpcPost(procedure: string, input: unknown, headers: Record<string, string>) {
  return POST(
    new Request(`http://${HOST}/api/trpc/${procedure}`, {
      method: "POST",
      headers: { "content-type": "application/json", host: HOST, ...headers },
      body: JSON.stringify(input),
    }),
  );
}

async function ruleExists(id: string): Promise<boolean> {
  const { rows } = await pool().query(`SELECT deleted_at FROM automation_rule WHERE rule_id = $1`, [id]);
  return rows[0]?.deleted_at === null;
}

beforeAll(async () => {
  const created = await api("POST", "/rules", {
    body: { name: "csrf target", trigger: { type: "event", event: "csrf.target" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] },
    role: "editor",
  });
  expect(created.status).toBe(201);
  ruleId = created.body.id;
});
afterAll(async () => {
  delete process.env.NEXTAUTH_URL;
  await closeDb();
});

describe("CSRF on tRPC (the real route handler)", () => {
  test("a mutation from a foreign origin is refused with 403 and does nothing", async () => {
    session.actor = editor;
    const res = await trpcPost("rules.delete", { id: ruleId, confirm: true }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect(await res.json()).toEqual({ error: { code: "FORBIDDEN", message: "cross-origin request refused" } });
    expect(await ruleExists(ruleId)).toBe(true);
  });

  test("a mutation without an Origin header is refused with 403", async () => {
    session.actor = editor;
    const res = await trpcPost("rules.delete", { id: ruleId, confirm: true }, {});
    expect(res.status).toBe(403);
    expect(await ruleExists(ruleId)).toBe(true);
  });

  test("lookalike origins are refused too (other port, other scheme host, null, garbage)", async () => {
    session.actor = editor;
    for (const origin of ["http://autoflow.test:3001", "http://autoflow.test", "http://autoflow.test:3000.evil.example", "null", "not a url"]) {
      const res = await trpcPost("rules.delete", { id: ruleId, confirm: true }, { origin });
      expect(res.status, origin).toBe(403);
    }
    expect(await ruleExists(ruleId)).toBe(true);
  });

  test("the same origin gets through to the procedure (which asks for confirmation first)", async () => {
    session.actor = editor;
    const ask = await trpcPost("rules.delete", { id: ruleId }, { origin: `http://${HOST}` });
    expect(ask.status).toBe(409);
    const body = await ask.json();
    expect(body.error.message).toMatch(/^confirmation required/);
    expect(body.error.data).toMatchObject({ appCode: "CONFLICT", issues: [{ path: "confirm", message: "confirmation required" }] });
    expect(await ruleExists(ruleId)).toBe(true);

    const ok = await trpcPost("rules.delete", { id: ruleId, confirm: true }, { origin: `http://${HOST}` });
    expect(ok.status).toBe(200);
    expect(await ruleExists(ruleId)).toBe(false);
  });

  test("queries (GET) need no Origin, but still need a session", async () => {
    session.actor = null;
    const anon = await GET(new Request(`http://${HOST}/api/trpc/system.me`, { headers: { host: HOST } }));
    expect(anon.status).toBe(401);
    session.actor = editor;
    const me = await GET(new Request(`http://${HOST}/api/trpc/system.me`, { headers: { host: HOST } }));
    expect(me.status).toBe(200);
    expect((await me.json()).result.data).toMatchObject({ role: "editor" });
  });

  test("a mutation cannot be sent as a GET (no CSRF-free side door)", async () => {
    session.actor = editor;
    const input = encodeURIComponent(JSON.stringify({ id: ruleId, confirm: true }));
    const res = await GET(new Request(`http://${HOST}/api/trpc/rules.disable?input=${input}`, { headers: { host: HOST } }));
    expect(res.status).toBe(405);
  });
});

describe("tRPC body cap", () => {
  test(`a body over ${MAX_TRPC_BODY_BYTES} bytes is 413 (declared or streamed), before any procedure`, async () => {
    session.actor = editor;
    const big = JSON.stringify({ document: { name: "x".repeat(MAX_TRPC_BODY_BYTES) } });
    const declared = await trpcPost("rules.create", JSON.parse(big), { origin: `http://${HOST}` });
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: "PAYLOAD_TOO_LARGE" } });

    // No Content-Length: a stream that never ends is cut at the cap, not read to the end.
    let pulled = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 64 * 1024;
        controller.enqueue(new Uint8Array(64 * 1024).fill(0x61));
      },
    });
    const streamed = await capBody(
      new Request(`http://${HOST}/api/trpc/rules.create`, { method: "POST", body: endless, duplex: "half" } as RequestInit),
    );
    expect(streamed).toBeInstanceOf(Response);
    expect((streamed as Response).status).toBe(413);
    expect(pulled).toBeLessThan(MAX_TRPC_BODY_BYTES + 256 * 1024);

    // Under the cap the body passes through intact.
    const small = await capBody(new Request(`http://${HOST}/x`, { method: "POST", body: "héllo" }));
    expect(small).toBeInstanceOf(Request);
    expect(await (small as Request).text()).toBe("héllo");
  });
});

describe("session cookie from the real credentials login", () => {
  const PASSWORD = "cookie-test-password";
  let email: string;
  beforeAll(async () => {
    email = `cookie-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await prisma().user.create({ data: { email, role: "viewer", passwordHash: await hashPassword(PASSWORD) } });
    resetLoginThrottle();
  });

  async function login(proto: "http" | "https", opts: { csrf?: boolean; password?: string; email?: string; ip?: string } = {}) {
    process.env.NEXTAUTH_URL ??= `http://${HOST}`;
    const headers = { host: HOST, "x-forwarded-proto": proto, "x-forwarded-for": opts.ip ?? "203.0.113.50" };
    const csrf = await AuthHandler({ req: { action: "csrf", method: "GET", headers, cookies: {} }, options: authOptions() });
    const csrfCookie = csrf.cookies!.find((c) => c.name.endsWith("next-auth.csrf-token"))!;
    expect(csrfCookie.options).toMatchObject({ httpOnly: true, sameSite: "lax" });
    const token = (csrf.body as { csrfToken: string }).csrfToken;
    return AuthHandler({
      req: {
        action: "callback",
        providerId: "credentials",
        method: "POST",
        headers,
        cookies: { [csrfCookie.name]: csrfCookie.value },
        body: { email: opts.email ?? email, password: opts.password ?? PASSWORD, ...(opts.csrf === false ? {} : { csrfToken: token }) },
      },
      options: authOptions(),
    });
  }

  test("http: the session cookie is httpOnly and SameSite=Lax; it carries no password or hash", async () => {
    const res = await login("http");
    const cookie = res.cookies?.find((c) => c.name === "next-auth.session-token");
    expect(cookie, JSON.stringify(res)).toBeDefined();
    expect(cookie!.options).toMatchObject({ httpOnly: true, sameSite: "lax", path: "/" });
    expect(cookie!.value).not.toContain(PASSWORD);
  });

  test("served over https (NEXTAUTH_URL=https://…): the cookie is Secure and named __Secure-…", async () => {
    process.env.NEXTAUTH_URL = `https://${HOST}`;
    const res = await login("https").finally(() => (process.env.NEXTAUTH_URL = `http://${HOST}`));
    const cookie = res.cookies?.find((c) => c.name === "__Secure-next-auth.session-token");
    expect(cookie).toBeDefined();
    expect(cookie!.options).toMatchObject({ httpOnly: true, sameSite: "lax", secure: true });
  });

  test("without next-auth's CSRF token, or with a wrong password, no session is issued", async () => {
    const noCsrf = await login("http", { csrf: false });
    expect(noCsrf.cookies?.some((c) => c.name.endsWith("session-token") && c.value)).toBeFalsy();
    expect(noCsrf.redirect).toContain("csrf=true");
    const wrong = await login("http", { password: "nope" });
    expect(wrong.cookies?.some((c) => c.name.endsWith("session-token") && c.value)).toBeFalsy();
  });
});

describe("login throttling through next-auth (authorize gets the client address)", () => {
  test("20 failures from one address across many accounts: a correct login from it gets no session; another address does", async () => {
    const PASSWORD = "ip-throttle-password";
    const email = `iplock-${crypto.randomUUID().slice(0, 8)}@example.com`;
    await prisma().user.create({ data: { email, role: "viewer", passwordHash: await hashPassword(PASSWORD) } });
    resetLoginThrottle();
    process.env.NEXTAUTH_URL = `http://${HOST}`;
    const attempt = async (who: string, password: string, ip: string) => {
      const headers = { host: HOST, "x-forwarded-for": ip };
      const csrf = await AuthHandler({ req: { action: "csrf", method: "GET", headers, cookies: {} }, options: authOptions() });
      const c = csrf.cookies!.find((x) => x.name.endsWith("next-auth.csrf-token"))!;
      const res = await AuthHandler({
        req: { action: "callback", providerId: "credentials", method: "POST", headers, cookies: { [c.name]: c.value }, body: { email: who, password, csrfToken: (csrf.body as { csrfToken: string }).csrfToken } },
        options: authOptions(),
      });
      return !!res.cookies?.some((x) => x.name.endsWith("session-token") && x.value);
    };
    for (let i = 0; i < 20; i++) expect(await attempt(`sprayed-${i}@example.com`, "Winter2025!", "198.51.100.77")).toBe(false);
    expect(await attempt(email, PASSWORD, "198.51.100.77")).toBe(false);
    expect(await attempt(email, PASSWORD, "198.51.100.78")).toBe(true);
  }, 60_000);
});

describe("security headers and CSP (next.config.mjs)", () => {
  test("every page gets nosniff, frame denial, a same-origin referrer policy and a restrictive CSP", async () => {
    const config = (await import(/* @vite-ignore */ pathToFileURL(path.resolve("next.config.mjs")).href)).default as { headers(): Promise<{ source: string; headers: { key: string; value: string }[] }[]> ; poweredByHeader: boolean };
    expect(config.poweredByHeader).toBe(false);
    const rules = await config.headers();
    const all = rules.find((r) => r.source === "/:path*")!;
    const h = Object.fromEntries(all.headers.map((x) => [x.key.toLowerCase(), x.value]));
    expect(h["x-content-type-options"]).toBe("nosniff");
    expect(h["x-frame-options"]).toBe("DENY");
    expect(h["referrer-policy"]).toBe("same-origin");
    const csp = Object.fromEntries(h["content-security-policy"].split(";").map((d) => d.trim().split(/\s+/)).map(([k, ...v]) => [k, v]));
    expect(csp["default-src"]).toEqual(["'self'"]);
    expect(csp["frame-ancestors"]).toEqual(["'none'"]);
    expect(csp["base-uri"]).toEqual(["'self'"]);
    expect(csp["form-action"]).toEqual(["'self'"]);
    expect(csp["connect-src"]).toEqual(["'self'"]);
    // Next.js needs inline scripts for its bootstrap without nonces; no remote script source, no eval.
    expect(csp["script-src"]).toEqual(["'self'", "'unsafe-inline'"]);
    expect(h["content-security-policy"]).not.toContain("unsafe-eval");
    expect(h["content-security-policy"]).not.toMatch(/https?:|\*/);
  });
});

describe("no user-supplied HTML in the app's pages", () => {
  function sources(dir: string): string[] {
    if (!fs.existsSync(dir)) return [];
    return fs.readdirSync(dir, { withFileTypes: true }).flatMap((d) => {
      const p = path.join(dir, d.name);
      if (d.isDirectory()) return d.name === "node_modules" ? [] : sources(p);
      return /\.(tsx?|jsx?)$/.test(d.name) && !/\.test\./.test(d.name) ? [p] : [];
    });
  }
  const files = [...sources("app"), ...sources("components")];

  test("no component uses dangerouslySetInnerHTML, innerHTML, outerHTML, insertAdjacentHTML or document.write", () => {
    expect(files.length).toBeGreaterThan(10);
    const offenders = files.filter((f) => /dangerouslySetInnerHTML|\.innerHTML\s*=|\.outerHTML\s*=|insertAdjacentHTML|document\.write/.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });

  test("every iframe (email previews) is sandboxed and never allows scripts", () => {
    for (const f of files) {
      const src = fs.readFileSync(f, "utf8");
      for (const m of src.matchAll(/<iframe\b[^>]*>/gs)) {
        expect(m[0], `${f}: ${m[0]}`).toMatch(/\bsandbox\b/);
        expect(m[0], `${f}: ${m[0]}`).not.toMatch(/allow-scripts/);
      }
    }
  });

  test("no inline event-handler strings (the CSP would have to allow them)", () => {
    const offenders = files.filter((f) => /\son[a-z]+="[^"]*"/.test(fs.readFileSync(f, "utf8")));
    expect(offenders).toEqual([]);
  });
});
