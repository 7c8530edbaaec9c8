"use client";
import Link from "next/link";
import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { ExecutionButtons } from "@/components/executions/execution-buttons";
import { ExecutionsTable } from "@/components/executions/executions-table";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { formatNumber } from "@/components/ui/format";
import { IconArrowRight, IconCheck, IconExecutions, IconRules } from "@/components/ui/icons";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";
import { HomeShortcuts, NextFiresCard } from "@/components/manage/home-extras";

function startOfToday(): string {
  const d = new Date();
  d.setHours(0, 0, 0, 0);
  return d.toISOString();
}

/** Counted from one page of today's executions (up to 200): simple on purpose, "200+" beyond. */
const TODAY_LIMIT = 200;

export default function WorkbenchHome() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const [from] = useState(startOfToday);
  const [actionError, setActionError] = useState<unknown>(null);

  const today = useQuery({ ...trpc.executions.list.queryOptions({ from, limit: TODAY_LIMIT }), refetchInterval: 10_000 });
  const failures = useQuery({ ...trpc.executions.list.queryOptions({ status: "failed", limit: 8 }), refetchInterval: 10_000 });
  const enabledRules = useQuery({ ...trpc.rules.list.queryOptions({ status: "enabled", limit: 200 }), refetchInterval: 30_000 });

  const items = today.data?.items ?? [];
  const more = Boolean(today.data?.nextCursor);
  const count = (pred: (s: string) => boolean) => items.filter((e) => pred(e.status)).length;
  const total = items.length;
  const success = count((s) => s === "success");
  const failed = count((s) => s === "failed");
  const active = count((s) => s === "pending" || s === "running" || s === "retrying");
  const finished = count((s) => s === "success" || s === "failed");
  const rate = finished ? Math.round((success / finished) * 100) : null;

  const fmt = (n: number) => formatNumber(n, locale) + (more ? "+" : "");
  const stats: { key: string; label: MessageKey; value: string; tone?: string }[] = [
    { key: "total", label: "home.stat.total", value: fmt(total) },
    { key: "success", label: "home.stat.success", value: fmt(success), tone: "green" },
    { key: "failed", label: "home.stat.failed", value: fmt(failed), tone: failed > 0 ? "red" : undefined },
    { key: "active", label: "home.stat.active", value: fmt(active), tone: active > 0 ? "blue" : undefined },
    { key: "rate", label: "home.stat.rate", value: rate === null ? "—" : `${rate}%` },
  ];

  const rulesCount = enabledRules.data ? formatNumber(enabledRules.data.items.length, locale) + (enabledRules.data.nextCursor ? "+" : "") : null;

  return (
    <div className="page" data-testid="workbench-home">
      <PageHeader title={t("home.title")} description={t("home.description")} />

      <div className="entry-grid">
        <Link href="/rules" className="entry-card" data-testid="entry-rules">
          <span className="entry-icon entry-icon-indigo">
            <IconRules />
          </span>
          <span className="entry-text">
            <span className="entry-title">{t("nav.rules")}</span>
            <span className="entry-description">{t("home.rulesCard")}</span>
          </span>
          <span className="entry-meta">
            {rulesCount === null ? <Skeleton width={64} height={14} /> : t("home.enabledRules", { count: rulesCount })}
            <IconArrowRight />
          </span>
        </Link>
        <Link href="/executions" className="entry-card" data-testid="entry-executions">
          <span className="entry-icon entry-icon-blue">
            <IconExecutions />
          </span>
          <span className="entry-text">
            <span className="entry-title">{t("nav.executions")}</span>
            <span className="entry-description">{t("home.executionsCard")}</span>
          </span>
          <span className="entry-meta">
            {today.data ? t("home.runsToday", { count: fmt(total) }) : <Skeleton width={64} height={14} />}
            <IconArrowRight />
          </span>
        </Link>
      </div>
      <HomeShortcuts />

      <section aria-labelledby="today-heading" className="section">
        <h2 id="today-heading" className="section-title">
          {t("home.today")}
        </h2>
        {today.isError ? (
          <ErrorState error={today.error} onRetry={() => today.refetch()} />
        ) : (
          <div className="stat-grid" data-testid="today-stats">
            {stats.map((s) => (
              <div key={s.key} className={`stat stat-${s.tone ?? "plain"}`} data-testid={`stat-${s.key}`}>
                <span className="stat-label">{t(s.label)}</span>
                <span className="stat-value">{today.isPending ? <Skeleton width={48} height={26} /> : s.value}</span>
              </div>
            ))}
          </div>
        )}
      </section>

      <Card
        title={t("home.failures")}
        description={t("home.failuresHint")}
        actions={
          <ButtonLink href="/executions?status=failed" size="sm" variant="ghost">
            {t("common.viewAll")}
          </ButtonLink>
        }
        flush
        data-testid="recent-failures"
      >
        {actionError ? (
          <div className="card-alert">
            <Alert tone="error" onClose={() => setActionError(null)}>
              {errorInfo(actionError).message}
            </Alert>
          </div>
        ) : null}
        {failures.isError ? (
          <ErrorState error={failures.error} onRetry={() => failures.refetch()} />
        ) : (
          <ExecutionsTable
            executions={failures.data?.items}
            loading={failures.isPending}
            skeletonRows={4}
            caption={t("home.failures")}
            empty={<EmptyState icon={<IconCheck />} title={t("home.noFailures")} description={t("home.noFailuresHint")} />}
            actions={(e) => (can("operator") ? <ExecutionButtons id={e.id} status={e.status} onError={setActionError} /> : null)}
          />
        )}
      </Card>

      <NextFiresCard
        rules={enabledRules.data?.items}
        loading={enabledRules.isPending}
        error={enabledRules.isError ? enabledRules.error : null}
        onRetry={() => enabledRules.refetch()}
        partial={Boolean(enabledRules.data?.nextCursor)}
      />
    </div>
  );
}
