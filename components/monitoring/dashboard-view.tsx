"use client";
// The monitoring dashboard: one tRPC call (dashboard.summary, served from rollups) refreshed
// every 10 s; the range lives in the query string (?range=24h) so a view can be shared.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useTRPC } from "@/components/providers/trpc";
import { RingGauge } from "@/components/charts/ring-gauge";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { formatDuration, formatNumber, formatTime } from "@/components/ui/format";
import { ErrorState } from "@/components/ui/states";
import { ExecutionsChart } from "./executions-chart";
import { FailingRules } from "./failing-rules";
import { RANGE_IDS, percent, type RangeId } from "./format";
import { IconBell } from "./icons";
import { RangePicker } from "./range-picker";
import { SchedulesCard } from "./schedules-card";
import { StatCard } from "./stat-card";
import { WorkersCard } from "./workers-card";
import "./monitoring.css";

export function MonitoringDashboard() {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const qs = useQueryState();
  const param = qs.get("range");
  const range: RangeId = (RANGE_IDS as readonly string[]).includes(param) ? (param as RangeId) : "24h";
  const q = useQuery({ ...trpc.dashboard.summary.queryOptions({ range }), refetchInterval: 10_000, placeholderData: keepPreviousData });
  const d = q.data;
  const loading = q.isPending;
  const n = (x: number) => formatNumber(x, locale);
  const ms = (x: number | null | undefined) => (x === null || x === undefined ? t("mon.noData") : formatDuration(x));
  const rateTone = d?.successRate == null ? "plain" : d.successRate >= 0.99 ? "green" : d.successRate >= 0.9 ? "amber" : "red";
  const ringColor = rateTone === "green" ? "#22c55e" : rateTone === "amber" ? "#f59e0b" : rateTone === "red" ? "#ef4444" : "#a1a1aa";

  return (
    <div className="page mon-page" data-testid="monitoring-page">
      <PageHeader
        title={t("mon.title")}
        description={t("mon.description")}
        meta={
          <span className="live-indicator" title={t("mon.autoRefresh")} data-testid="monitoring-live">
            <span className="live-dot" aria-hidden />
            {t("mon.live")}
          </span>
        }
        actions={
          <>
            <RangePicker value={range} onChange={(r) => qs.set({ range: r === "24h" ? null : r })} />
            <ButtonLink href="/alerts" icon={<IconBell />} data-testid="open-alerts">
              {t("mon.manageAlerts")}
              {d && d.alerts.open > 0 ? (
                <Badge tone="red" className="badge-inline" data-testid="open-alerts-count">
                  {d.alerts.open}
                </Badge>
              ) : null}
            </ButtonLink>
          </>
        }
      />

      {q.isError && !d ? (
        <div className="panel">
          <ErrorState error={q.error} onRetry={() => q.refetch()} />
        </div>
      ) : (
        <>
          <div className="mon-stats" data-testid="monitoring-stats">
            <StatCard
              testId="stat-finished"
              label={t("mon.stat.finished")}
              value={d ? n(d.totals.finished) : ""}
              hint={d ? t("mon.stat.finishedHint", { rate: n(d.throughputPerMinute) }) : ""}
              loading={loading}
            />
            <StatCard
              testId="stat-success-rate"
              label={t("mon.stat.successRate")}
              value={d ? percent(d.successRate) : ""}
              hint={d ? t("mon.stat.successRateHint", { success: n(d.totals.success), failed: n(d.totals.failed) }) : ""}
              tone={rateTone}
              loading={loading}
              aside={
                d ? (
                  <RingGauge value={d.successRate} size={52} stroke={7} color={ringColor} label={t("mon.rate.label", { rate: percent(d.successRate) })} />
                ) : null
              }
            />
            <StatCard
              testId="stat-p50"
              label={t("mon.stat.p50")}
              value={d ? ms(d.durationMs.p50) : ""}
              hint={d ? (d.durationMs.avg !== null ? t("mon.stat.avgHint", { avg: ms(d.durationMs.avg) }) : t("mon.stat.durationHint")) : ""}
              loading={loading}
            />
            <StatCard testId="stat-p95" label={t("mon.stat.p95")} value={d ? ms(d.durationMs.p95) : ""} hint={t("mon.stat.durationHint")} loading={loading} />
            <StatCard
              testId="stat-queue"
              label={t("mon.stat.queue")}
              value={d ? n(d.queue.depth) : ""}
              hint={d ? (d.queue.depth ? t("mon.stat.queueHint", { age: formatDuration(d.queue.oldestAgeSeconds * 1000) || "0 ms" }) : t("mon.stat.queueEmpty")) : ""}
              tone={d && d.queue.oldestAgeSeconds > 300 ? "amber" : "plain"}
              loading={loading}
            />
            <StatCard
              testId="stat-workers"
              label={t("mon.stat.workers")}
              value={d ? n(d.workers.live) : ""}
              hint={d ? (d.workers.live ? d.workers.list.map((w) => w.hostname).filter((h, i, a) => a.indexOf(h) === i).join(", ") : t("mon.stat.workersNone")) : ""}
              tone={d && d.workers.live === 0 ? "red" : "plain"}
              loading={loading}
            />
            <StatCard
              testId="stat-dead-letter"
              label={t("mon.stat.deadLetter")}
              value={d ? n(d.deadLetter.count) + (d.deadLetter.capped ? "+" : "") : ""}
              hint={t("mon.stat.deadLetterHint")}
              tone={d && d.deadLetter.count > 0 ? "red" : "plain"}
              href="/executions/dead-letter"
              loading={loading}
            />
            <StatCard
              testId="stat-active"
              label={t("mon.stat.active")}
              value={d ? n(d.active.pending + d.active.running + d.active.retrying) : ""}
              hint={d ? t("mon.stat.activeHint", { pending: n(d.active.pending), running: n(d.active.running), retrying: n(d.active.retrying) }) : ""}
              tone={d && d.active.running > 0 ? "blue" : "plain"}
              loading={loading}
            />
          </div>

          <ExecutionsChart data={d} range={range} loading={loading} />

          <div className="mon-grid">
            <FailingRules data={d} loading={loading} />
            <SchedulesCard data={d} loading={loading} />
          </div>
          <WorkersCard data={d} loading={loading} />
          {d && (
            <p className="muted small mon-updated" data-testid="monitoring-updated">
              {t("mon.updated", { time: formatTime(d.to, locale) })}
            </p>
          )}
        </>
      )}
    </div>
  );
}
