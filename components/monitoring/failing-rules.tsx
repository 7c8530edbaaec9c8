"use client";
import Link from "next/link";
import { useI18n } from "@/components/i18n/i18n";
import { Card } from "@/components/ui/card";
import { formatNumber } from "@/components/ui/format";
import { IconCheck } from "@/components/ui/icons";
import { EmptyState } from "@/components/ui/states";
import { SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { percent } from "./format";
import type { DashboardData } from "./types";

export function FailingRules({ data, loading }: { data: DashboardData | undefined; loading: boolean }) {
  const { t, locale } = useI18n();
  const rows = data?.topFailingRules ?? [];
  const worst = Math.max(1, ...rows.map((r) => r.failed));
  return (
    <Card title={t("mon.failing.title")} description={t("mon.failing.description")} flush data-testid="failing-rules">
      {!loading && rows.length === 0 ? (
        <EmptyState icon={<IconCheck />} title={t("mon.failing.empty")} description={t("mon.failing.emptyHint")} />
      ) : (
        <Table caption={t("mon.failing.title")}>
          <thead>
            <tr>
              <Th>{t("mon.failing.col.rule")}</Th>
              <Th className="num">{t("mon.failing.col.failed")}</Th>
              <Th className="num hide-sm">{t("mon.failing.col.finished")}</Th>
              <Th className="num">{t("mon.failing.col.rate")}</Th>
            </tr>
          </thead>
          <tbody>
            {loading ? (
              <SkeletonRows rows={4} columns={4} />
            ) : (
              rows.map((r) => (
                <tr key={r.ruleId} data-testid="failing-rule">
                  <Td className="col-rule">
                    <Link href={`/executions?ruleId=${r.ruleId}&status=failed`} className="row-link" title={t("mon.failing.viewFailed")}>
                      {r.name ?? t("mon.failing.deleted")}
                    </Link>
                    <span className="mon-bar" aria-hidden>
                      <span style={{ width: `${(r.failed / worst) * 100}%` }} />
                    </span>
                  </Td>
                  <Td className="num text-danger">{formatNumber(r.failed, locale)}</Td>
                  <Td className="num hide-sm">{formatNumber(r.finished, locale)}</Td>
                  <Td className="num">{percent(r.failureRate)}</Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
