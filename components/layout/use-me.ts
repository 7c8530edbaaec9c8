"use client";
// The signed-in user and role checks for the UI. The server enforces every permission; the UI
// only hides controls the user cannot use (viewer < operator < editor < admin).
import { useQuery } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

export const ROLES = ["viewer", "operator", "editor", "admin"] as const;
export type Role = (typeof ROLES)[number];

export function roleAtLeast(actual: string | null | undefined, required: Role): boolean {
  if (!actual) return false;
  const a = ROLES.indexOf(actual as Role);
  return a >= 0 && a >= ROLES.indexOf(required);
}

export function useMe() {
  const trpc = useTRPC();
  const query = useQuery({ ...trpc.system.me.queryOptions(), staleTime: 60_000 });
  const role = query.data?.role ?? null;
  return {
    me: query.data ?? null,
    role,
    query,
    /** False while loading: controls appear once the role is known. */
    can: (required: Role) => roleAtLeast(role, required),
  };
}
