"use client";
import { signOut } from "next-auth/react";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { IconLogout } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { NotificationsBell } from "@/components/manage/notifications/notifications-bell";
import { LanguageSwitch } from "./language-switch";
import { ROLES, type Role } from "./use-me";

const roleKey: Record<Role, MessageKey> = {
  viewer: "role.viewer",
  operator: "role.operator",
  editor: "role.editor",
  admin: "role.admin",
};

export function TopBar({ me, loading }: { me: { name: string; role: string } | null; loading: boolean }) {
  const { t } = useI18n();
  const [leaving, setLeaving] = useState(false);
  const role = me && (ROLES as readonly string[]).includes(me.role) ? (me.role as Role) : null;
  return (
    <header className="topbar">
      <div className="topbar-spacer" />
      <div className="topbar-right">
        <NotificationsBell />
        <LanguageSwitch />
        <div className="user-chip" data-testid="current-user">
          {loading || !me ? (
            <Skeleton width={140} height={16} />
          ) : (
            <>
              <span className="avatar" aria-hidden>
                {me.name.slice(0, 1).toUpperCase()}
              </span>
              <span className="user-name" data-testid="current-user-name" title={me.name}>
                {me.name}
              </span>
              <Badge tone="indigo" data-testid="current-user-role" data-role={me.role}>
                {role ? t(roleKey[role]) : me.role}
              </Badge>
            </>
          )}
        </div>
        <Button
          variant="ghost"
          size="sm"
          icon={<IconLogout />}
          loading={leaving}
          onClick={() => {
            setLeaving(true);
            void signOut({ callbackUrl: "/login" });
          }}
          data-testid="sign-out"
        >
          <span className="signout-label">{t("nav.signOut")}</span>
        </Button>
      </div>
    </header>
  );
}
