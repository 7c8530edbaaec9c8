"use client";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { RelativeTime } from "@/components/ui/relative-time";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import type { ReactNode } from "react";
import { conditionText, kindKey } from "./alert-kinds";
import type { AlertRule } from "./types";

function State({ rule }: { rule: AlertRule }) {
  const { t } = useI18n();
  if (!rule.enabled) return <Badge tone="grey">{t("alerts.state.disabled")}</Badge>;
  if (rule.openIncident)
    return (
      <Badge tone="red" dot className="badge-live" title={rule.openIncident.summary}>
        {t("alerts.state.firing")}
      </Badge>
    );
  if (rule.lastError)
    return (
      <Badge tone="amber" title={rule.lastError}>
        {t("alerts.state.error")}
      </Badge>
    );
  return (
    <Badge tone="green" dot>
      {t("alerts.state.ok")}
    </Badge>
  );
}

export function AlertRulesTable({
  items, loading, empty, onEdit, onDelete,
}: {
  items: AlertRule[] | undefined;
  loading: boolean;
  empty: ReactNode;
  onEdit: (r: AlertRule) => void;
  onDelete: (r: AlertRule) => void;
}) {
  const { t } = useI18n();
  return (
    <Table caption={t("alerts.tab.rules")} data-testid="alert-rules-table">
      <thead>
        <tr>
          <Th>{t("alerts.col.name")}</Th>
          <Th>{t("alerts.col.condition")}</Th>
          <Th className="hide-md">{t("alerts.col.channels")}</Th>
          <Th>{t("alerts.col.state")}</Th>
          <Th className="hide-sm">{t("alerts.col.checked")}</Th>
          <Th className="col-actions">
            <span className="sr-only">{t("common.actions")}</span>
          </Th>
        </tr>
      </thead>
      <tbody>
        {loading ? (
          <SkeletonRows rows={3} columns={6} />
        ) : !items?.length ? (
          <TableMessageRow columns={6}>{empty}</TableMessageRow>
        ) : (
          items.map((r) => (
            <tr key={r.id} data-testid="alert-rule-row">
              <Td className="col-name">
                <span className="row-link">{r.name}</span>
                {r.description && <span className="row-sub">{r.description}</span>}
              </Td>
              <Td>
                <Badge tone="indigo">{t(kindKey(r.kind))}</Badge>
                <span className="mon-condition">
                  {conditionText(t, r.kind, r.params)}
                  {r.ruleId ? ` · ${r.ruleName ?? r.ruleId}` : ""}
                </span>
              </Td>
              <Td className="hide-md">
                <span className="mon-chips">
                  {r.channels.map((c, i) => (
                    <Badge key={i} tone="neutral" className="badge-outline" title={c.type === "email" ? c.to.join(", ") : c.type === "webhook" ? c.url : c.role}>
                      {t(`alerts.channel.${c.type}` as MessageKey)}
                    </Badge>
                  ))}
                </span>
              </Td>
              <Td>
                <State rule={r} />
              </Td>
              <Td className="nowrap hide-sm">
                <RelativeTime iso={r.lastEvaluatedAt} />
              </Td>
              <Td className="col-actions">
                <Button size="sm" variant="ghost" onClick={() => onEdit(r)} data-testid="alert-edit">
                  {t("alerts.edit")}
                </Button>
                <Button size="sm" variant="ghost" onClick={() => onDelete(r)} data-testid="alert-delete">
                  {t("alerts.delete")}
                </Button>
              </Td>
            </tr>
          ))
        )}
      </tbody>
    </Table>
  );
}
