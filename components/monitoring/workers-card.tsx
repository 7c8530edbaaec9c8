"use client";
import { useI18n } from "@/components/i18n/i18n";
import { Card } from "@/components/ui/card";
import { RelativeTime } from "@/components/ui/relative-time";
import { EmptyState } from "@/components/ui/states";
import { SkeletonRows, Table, Td, Th } from "@/components/ui/table";
import { IconServer } from "./icons";
import type { DashboardData } from "./types";

export function WorkersCard({ data, loading }: { data: DashboardData | undefined; loading: boolean }) {
  const { t } = useI18n();
  const list = data?.workers.list ?? [];
  return (
    <Card title={t("mon.workers.title")} description={t("mon.workers.description")} flush data-testid="workers-card">
      {!loading && list.length === 0 ? (
        <EmptyState icon={<IconServer />} title={t("mon.workers.none")} description={t("mon.workers.noneHint")} />
      ) : (
        <Table caption={t("mon.workers.title")}>
          <thead>
            <tr>
              <Th>{t("mon.workers.col.worker")}</Th>
              <Th className="hide-sm">{t("mon.workers.col.host")}</Th>
              <Th>{t("mon.workers.col.started")}</Th>
              <Th>{t("mon.workers.col.seen")}</Th>
            </tr>
          </thead>
          <tbody>
            {loading ? (
              <SkeletonRows rows={2} columns={4} />
            ) : (
              list.map((w) => (
                <tr key={w.workerId} data-testid="worker-row">
                  <Td>
                    <span className="mon-worker">
                      <span className="live-dot" aria-hidden />
                      <code className="mono">{w.workerId}</code>
                    </span>
                  </Td>
                  <Td className="hide-sm">
                    {w.hostname} <span className="muted">· pid {w.pid}</span>
                  </Td>
                  <Td>
                    <RelativeTime iso={w.startedAt} />
                  </Td>
                  <Td>
                    <RelativeTime iso={w.lastSeenAt} />
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}
    </Card>
  );
}
