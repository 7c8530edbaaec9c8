"use client";
import Link from "next/link";
import { useI18n } from "@/components/i18n/i18n";
import { Badge } from "@/components/ui/badge";
import { Card } from "@/components/ui/card";
import { formatDateTime, formatDuration, formatNumber } from "@/components/ui/format";
import { Skeleton } from "@/components/ui/skeleton";
import { EmptyState } from "@/components/ui/states";
import { IconCheckCircle } from "./icons";
import type { DashboardData } from "./types";

export function SchedulesCard({ data, loading }: { data: DashboardData | undefined; loading: boolean }) {
  const { t, locale } = useI18n();
  const overdue = data?.schedules.overdue ?? [];
  const missed = data?.schedules.missed ?? [];
  return (
    <Card title={t("mon.schedules.title")} description={t("mon.schedules.description")} flush data-testid="schedules-card">
      {loading ? (
        <div className="card-pad">
          <Skeleton height={80} />
        </div>
      ) : overdue.length + missed.length === 0 ? (
        <EmptyState icon={<IconCheckCircle />} title={t("mon.schedules.ok")} description={t("mon.schedules.okHint")} />
      ) : (
        <ul className="mon-list">
          {overdue.map((o) => (
            <li key={`o-${o.ruleId}`} data-testid="overdue-schedule">
              <Link href={`/rules/${o.ruleId}`} className="row-link">
                {o.name}
              </Link>
              <Badge tone="red" dot>
                {t("mon.schedules.overdue", { late: formatDuration(o.lateSeconds * 1000) })}
              </Badge>
              <span className="muted small">{t("mon.schedules.dueAt", { time: formatDateTime(o.nextFireAt, locale, true) })}</span>
            </li>
          ))}
          {missed.map((m) => (
            <li key={`m-${m.ruleId}`} data-testid="missed-schedule">
              <Link href={`/rules/${m.ruleId}`} className="row-link">
                {m.name ?? m.ruleId}
              </Link>
              <Badge tone="amber" dot>
                {t("mon.schedules.missed", { count: formatNumber(m.missed, locale) })}
              </Badge>
              <span className="muted small">{t("mon.schedules.lastMissed", { time: formatDateTime(m.lastScheduledFor, locale, true) })}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}
