"use client";
// Pages and panels a role cannot use say so instead of showing an error or an empty table. The
// server refuses anyway; this only keeps the UI honest.
import type { ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { useMe, type Role } from "@/components/layout/use-me";
import { IconLock } from "@/components/ui/icons";
import { EmptyState } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";

export const roleKey: Record<Role, MessageKey> = {
  viewer: "role.viewer",
  operator: "role.operator",
  editor: "role.editor",
  admin: "role.admin",
};

export function isForbidden(err: unknown): boolean {
  return errorInfo(err).code === "FORBIDDEN";
}

export function NeedRole({ role }: { role: Role }) {
  const { t } = useI18n();
  return (
    <div className="panel" data-testid="need-role" data-role={role}>
      <EmptyState icon={<IconLock />} title={t("manage.needRole.title")} description={t("manage.needRole.hint", { role: t(roleKey[role]) })} />
    </div>
  );
}

/** Renders `children` once the signed-in role is at least `role`; a lock message below it; `loading` meanwhile. */
export function RoleGate({ role, children, loading }: { role: Role; children: ReactNode; loading: ReactNode }) {
  const { can, query } = useMe();
  if (query.isPending) return <>{loading}</>;
  if (!can(role)) return <NeedRole role={role} />;
  return <>{children}</>;
}
