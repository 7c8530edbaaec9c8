"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Fragment, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { IconAudit } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { DateTime, RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { isoToLocal, localToIso } from "../datetime";
import { isForbidden, NeedRole } from "../role-gate";
import { AuditDiff } from "./audit-diff";

const PAGE_SIZE = 50;
export const AUDIT_ENTITIES = ["rule", "execution", "template", "connection", "contact", "user", "token", "alert"] as const;
const entityKey: Record<(typeof AUDIT_ENTITIES)[number], MessageKey> = {
  rule: "audit.entity.rule",
  execution: "audit.entity.execution",
  template: "audit.entity.template",
  connection: "audit.entity.connection",
  contact: "audit.entity.contact",
  user: "audit.entity.user",
  token: "audit.entity.token",
  alert: "audit.entity.alert",
};
const CELLS = ["nowrap", "m-col-actor", undefined, undefined, "m-col-entity-id hide-sm", "col-actions"];

function entityHref(entity: string, id: string | null): string | null {
  if (!id) return null;
  switch (entity) {
    case "rule":
      return `/rules/${id}`;
    case "execution":
      return `/executions/${id}`;
    case "template":
      return `/templates/${id}`;
    case "connection":
      return `/connections/${id}`;
    case "contact":
      return `/contacts/${encodeURIComponent(id)}`;
    case "alert":
      return "/alerts";
    default:
      return null;
  }
}

export function AuditLog() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can, query: me } = useMe();
  const qs = useQueryState();
  const entity = qs.get("entity");
  const actor = qs.get("actor");
  const from = qs.get("from");
  const to = qs.get("to");
  const [actorText, setActorText] = useState(actor);
  const [actorFor, setActorFor] = useState(actor);
  if (actorFor !== actor) {
    setActorFor(actor);
    setActorText(actor);
  }
  const [open, setOpen] = useState<Set<string>>(new Set());
  const pager = useCursorPager(JSON.stringify([entity, actor, from, to]));
  const allowed = can("admin");
  const list = useQuery({
    ...trpc.audit.list.queryOptions({
      entity: entity || undefined,
      actor: actor || undefined,
      from: from || undefined,
      to: to || undefined,
      limit: PAGE_SIZE,
      cursor: pager.cursor,
    }),
    placeholderData: keepPreviousData,
    enabled: allowed,
  });
  const filtered = Boolean(entity || actor || from || to);
  const commitActor = () => qs.set({ actor: actorText.trim() || null });
  const toggle = (id: string) =>
    setOpen((s) => {
      const n = new Set(s);
      if (n.has(id)) n.delete(id);
      else n.add(id);
      return n;
    });
  const header = <PageHeader title={t("audit.title")} description={t("audit.description")} />;

  if (!me.isPending && (!allowed || isForbidden(list.error))) {
    return (
      <div className="page" data-testid="audit-page">
        {header}
        <NeedRole role="admin" />
      </div>
    );
  }
  const loading = me.isPending || list.isPending;

  return (
    <div className="page" data-testid="audit-page">
      {header}
      <div className="toolbar" role="search" aria-label={t("audit.filters")}>
        <Select
          label={t("audit.filter.entity")}
          value={entity}
          onChange={(e) => qs.set({ entity: e.target.value || null })}
          options={[
            { value: "", label: t("common.all") },
            ...AUDIT_ENTITIES.map((en) => ({ value: en, label: t(entityKey[en]) })),
            ...(entity && !(AUDIT_ENTITIES as readonly string[]).includes(entity) ? [{ value: entity, label: entity }] : []),
          ]}
          data-testid="audit-filter-entity"
        />
        <form
          className="toolbar-form"
          onSubmit={(e) => {
            e.preventDefault();
            commitActor();
          }}
        >
          <Input
            label={t("audit.filter.actor")}
            value={actorText}
            onChange={(e) => setActorText(e.target.value)}
            onBlur={commitActor}
            placeholder="user:admin@example.com"
            inputClassName="mono"
            data-testid="audit-filter-actor"
          />
        </form>
        <Input
          label={t("audit.filter.from")}
          type="datetime-local"
          value={isoToLocal(from)}
          onChange={(e) => qs.set({ from: localToIso(e.target.value) ?? null })}
          data-testid="audit-filter-from"
        />
        <Input
          label={t("audit.filter.to")}
          type="datetime-local"
          value={isoToLocal(to)}
          onChange={(e) => qs.set({ to: localToIso(e.target.value) ?? null })}
          data-testid="audit-filter-to"
        />
        {filtered && (
          <Button variant="ghost" className="toolbar-clear" onClick={() => qs.set({ entity: null, actor: null, from: null, to: null })} data-testid="audit-clear">
            {t("common.clearFilters")}
          </Button>
        )}
      </div>
      <div className="panel">
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table data-testid="audit-table" caption={t("audit.title")} aria-busy={loading}>
            <thead>
              <tr>
                <Th>{t("audit.col.at")}</Th>
                <Th className="m-col-actor">{t("audit.col.actor")}</Th>
                <Th>{t("audit.col.action")}</Th>
                <Th>{t("audit.col.entity")}</Th>
                <Th className="m-col-entity-id hide-sm">{t("audit.col.entityId")}</Th>
                <Th className="col-actions">
                  <span className="sr-only">{t("audit.changes")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {loading || !list.data ? (
                <SkeletonRows rows={10} columns={6} cellClassNames={CELLS} />
              ) : list.data.items.length === 0 ? (
                <TableMessageRow columns={6}>
                  {filtered ? (
                    <EmptyState title={t("audit.noMatch")} description={t("manage.noMatchHint")} />
                  ) : (
                    <EmptyState icon={<IconAudit />} title={t("audit.empty")} description={t("audit.emptyHint")} />
                  )}
                </TableMessageRow>
              ) : (
                list.data.items.map((a) => {
                  const isOpen = open.has(a.id);
                  const href = entityHref(a.entity, a.entityId);
                  const known = (AUDIT_ENTITIES as readonly string[]).includes(a.entity) ? (a.entity as (typeof AUDIT_ENTITIES)[number]) : null;
                  const hasData = a.before != null || a.after != null;
                  return (
                    <Fragment key={a.id}>
                      <tr data-testid="audit-row" data-action={a.action} data-entity={a.entity}>
                        <Td className="nowrap">
                          <DateTime iso={a.at} seconds />
                          <span className="row-sub">
                            <RelativeTime iso={a.at} />
                          </span>
                        </Td>
                        <Td className="m-col-actor">
                          <button type="button" className="m-link-button mono" onClick={() => qs.set({ actor: a.actor })} title={t("audit.filterByActor")}>
                            {a.actor}
                          </button>
                        </Td>
                        <Td>
                          <code className="inline-code" data-testid="audit-action">
                            {a.action}
                          </code>
                        </Td>
                        <Td>
                          <Badge tone="neutral" className="badge-outline">
                            {known ? t(entityKey[known]) : a.entity}
                          </Badge>
                        </Td>
                        <Td className="m-col-entity-id hide-sm">
                          {a.entityId ? (
                            href ? (
                              <Link href={href} className="subtle-link mono m-cell-truncate" title={a.entityId}>
                                {a.entityId}
                              </Link>
                            ) : (
                              <span className="mono m-cell-truncate" title={a.entityId}>
                                {a.entityId}
                              </span>
                            )
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </Td>
                        <Td className="col-actions">
                          {hasData ? (
                            <button
                              type="button"
                              className="json-toggle"
                              aria-expanded={isOpen}
                              aria-controls={`audit-${a.id}`}
                              onClick={() => toggle(a.id)}
                              data-testid="audit-toggle"
                            >
                              <span className={isOpen ? "chevron chevron-open" : "chevron"} aria-hidden />
                              {t("audit.changes")}
                            </button>
                          ) : (
                            <span className="muted small">{t("audit.noData")}</span>
                          )}
                        </Td>
                      </tr>
                      {isOpen && (
                        <tr className="expanded-row" id={`audit-${a.id}`}>
                          <td colSpan={6}>
                            <AuditDiff before={a.before} after={a.after} />
                          </td>
                        </tr>
                      )}
                    </Fragment>
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
    </div>
  );
}
