"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { ButtonLink, Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { IconPlus, IconTemplate } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { SearchInput } from "@/components/ui/search-input";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { ChannelBadge, CHANNELS, channelKey, type Channel } from "./channel";

const PAGE_SIZE = 25;
const CELLS = ["col-name", undefined, "m-col-subject", "nowrap hide-sm", "col-actions"];

export function TemplatesList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const qs = useQueryState();
  const q = qs.get("q");
  const channelParam = qs.get("channel");
  const channel = (CHANNELS as readonly string[]).includes(channelParam) ? (channelParam as Channel) : undefined;
  const pager = useCursorPager(JSON.stringify([q, channel]));
  const list = useQuery({
    ...trpc.templates.list.queryOptions({ q: q || undefined, channel, limit: PAGE_SIZE, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((text: string) => qs.set({ q: text.trim() || null }), [qs]);
  const filtered = Boolean(q || channel);
  const canEdit = can("editor");
  const newButton = canEdit && (
    <ButtonLink href="/templates/new" variant="primary" icon={<IconPlus />} data-testid="template-new">
      {t("templates.new")}
    </ButtonLink>
  );

  return (
    <div className="page" data-testid="templates-page">
      <PageHeader title={t("templates.title")} description={t("templates.description")} actions={newButton} />
      <div className="toolbar" role="search" aria-label={t("templates.filters")}>
        <SearchInput label={t("manage.search")} placeholder={t("templates.searchPlaceholder")} value={q} onSearch={onSearch} data-testid="templates-search" />
        <Select
          label={t("templates.col.channel")}
          value={channel ?? ""}
          onChange={(e) => qs.set({ channel: e.target.value || null })}
          options={[{ value: "", label: t("common.all") }, ...CHANNELS.map((c) => ({ value: c, label: t(channelKey[c]) }))]}
          data-testid="templates-filter-channel"
        />
        {filtered && (
          <Button variant="ghost" className="toolbar-clear" onClick={() => qs.set({ q: null, channel: null })}>
            {t("common.clearFilters")}
          </Button>
        )}
      </div>
      <div className="panel">
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table data-testid="templates-table" caption={t("templates.title")} aria-busy={list.isPending}>
            <thead>
              <tr>
                <Th className="col-name">{t("templates.col.name")}</Th>
                <Th>{t("templates.col.channel")}</Th>
                <Th className="m-col-subject">{t("templates.col.subject")}</Th>
                <Th className="hide-sm">{t("templates.col.updated")}</Th>
                <Th className="col-actions">
                  <span className="sr-only">{t("common.actions")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {list.isPending ? (
                <SkeletonRows rows={6} columns={5} cellClassNames={CELLS} />
              ) : list.data.items.length === 0 ? (
                <TableMessageRow columns={5}>
                  {filtered ? (
                    <EmptyState title={t("templates.noMatch")} description={t("manage.noMatchHint")} />
                  ) : (
                    <EmptyState icon={<IconTemplate />} title={t("templates.empty")} description={t("templates.emptyHint")} action={newButton} />
                  )}
                </TableMessageRow>
              ) : (
                list.data.items.map((tpl) => (
                  <tr key={tpl.id} data-testid="template-row" data-template-id={tpl.id}>
                    <Td className="col-name">
                      <Link href={`/templates/${tpl.id}`} className="row-link" data-testid="template-link">
                        {tpl.name}
                      </Link>
                    </Td>
                    <Td>
                      <ChannelBadge channel={tpl.channel} />
                    </Td>
                    <Td className="m-col-subject">
                      {tpl.subject ? (
                        <span className="m-cell-truncate" title={tpl.subject}>
                          {tpl.subject}
                        </span>
                      ) : (
                        <span className="m-cell-truncate muted" title={tpl.body}>
                          {tpl.body}
                        </span>
                      )}
                    </Td>
                    <Td className="nowrap hide-sm">
                      <RelativeTime iso={tpl.updatedAt} />
                    </Td>
                    <Td className="col-actions">
                      <ButtonLink href={`/templates/${tpl.id}`} size="sm" data-testid={canEdit ? "template-edit" : "template-view"}>
                        {canEdit ? t("manage.edit") : t("manage.view")}
                      </ButtonLink>
                    </Td>
                  </tr>
                ))
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
