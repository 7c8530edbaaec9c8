// The same permission table from the REST side: EVERY route in routes.ts is called over
// handleRest (the handler Next serves at /api/v1) with no token, a bad token, and a real API token
// of each role. Roles below the route's procedure's lowest role get 403, no token or a bad one 401;
// the others get past the check (any other answer below 500: the probe input is invalid on purpose,
// so an allowed call changes nothing). permissions.test.ts does the same for every tRPC procedure.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRest } from "./rest/handle-rest";
import { routes, type Route } from "./rest/routes";
import { permissions, type Access } from "./permissions";
import { hasRole, roles, type Role } from "../auth/roles";
import { createApiToken } from "../auth/api-tokens";
import { closeDb, pool } from "../db";

const ZERO = "00000000-0000-0000-0000-000000000000";
const tokens = new Map<Role, string>();

function concretePath(route: Route): string {
  return route.path.replace(/\{(\w+)\}/g, (_, name: string) => (name === "externalId" ? "perm-probe" : name === "version" ? "1" : ZERO));
}

async function call(route: Route, token: string | null): Promise<{ status: number; body: any }> {
  const path = concretePath(route);
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const body = route.method === "GET" || route.method === "DELETE" ? undefined : JSON.stringify({ __permissionProbe: true });
  const res = await handleRest(new Request(`http://localhost/api/v1${path}`, { method: route.method, headers, body }), path);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

type Expect = "denied401" | "denied403" | "allowed";

function expected(access: Access | "signature", who: Role | "anonymous" | "bad-token"): Expect {
  // A token that is sent must be valid, even where none is needed (fail closed).
  if (who === "bad-token") return "denied401";
  if (access === "public") return "allowed";
  if (access === "signature") return "denied401"; // webhooks: no valid signature, whoever calls
  if (who === "anonymous") return "denied401";
  if (access === "authenticated" || hasRole(who, access)) return "allowed";
  return "denied403";
}

function outcome(status: number): Expect {
  return status === 401 ? "denied401" : status === 403 ? "denied403" : "allowed";
}

let tableCounts: () => Promise<string>;

beforeAll(async () => {
  for (const role of roles) tokens.set(role, (await createApiToken(`perm-rest-${role}`, role, "tests")).token);
  tableCounts = async () => {
    const { rows } = await pool().query<{ t: string }>(
      `SELECT table_name AS t FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name NOT IN ('api_token') ORDER BY 1`,
    );
    const q = rows.map((r) => `SELECT '${r.t}' AS t, count(*)::int AS n FROM "${r.t}"`).join(" UNION ALL ");
    // UNION ALL returns its parts in no fixed order: compare by table name.
    return JSON.stringify((await pool().query<{ t: string; n: number }>(`SELECT * FROM (${q}) c ORDER BY t`)).rows);
  };
});
afterAll(closeDb);

const covered = { routes: 0, calls: 0 };

describe("REST permission matrix (every route × anonymous, bad token, viewer, operator, editor, admin)", () => {
  it("every route names a procedure in the permission table (or is the signed webhook)", () => {
    for (const r of routes) {
      if (r.procedure === null) expect(r.path).toBe("/hooks/{ruleId}");
      else expect(permissions, `${r.method} ${r.path}`).toHaveProperty(r.procedure);
    }
  });

  for (const route of routes) {
    const access: Access | "signature" = route.procedure ? (permissions as Record<string, Access>)[route.procedure] : "signature";
    it(`${route.method} ${route.path} → ${route.procedure ?? "webhook"} (${access})`, async () => {
      const before = await tableCounts();
      const who: (Role | "anonymous" | "bad-token")[] = ["anonymous", "bad-token", ...roles];
      for (const w of who) {
        const token = w === "anonymous" ? null : w === "bad-token" ? "af_not-a-real-token" : tokens.get(w)!;
        const res = await call(route, token);
        covered.calls++;
        expect(res.status, `${route.method} ${route.path} as ${w}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
        expect(outcome(res.status), `${route.method} ${route.path} as ${w}: ${JSON.stringify(res.body)}`).toBe(expected(access, w));
        if (res.status >= 400) expect(res.body).toMatchObject({ error: { code: expect.any(String), message: expect.any(String) } });
      }
      // Denied calls, and allowed calls with the invalid probe input, changed nothing.
      expect(await tableCounts()).toBe(before);
      covered.routes++;
    });
  }

  it("covered every route", () => {
    expect(covered.routes).toBe(routes.length);
    expect(covered.calls).toBe(routes.length * (2 + roles.length));
    console.log(`REST permission matrix: ${covered.routes} routes × ${2 + roles.length} callers = ${covered.calls} calls`);
  });
});
