"use client";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { IconContacts, IconPlus } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { SearchInput } from "@/components/ui/search-input";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";

const PAGE_SIZE = 25;
const CELLS = ["col-name", undefined, "hide-sm", "m-col-tags", "nowrap hide-md", "nowrap hide-lg"];
const MAX_TAGS = 3;

export function ContactsList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const qs = useQueryState();
  const q = qs.get("q");
  const tag = qs.get("tag");
  const [tagText, setTagText] = useState(tag);
  const [tagFor, setTagFor] = useState(tag);
  if (tagFor !== tag) {
    setTagFor(tag);
    setTagText(tag);
  }
  const pager = useCursorPager(JSON.stringify([q, tag]));
  const list = useQuery({
    ...trpc.contacts.list.queryOptions({ q: q || undefined, tag: tag || undefined, limit: PAGE_SIZE, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
  });
  const onSearch = useCallback((text: string) => qs.set({ q: text.trim() || null }), [qs]);
  const commitTag = () => qs.set({ tag: tagText.trim() || null });
  const filtered = Boolean(q || tag);
  const newButton = can("editor") && (
    <ButtonLink href="/contacts/new" variant="primary" icon={<IconPlus />} data-testid="contact-new">
      {t("contacts.new")}
    </ButtonLink>
  );

  return (
    <div className="page" data-testid="contacts-page">
      <PageHeader title={t("contacts.title")} description={t("contacts.description")} actions={newButton} />
      <div className="toolbar" role="search" aria-label={t("contacts.filters")}>
        <SearchInput label={t("manage.search")} placeholder={t("contacts.searchPlaceholder")} value={q} onSearch={onSearch} data-testid="contacts-search" />
        <form
          className="toolbar-form"
          onSubmit={(e) => {
            e.preventDefault();
            commitTag();
          }}
        >
          <Input
            label={t("contacts.filter.tag")}
            value={tagText}
            onChange={(e) => setTagText(e.target.value)}
            onBlur={commitTag}
            placeholder={t("contacts.filter.tagPlaceholder")}
            data-testid="contacts-filter-tag"
          />
        </form>
        {filtered && (
          <Button variant="ghost" className="toolbar-clear" onClick={() => qs.set({ q: null, tag: null })} data-testid="contacts-clear">
            {t("common.clearFilters")}
          </Button>
        )}
      </div>
      <div className="panel">
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table data-testid="contacts-table" caption={t("contacts.title")} aria-busy={list.isPending}>
            <thead>
              <tr>
                <Th className="col-name">{t("contacts.col.contact")}</Th>
                <Th>{t("contacts.col.email")}</Th>
                <Th className="hide-sm">{t("contacts.col.phone")}</Th>
                <Th className="m-col-tags">{t("contacts.col.tags")}</Th>
                <Th className="hide-md">{t("contacts.col.lastLogin")}</Th>
                <Th className="hide-lg">{t("contacts.col.updated")}</Th>
              </tr>
            </thead>
            <tbody>
              {list.isPending ? (
                <SkeletonRows rows={8} columns={6} cellClassNames={CELLS} />
              ) : list.data.items.length === 0 ? (
                <TableMessageRow columns={6}>
                  {filtered ? (
                    <EmptyState title={t("contacts.noMatch")} description={t("manage.noMatchHint")} />
                  ) : (
                    <EmptyState icon={<IconContacts />} title={t("contacts.empty")} description={t("contacts.emptyHint")} action={newButton} />
                  )}
                </TableMessageRow>
              ) : (
                list.data.items.map((c) => (
                  <tr key={c.id} data-testid="contact-row" data-external-id={c.externalId}>
                    <Td className="col-name">
                      <Link href={`/contacts/${encodeURIComponent(c.externalId)}`} className="row-link" data-testid="contact-link">
                        {c.name || c.externalId}
                      </Link>
                      <span className="row-sub mono" title={c.externalId}>
                        {c.externalId}
                      </span>
                    </Td>
                    <Td className="m-col-email">{c.email ? <span className="m-cell-truncate">{c.email}</span> : <span className="muted">—</span>}</Td>
                    <Td className="nowrap hide-sm">{c.phone ?? <span className="muted">—</span>}</Td>
                    <Td className="m-col-tags">
                      {c.tags.length === 0 ? (
                        <span className="muted">—</span>
                      ) : (
                        <span className="m-tag-list">
                          {c.tags.slice(0, MAX_TAGS).map((tg) => (
                            <button
                              key={tg}
                              type="button"
                              className="m-tag m-tag-button"
                              onClick={() => qs.set({ tag: tg })}
                              title={t("contacts.filterByTag", { tag: tg })}
                              data-testid="contact-tag"
                            >
                              {tg}
                            </button>
                          ))}
                          {c.tags.length > MAX_TAGS && (
                            <Badge tone="grey" title={c.tags.slice(MAX_TAGS).join(", ")}>
                              +{c.tags.length - MAX_TAGS}
                            </Badge>
                          )}
                        </span>
                      )}
                    </Td>
                    <Td className="nowrap hide-md">
                      <RelativeTime iso={c.lastLoginAt} />
                    </Td>
                    <Td className="nowrap hide-lg">
                      <RelativeTime iso={c.updatedAt} />
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
