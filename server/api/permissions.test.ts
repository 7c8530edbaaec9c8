// Generated from the permission table: every procedure is called as anonymous and as each role;
// roles below the procedure's lowest role must be refused (401/403) before anything runs, the
// others must get past the check (any other answer, e.g. a validation error, is fine here).
import { describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { appRouter, createCaller } from "./root";
import { permissions, type Access } from "./permissions";
import { hasRole, roles, type Actor, type Role } from "../auth/roles";

const procedures = Object.keys(appRouter._def.procedures);

function actor(role: Role): Actor {
  return { kind: "token", id: `perm-${role}`, name: `perm-${role}`, role };
}

async function outcome(path: string, who: Actor | null): Promise<"denied" | "allowed"> {
  const caller = createCaller({ actor: who });
  const fn = path.split(".").reduce<any>((o, k) => o[k], caller);
  try {
    // Invalid input on purpose: an allowed call fails validation and changes nothing.
    await fn({ __permissionProbe: true, id: "00000000-0000-0000-0000-000000000000", document: null, body: null });
    return "allowed";
  } catch (err) {
    if (err instanceof TRPCError && (err.code === "UNAUTHORIZED" || err.code === "FORBIDDEN")) return "denied";
    return "allowed";
  }
}

describe("permission table", () => {
  it("covers every procedure", () => {
    expect(procedures.filter((p) => !(p in permissions))).toEqual([]);
    expect(Object.keys(permissions).filter((p) => !procedures.includes(p))).toEqual([]);
  });

  for (const path of procedures) {
    const access = (permissions as Record<string, Access>)[path];
    it(`${path} (${access})`, async () => {
      const anon = await outcome(path, null);
      expect(anon).toBe(access === "public" ? "allowed" : "denied");
      for (const role of roles) {
        const expected = access === "public" || access === "authenticated" || hasRole(role, access) ? "allowed" : "denied";
        expect(await outcome(path, actor(role)), `${path} as ${role}`).toBe(expected);
      }
    });
  }
});
