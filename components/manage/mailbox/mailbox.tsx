"use client";
// The dev mailbox and SMS outbox: where email and SMS go when no real server is configured.
// Newest first, refreshed every few seconds; email HTML renders in a sandboxed iframe.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { DescriptionList } from "@/components/ui/description-list";
import { Input } from "@/components/ui/field";
import { IconMail, IconMessage } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { DateTime, RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { Tabs, tabPanelProps } from "@/components/ui/tabs";
import { SandboxedHtml } from "../sandboxed-html";
import type { DevMessage } from "../types";

const PAGE_SIZE = 25;
const REFRESH_MS = 5000;

export function Mailbox() {
  const { t } = useI18n();
  const qs = useQueryState();
  const tab = qs.get("tab") === "sms" ? "sms" : "email";
  const to = qs.get("to");
  const [toText, setToText] = useState(to);
  const [toFor, setToFor] = useState(to);
  if (toFor !== to) {
    setToFor(to);
    setToText(to);
  }
  const commitTo = () => qs.set({ to: toText.trim() || null, id: null });
  return (
    <div className="page" data-testid="mailbox-page">
      <PageHeader
        title={t("mailbox.title")}
        description={t("mailbox.description")}
        meta={
          <span className="live-indicator" title={t("executions.autoRefresh")}>
            <span className="live-dot" aria-hidden />
            {t("executions.live")}
          </span>
        }
      />
      <div className="m-mailbox-bar">
        <Tabs
          idBase="mailbox"
          label={t("mailbox.title")}
          value={tab}
          onChange={(v) => qs.set({ tab: v === "email" ? null : v, id: null })}
          items={[
            { id: "email", label: t("mailbox.tab.email") },
            { id: "sms", label: t("mailbox.tab.sms") },
          ]}
        />
        <form
          className="m-mailbox-filter"
          role="search"
          onSubmit={(e) => {
            e.preventDefault();
            commitTo();
          }}
        >
          <Input
            label={tab === "email" ? t("mailbox.filter.toEmail") : t("mailbox.filter.toPhone")}
            hideLabel
            value={toText}
            onChange={(e) => setToText(e.target.value)}
            onBlur={commitTo}
            placeholder={tab === "email" ? t("mailbox.filter.toEmail") : t("mailbox.filter.toPhone")}
            type="search"
            data-testid="mailbox-filter-to"
          />
          {to && (
            <Button variant="ghost" onClick={() => qs.set({ to: null, id: null })}>
              {t("common.clearFilters")}
            </Button>
          )}
        </form>
      </div>
      <div {...tabPanelProps("mailbox", tab)} className="m-tabpanel-plain">
        {tab === "email" ? <EmailBox to={to} /> : <SmsBox to={to} />}
      </div>
    </div>
  );
}

function useMessages(channel: "email" | "sms", to: string) {
  const trpc = useTRPC();
  const pager = useCursorPager(`${channel}:${to}`);
  const list = useQuery({
    ...trpc.devMessages.list.queryOptions({ channel, to: to || undefined, limit: PAGE_SIZE, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: REFRESH_MS,
  });
  return { list, pager };
}

function EmailBox({ to }: { to: string }) {
  const { t } = useI18n();
  const qs = useQueryState();
  const { list, pager } = useMessages("email", to);
  const items = list.data?.items;
  const selected = items?.find((m) => m.id === qs.get("id")) ?? items?.[0] ?? null;

  if (list.isError && !list.data) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (items && items.length === 0) {
    return (
      <div className="panel">
        <EmptyState
          icon={<IconMail />}
          title={to ? t("mailbox.noMatch") : t("mailbox.emptyEmail")}
          description={to ? t("manage.noMatchHint") : t("mailbox.emptyEmailHint")}
        />
      </div>
    );
  }
  return (
    <div className="m-mailbox" data-testid="mailbox-email">
      <div className="panel m-mail-list-panel">
        <ul className="m-mail-list" aria-label={t("mailbox.tab.email")} aria-busy={!items}>
          {!items
            ? Array.from({ length: 6 }, (_, i) => (
                <li key={i} className="m-mail-item m-mail-item-skeleton" aria-hidden>
                  <Skeleton width="50%" height={12} />
                  <Skeleton width="85%" height={12} />
                </li>
              ))
            : items.map((m) => (
                <li key={m.id}>
                  <button
                    type="button"
                    className={cx("m-mail-item", m.id === selected?.id && "m-mail-item-active")}
                    aria-current={m.id === selected?.id ? "true" : undefined}
                    onClick={() => qs.set({ id: m.id })}
                    data-testid="mail-item"
                    data-message-id={m.id}
                  >
                    <span className="m-mail-item-top">
                      <span className="m-mail-to truncate">{m.to}</span>
                      <span className="m-mail-time">
                        <RelativeTime iso={m.createdAt} />
                      </span>
                    </span>
                    <span className="m-mail-subject-line truncate">{m.subject || t("mailbox.noSubject")}</span>
                  </button>
                </li>
              ))}
        </ul>
        <Pagination
          page={pager.page}
          hasPrev={pager.hasPrev}
          nextCursor={list.data?.nextCursor}
          onPrev={pager.prev}
          onNext={pager.next}
          busy={list.isFetching && list.isPlaceholderData}
        />
      </div>
      <div className="panel m-mail-view" data-testid="mail-view">
        {selected ? <EmailView key={selected.id} message={selected} /> : <div className="card-pad"><Skeleton height={420} /></div>}
      </div>
    </div>
  );
}

function EmailView({ message: m }: { message: DevMessage }) {
  const { t } = useI18n();
  const [view, setView] = useState<"html" | "text">(m.html ? "html" : "text");
  return (
    <article className="m-mail-article" aria-label={m.subject ?? t("mailbox.noSubject")}>
      <header className="m-mail-article-head">
        <h2 className="m-mail-article-subject" data-testid="mail-subject">
          {m.subject || <span className="muted">{t("mailbox.noSubject")}</span>}
        </h2>
        <DescriptionList
          items={[
            { label: t("mailbox.from"), value: m.from ?? <span className="muted">—</span> },
            { label: t("mailbox.to"), value: <span data-testid="mail-to">{m.to}</span> },
            { label: t("mailbox.date"), value: <DateTime iso={m.createdAt} seconds /> },
            ...(m.messageId ? [{ label: t("mailbox.messageId"), value: <code className="mono small m-cell-truncate" title={m.messageId}>{m.messageId}</code>, wide: true }] : []),
          ]}
        />
      </header>
      <div className="m-mail-tabs">
        <Tabs
          idBase={`mail-${m.id}`}
          label={t("mailbox.view")}
          value={view}
          onChange={(v) => setView(v as "html" | "text")}
          items={[
            { id: "html", label: t("mailbox.html") },
            { id: "text", label: t("mailbox.text") },
          ]}
        />
      </div>
      <div {...tabPanelProps(`mail-${m.id}`, view)} className="m-mail-content">
        {view === "html" ? (
          m.html ? (
            <SandboxedHtml html={m.html} title={t("mailbox.frameTitle", { subject: m.subject ?? "" })} height={440} data-testid="mail-frame" />
          ) : (
            <p className="muted">{t("mailbox.noHtml")}</p>
          )
        ) : m.text ? (
          <pre className="json-pre m-source" data-testid="mail-text">
            {m.text}
          </pre>
        ) : (
          <p className="muted">{t("mailbox.noText")}</p>
        )}
      </div>
    </article>
  );
}

function SmsBox({ to }: { to: string }) {
  const { t } = useI18n();
  const { list, pager } = useMessages("sms", to);
  const CELLS = ["nowrap", "nowrap hide-sm", "m-col-sms", "nowrap"];
  return (
    <div className="panel" data-testid="mailbox-sms">
      {list.isError && !list.data ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table data-testid="sms-table" caption={t("mailbox.tab.sms")} aria-busy={list.isPending}>
          <thead>
            <tr>
              <Th>{t("mailbox.to")}</Th>
              <Th className="hide-sm">{t("mailbox.from")}</Th>
              <Th className="m-col-sms">{t("mailbox.message")}</Th>
              <Th>{t("mailbox.date")}</Th>
            </tr>
          </thead>
          <tbody>
            {list.isPending ? (
              <SkeletonRows rows={6} columns={4} cellClassNames={CELLS} />
            ) : list.data.items.length === 0 ? (
              <TableMessageRow columns={4}>
                <EmptyState
                  icon={<IconMessage />}
                  title={to ? t("mailbox.noMatch") : t("mailbox.emptySms")}
                  description={to ? t("manage.noMatchHint") : t("mailbox.emptySmsHint")}
                />
              </TableMessageRow>
            ) : (
              list.data.items.map((m) => (
                <tr key={m.id} data-testid="sms-row">
                  <Td className="nowrap mono">{m.to}</Td>
                  <Td className="nowrap hide-sm">{m.from ?? <span className="muted">—</span>}</Td>
                  <Td className="m-col-sms">
                    <span className="m-sms-text">{m.text}</span>
                  </Td>
                  <Td className="nowrap">
                    <RelativeTime iso={m.createdAt} />
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
  );
}
