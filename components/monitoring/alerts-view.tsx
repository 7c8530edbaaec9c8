"use client";
// The alerts page: incidents (everyone) and alert rules (admins), as tabs kept in the query string.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { useQueryState } from "@/components/layout/use-query-state";
import { useTRPC } from "@/components/providers/trpc";
import { ConfirmDialog } from "@/components/manage/dialog";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { IconPlus } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { Tabs, tabPanelProps } from "@/components/ui/tabs";
import { errorInfo } from "@/components/ui/trpc-error";
import { AlertFormDialog } from "./alert-form";
import { AlertRulesTable } from "./alert-rules-table";
import { IconBell } from "./icons";
import { IncidentsTable } from "./incidents-table";
import type { AlertRule } from "./types";
import "./monitoring.css";

const PAGE = 25;

export function AlertsView() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const qc = useQueryClient();
  const { can, query: me } = useMe();
  const admin = can("admin");
  const qs = useQueryState();
  const tab = qs.get("tab") === "rules" && admin ? "rules" : "incidents";
  const statusParam = qs.get("status");
  const status = statusParam === "open" || statusParam === "resolved" ? statusParam : undefined;
  const pager = useCursorPager(String(status));
  const [editing, setEditing] = useState<AlertRule | null | "new">(null);
  const [deleting, setDeleting] = useState<AlertRule | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  const incidents = useQuery({
    ...trpc.alerts.incidents.queryOptions({ status, limit: PAGE, cursor: pager.cursor }),
    refetchInterval: 10_000,
    placeholderData: keepPreviousData,
    enabled: tab === "incidents",
  });
  const rules = useQuery({ ...trpc.alerts.list.queryOptions({ limit: 200 }), enabled: admin, refetchInterval: 15_000 });
  const del = useMutation(
    trpc.alerts.delete.mutationOptions({
      onSuccess: async () => {
        setDeleting(null);
        setNotice(t("alerts.deleted"));
        await qc.invalidateQueries({ queryKey: trpc.alerts.list.queryKey() });
      },
    }),
  );

  return (
    <div className="page" data-testid="alerts-page">
      <PageHeader
        title={t("alerts.title")}
        description={t("alerts.description")}
        actions={
          admin ? (
            <Button variant="primary" icon={<IconPlus />} onClick={() => setEditing("new")} data-testid="alert-new">
              {t("alerts.new")}
            </Button>
          ) : null
        }
      />
      {notice && (
        <Alert tone="success" onClose={() => setNotice(null)} data-testid="alerts-notice">
          {notice}
        </Alert>
      )}
      {!admin && !me.isPending && <Alert tone="info">{t("alerts.adminOnly")}</Alert>}

      <div className="panel">
        <div className="card-tabs">
          <Tabs
            idBase="alerts"
            label={t("alerts.title")}
            value={tab}
            onChange={(id) => qs.set({ tab: id === "rules" ? "rules" : null })}
            items={[
              { id: "incidents", label: t("alerts.tab.incidents") },
              ...(admin ? [{ id: "rules", label: t("alerts.tab.rules"), count: rules.data?.items.length }] : []),
            ]}
          />
        </div>
        <div {...tabPanelProps("alerts", tab)}>
          {tab === "incidents" ? (
            <>
              <div className="mon-toolbar">
                <Select
                  label={t("incidents.filter.status")}
                  value={status ?? ""}
                  onChange={(e) => qs.set({ status: e.target.value || null })}
                  options={[
                    { value: "", label: t("common.all") },
                    { value: "open", label: t("incidents.status.open") },
                    { value: "resolved", label: t("incidents.status.resolved") },
                  ]}
                  data-testid="incidents-filter-status"
                />
              </div>
              {incidents.isError && !incidents.data ? (
                <ErrorState error={incidents.error} onRetry={() => incidents.refetch()} />
              ) : (
                <IncidentsTable
                  items={incidents.data?.items}
                  loading={incidents.isPending}
                  empty={<EmptyState icon={<IconBell />} title={t("incidents.empty")} description={t("incidents.emptyHint")} />}
                />
              )}
              <Pagination
                page={pager.page}
                hasPrev={pager.hasPrev}
                nextCursor={incidents.data?.nextCursor}
                onPrev={pager.prev}
                onNext={pager.next}
                busy={incidents.isFetching && incidents.isPlaceholderData}
                count={incidents.data?.items.length}
              />
            </>
          ) : rules.isError && !rules.data ? (
            <ErrorState error={rules.error} onRetry={() => rules.refetch()} />
          ) : (
            <AlertRulesTable
              items={rules.data?.items}
              loading={rules.isPending}
              onEdit={(r) => setEditing(r)}
              onDelete={(r) => setDeleting(r)}
              empty={
                <EmptyState
                  icon={<IconBell />}
                  title={t("alerts.empty")}
                  description={t("alerts.emptyHint")}
                  action={
                    <Button variant="primary" icon={<IconPlus />} onClick={() => setEditing("new")}>
                      {t("alerts.new")}
                    </Button>
                  }
                />
              }
            />
          )}
        </div>
      </div>

      {editing !== null && (
        <AlertFormDialog
          open
          rule={editing === "new" ? null : editing}
          onClose={() => setEditing(null)}
          onSaved={(created) => {
            setEditing(null);
            setNotice(t(created ? "alerts.created" : "alerts.saved"));
            if (created) qs.set({ tab: "rules" });
          }}
        />
      )}
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => setDeleting(null)}
        onConfirm={() => deleting && del.mutate({ id: deleting.id })}
        title={t("alerts.deleteTitle", { name: deleting?.name ?? "" })}
        body={t("alerts.deleteBody")}
        confirmLabel={t("alerts.delete")}
        busy={del.isPending}
        error={del.error ? <Alert tone="error">{errorInfo(del.error).message}</Alert> : undefined}
      />
    </div>
  );
}
