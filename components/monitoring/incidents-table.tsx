"use client";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { durationBetween, formatDuration } from "@/components/ui/format";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import type { ReactNode } from "react";
import { kindKey } from "./alert-kinds";
import type { Incident } from "./types";

function NoticeChip({ label, notice }: { label: string; notice: Incident["notices"]["open"] }) {
  const { t } = useI18n();
  if (notice.suppressed || notice.channels.length === 0) return null;
  const failed = notice.channels.filter((c) => c.status === "failed").length;
  const pending = notice.channels.filter((c) => c.status === "pending").length;
  const sent = notice.channels.length - failed - pending;
  const [key, tone]: [MessageKey, BadgeTone] = failed ? ["incidents.notice.failed", "red"] : pending ? ["incidents.notice.pending", "amber"] : ["incidents.notice.sent", "green"];
  const detail = notice.channels.map((c) => `${t(`alerts.channel.${c.type}` as MessageKey)} → ${c.target}: ${c.status}${c.lastError ? ` (${c.lastError})` : ""}`).join("\n");
  return (
    <Badge tone={tone} title={detail} data-testid="notice-chip">
      {t(key, { kind: label })} {sent}/{notice.channels.length}
    </Badge>
  );
}

export function IncidentsTable({ items, loading, empty }: { items: Incident[] | undefined; loading: boolean; empty: ReactNode }) {
  const { t } = useI18n();
  const now = useNow();
  return (
    <Table caption={t("alerts.tab.incidents")} data-testid="incidents-table">
      <thead>
        <tr>
          <Th>{t("incidents.col.status")}</Th>
          <Th>{t("incidents.col.alert")}</Th>
          <Th>{t("incidents.col.opened")}</Th>
          <Th className="hide-sm">{t("incidents.col.duration")}</Th>
          <Th className="mon-col-summary">{t("incidents.col.summary")}</Th>
          <Th className="hide-md">{t("incidents.col.notices")}</Th>
        </tr>
      </thead>
      <tbody>
        {loading ? (
          <SkeletonRows rows={5} columns={6} />
        ) : !items?.length ? (
          <TableMessageRow columns={6}>{empty}</TableMessageRow>
        ) : (
          items.map((i) => (
            <tr key={i.id} data-testid="incident-row" data-status={i.status}>
              <Td>
                <Badge tone={i.status === "open" ? "red" : "green"} dot className={i.status === "open" ? "badge-live" : undefined}>
                  {t(i.status === "open" ? "incidents.status.open" : "incidents.status.resolved")}
                </Badge>
              </Td>
              <Td className="col-rule">
                <span className="row-link">{i.alertName}</span>
                <span className="row-sub">
                  {t(kindKey(i.kind))}
                  {i.alertId ? "" : ` · ${t("incidents.deletedAlert")}`}
                </span>
              </Td>
              <Td className="nowrap">
                <RelativeTime iso={i.openedAt} />
              </Td>
              <Td className="nowrap hide-sm">
                {i.resolvedAt ? formatDuration(durationBetween(i.openedAt, i.resolvedAt)) : <span className="muted">{t("incidents.ongoing")} · {formatDuration(durationBetween(i.openedAt, null, now))}</span>}
              </Td>
              <Td className="mon-col-summary">
                <span className="mon-summary" title={i.summary}>
                  {i.summary}
                </span>
              </Td>
              <Td className="hide-md">
                <span className="mon-chips">
                  <NoticeChip label={t("incidents.notice.firing")} notice={i.notices.open} />
                  <NoticeChip label={t("incidents.notice.resolved")} notice={i.notices.resolved} />
                </span>
              </Td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}
