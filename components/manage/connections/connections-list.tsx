"use client";
import Link from "next/link";
import { keepPreviousData, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Button, ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { IconConnection, IconPlus } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { ConfirmDialog } from "../dialog";
import { isForbidden, NeedRole } from "../role-gate";
import { SaveError } from "../save-error";
import type { ConnectionItem } from "../types";
import { configSummary, CONNECTION_TYPES, ConnectionTypeBadge, isConnectionType, SecretBadge, typeKey } from "./connection-types";

const PAGE_SIZE = 25;
const CELLS = ["col-name", undefined, "m-col-summary", undefined, "nowrap hide-md", "col-actions"];

export function ConnectionsList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { can, query: me } = useMe();
  const qs = useQueryState();
  const typeParam = qs.get("type");
  const type = isConnectionType(typeParam) ? typeParam : undefined;
  const pager = useCursorPager(type ?? "");
  const allowed = can("editor");
  const isAdmin = can("admin");
  const list = useQuery({
    ...trpc.connections.list.queryOptions({ type, limit: PAGE_SIZE, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  const [deleting, setDeleting] = useState<ConnectionItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const remove = useMutation(
    trpc.connections.delete.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.connections.pathKey() }) }),
  );
  const newButton = isAdmin && (
    <ButtonLink href="/connections/new" variant="primary" icon={<IconPlus />} data-testid="connection-new">
      {t("connections.new")}
    </ButtonLink>
  );
  const header = <PageHeader title={t("connections.title")} description={t("connections.description")} actions={newButton} />;

  if (!me.isPending && (!allowed || isForbidden(list.error))) {
    return (
      <div className="page" data-testid="connections-page">
        {header}
        <NeedRole role="editor" />
      </div>
    );
  }

  const loading = me.isPending || list.isPending;
  return (
    <div className="page" data-testid="connections-page">
      {header}
      {allowed && !isAdmin && !me.isPending && (
        <Alert tone="info" data-testid="read-only-note">
          {t("connections.readOnly")}
        </Alert>
      )}
      {notice && (
        <Alert tone="success" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      <div className="toolbar" role="search" aria-label={t("connections.filters")}>
        <Select
          label={t("connections.col.type")}
          value={type ?? ""}
          onChange={(e) => qs.set({ type: e.target.value || null })}
          options={[{ value: "", label: t("common.all") }, ...CONNECTION_TYPES.map((c) => ({ value: c, label: t(typeKey[c]) }))]}
          data-testid="connections-filter-type"
        />
        {type && (
          <Button variant="ghost" className="toolbar-clear" onClick={() => qs.set({ type: null })}>
            {t("common.clearFilters")}
          </Button>
        )}
      </div>
      <div className="panel">
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table data-testid="connections-table" caption={t("connections.title")} aria-busy={loading}>
            <thead>
              <tr>
                <Th className="col-name">{t("connections.col.name")}</Th>
                <Th>{t("connections.col.type")}</Th>
                <Th className="m-col-summary">{t("connections.col.config")}</Th>
                <Th>{t("connections.col.secret")}</Th>
                <Th className="hide-md">{t("connections.col.updated")}</Th>
                <Th className="col-actions">
                  <span className="sr-only">{t("common.actions")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {loading || !list.data ? (
                <SkeletonRows rows={5} columns={6} cellClassNames={CELLS} />
              ) : list.data.items.length === 0 ? (
                <TableMessageRow columns={6}>
                  {type ? (
                    <EmptyState title={t("connections.noMatch")} description={t("manage.noMatchHint")} />
                  ) : (
                    <EmptyState icon={<IconConnection />} title={t("connections.empty")} description={t("connections.emptyHint")} action={newButton} />
                  )}
                </TableMessageRow>
              ) : (
                list.data.items.map((c) => {
                  const summary = configSummary(c.type, c.config);
                  return (
                    <tr key={c.id} data-testid="connection-row" data-connection-id={c.id}>
                      <Td className="col-name">
                        <Link href={`/connections/${c.id}`} className="row-link" data-testid="connection-link">
                          {c.name}
                        </Link>
                      </Td>
                      <Td>
                        <ConnectionTypeBadge type={c.type} />
                      </Td>
                      <Td className="m-col-summary">
                        {summary ? (
                          <code className="m-cell-truncate" title={summary}>
                            {summary}
                          </code>
                        ) : (
                          <span className="muted">—</span>
                        )}
                      </Td>
                      <Td>
                        <SecretBadge hasSecret={c.hasSecret} />
                      </Td>
                      <Td className="nowrap hide-md">
                        <RelativeTime iso={c.updatedAt} />
                      </Td>
                      <Td className="col-actions">
                        <ButtonLink href={`/connections/${c.id}`} size="sm" data-testid={isAdmin ? "connection-edit" : "connection-view"}>
                          {isAdmin ? t("manage.edit") : t("manage.view")}
                        </ButtonLink>
                        {isAdmin && (
                          <Button size="sm" variant="danger" onClick={() => setDeleting(c)} data-testid="connection-delete">
                            {t("manage.delete")}
                          </Button>
                        )}
                      </Td>
                    </tr>
                  );
                })
              )}
            </tbody>
          </Table>
        )}
        <Pagination
          page={pager.page}
          hasPrev={pager.hasPrev}
          nextCursor={list.data?.nextCursor}
          onPrev={pager.prev}
          onNext={pager.next}
          busy={list.isFetching && list.isPlaceholderData}
          count={list.data?.items.length}
        />
      </div>
      <ConfirmDialog
        open={deleting !== null}
        onClose={() => {
          setDeleting(null);
          remove.reset();
        }}
        onConfirm={() =>
          deleting &&
          remove.mutate(
            { id: deleting.id },
            {
              onSuccess: () => {
                setNotice(t("connections.deleted", { name: deleting.name }));
                setDeleting(null);
              },
            },
          )
        }
        busy={remove.isPending}
        title={t("connections.deleteTitle", { name: deleting?.name ?? "" })}
        body={t("connections.deleteBody")}
        confirmLabel={t("manage.delete")}
        error={remove.error ? <SaveError error={remove.error} title={t("manage.deleteFailed")} /> : null}
      />
    </div>
  );
}
