"use client";
import { useI18n } from "@/components/i18n/i18n";
import { StackedBarChart, type ChartSeries } from "@/components/charts/stacked-bar-chart";
import { Card } from "@/components/ui/card";
import { formatNumber } from "@/components/ui/format";
import { Skeleton } from "@/components/ui/skeleton";
import { axisLabel, slotTitle, type RangeId } from "./format";
import type { DashboardData } from "./types";

export function ExecutionsChart({ data, range, loading }: { data: DashboardData | undefined; range: RangeId; loading: boolean }) {
  const { t, locale } = useI18n();
  const series: ChartSeries[] = [
    { key: "success", label: t("status.success"), color: "#22c55e" },
    { key: "failed", label: t("status.failed"), color: "#ef4444" },
    { key: "skipped", label: t("status.skipped"), color: "#94a3b8" },
    { key: "cancelled", label: t("status.cancelled"), color: "#d4a373" },
  ];
  const slot = data?.slotSeconds ?? 60;
  const slotText =
    slot < 120 ? t("mon.slot.minute") : slot < 3600 ? t("mon.slot.minutes", { n: slot / 60 }) : slot === 3600 ? t("mon.slot.hour") : t("mon.slot.hours", { n: slot / 3600 });
  return (
    <Card title={t("mon.chart.title")} description={t("mon.chart.description", { slot: slotText })} data-testid="executions-chart">
      {loading || !data ? (
        <Skeleton height={246} />
      ) : (
        <StackedBarChart
          data={data.series.map((p) => ({ at: p.at, values: { success: p.success, failed: p.failed, skipped: p.skipped, cancelled: p.cancelled } }))}
          series={series}
          height={220}
          formatX={(at) => axisLabel(at, range, locale)}
          formatTitle={(at) => slotTitle(at, slot, locale)}
          formatValue={(n) => formatNumber(n, locale)}
          ariaLabel={t("mon.chart.label")}
          totalLabel={t("mon.chart.total")}
          emptyLabel={t("mon.chart.empty")}
          data-testid="executions-chart-svg"
        />
      )}
    </Card>
  );
}
