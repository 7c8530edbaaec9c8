"use client";
import { useI18n } from "@/components/i18n/i18n";
import { ROLES, type Role } from "@/components/layout/use-me";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import type { SelectOption } from "@/components/ui/field";
import { roleKey } from "../role-gate";

const tone: Record<Role, BadgeTone> = { viewer: "grey", operator: "blue", editor: "indigo", admin: "amber" };

export function isRole(s: string): s is Role {
  return (ROLES as readonly string[]).includes(s);
}

export function RoleBadge({ role }: { role: string }) {
  const { t } = useI18n();
  return (
    <Badge tone={isRole(role) ? tone[role] : "neutral"} data-testid="role-badge" data-role={role}>
      {isRole(role) ? t(roleKey[role]) : role}
    </Badge>
  );
}

export function useRoleOptions(): SelectOption[] {
  const { t } = useI18n();
  return ROLES.map((r) => ({ value: r, label: t(roleKey[r]) }));
}
