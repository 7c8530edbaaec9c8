"use client";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { Tabs, tabPanelProps } from "@/components/ui/tabs";
import { RoleGate } from "../role-gate";
import { TokensPanel } from "./tokens-panel";
import { UsersPanel } from "./users-panel";

export function UsersAdmin() {
  const { t } = useI18n();
  const qs = useQueryState();
  const tab = qs.get("tab") === "tokens" ? "tokens" : "users";
  return (
    <div className="page" data-testid="users-page">
      <PageHeader title={t("users.title")} description={t("users.description")} />
      <RoleGate role="admin" loading={<div className="panel m-panel-skeleton" aria-busy />}>
        <div className="panel m-tabs-panel">
          <div className="card-tabs">
            <Tabs
              idBase="users"
              label={t("users.title")}
              value={tab}
              onChange={(v) => qs.set({ tab: v === "users" ? null : v })}
              items={[
                { id: "users", label: t("users.tab.users") },
                { id: "tokens", label: t("users.tab.tokens") },
              ]}
            />
          </div>
          <div {...tabPanelProps("users", tab)} className="m-tab-panel">
            {tab === "users" ? <UsersPanel /> : <TokensPanel />}
          </div>
        </div>
      </RoleGate>
    </div>
  );
}
