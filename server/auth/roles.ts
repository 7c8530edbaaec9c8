// viewer < operator < editor < admin. Every check compares ranks through `hasRole`.
import { z } from "zod";

export const roles = ["viewer", "operator", "editor", "admin"] as const;
export const roleSchema = z.enum(roles);
export type Role = (typeof roles)[number];

export function hasRole(actual: Role | null | undefined, required: Role): boolean {
  if (!actual) return false;
  return roles.indexOf(actual) >= roles.indexOf(required);
}

/** Who is calling: a signed-in user, an API token, or the system itself (worker, CLI). */
export interface Actor {
  kind: "user" | "token" | "system";
  id: string;
  name: string;
  role: Role;
}

export const systemActor: Actor = { kind: "system", id: "system", name: "system", role: "admin" };

export function actorLabel(a: Actor): string {
  return a.kind === "system" ? "system" : `${a.kind}:${a.name}`;
}
