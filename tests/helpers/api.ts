// Test helpers: call the REST API in-process (the same handler Next.js serves) with tokens of
// each role, against the real test database.
import { handleRest } from "../../server/api/rest/handle-rest";
import { createApiToken } from "../../server/auth/api-tokens";
import type { Role } from "../../server/auth/roles";

const tokens = new Map<Role, string>();

export async function tokenFor(role: Role): Promise<string> {
  let t = tokens.get(role);
  if (!t) {
    t = (await createApiToken(`test-${role}`, role, "tests")).token;
    tokens.set(role, t);
  }
  return t;
}

export interface ApiResponse<T = any> {
  status: number;
  body: T;
}

export async function api<T = any>(
  method: string,
  path: string,
  opts: { body?: unknown; rawBody?: string; role?: Role | null; token?: string; headers?: Record<string, string> } = {},
): Promise<ApiResponse<T>> {
  const headers: Record<string, string> = { "content-type": "application/json", ...(opts.headers ?? {}) };
  const token = opts.token ?? (opts.role === null ? undefined : await tokenFor(opts.role ?? "admin"));
  if (token) headers.authorization = `Bearer ${token}`;
  const body = opts.rawBody ?? (opts.body === undefined ? undefined : JSON.stringify(opts.body));
  const req = new Request(`http://localhost/api/v1${path}`, { method, headers, body });
  const res = await handleRest(req, path.split("?")[0]);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

export async function waitFor<T>(fn: () => Promise<T | null | undefined | false>, timeoutMs = 20_000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v) return v;
    } catch (err) {
      last = err;
    }
    await new Promise((r) => setTimeout(r, everyMs));
  }
  throw new Error(`timed out after ${timeoutMs} ms${last ? `: ${(last as Error).message}` : ""}`);
}

export function eventRule(event: string, actions: unknown[] = [{ type: "notify", params: { title: "Hello", body: "Order {{payload.orderId}}" } }], extra: Record<string, unknown> = {}) {
  return { name: `rule for ${event}`, trigger: { type: "event", event }, actions, ...extra };
}

/**
 * An event door for the chaos scenarios (bench/chaos): requests go through the REST handler
 * in-process with `token`, timed; a body that is not JSON is returned as text.
 */
export function restDoor(token: string) {
  return {
    async request(method: string, path: string, body?: unknown) {
      const t = performance.now();
      const res = await handleRest(
        new Request(`http://localhost/api/v1${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: body === undefined ? undefined : JSON.stringify(body),
        }),
        path.split("?")[0],
      );
      const text = await res.text();
      let parsed: unknown = null;
      try {
        parsed = text ? JSON.parse(text) : null;
      } catch {
        parsed = text;
      }
      return { status: res.status, body: parsed as never, ms: performance.now() - t };
    },
  };
}
