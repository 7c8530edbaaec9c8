"use client";
import Link from "next/link";
import type { ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { formatDuration, durationBetween } from "@/components/ui/format";
import { RelativeTime, useNow } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { Badge } from "@/components/ui/badge";
import type { ExecutionItem } from "./types";

export function ExecutionsTable({
  executions, loading, empty, showRule = true, actions, skeletonRows = 8, caption,
}: {
  executions: ExecutionItem[] | undefined;
  loading: boolean;
  empty: ReactNode;
  showRule?: boolean;
  /** Extra buttons at the end of each row (retry…). */
  actions?: (e: ExecutionItem) => ReactNode;
  skeletonRows?: number;
  caption?: string;
}) {
  const { t } = useI18n();
  const now = useNow();
  const columns = 6 + (showRule ? 1 : 0) + (actions ? 1 : 0);
  const cells = ["col-id", ...(showRule ? ["col-rule"] : []), undefined, "nowrap", "num hide-sm", "num hide-md", "col-error", ...(actions ? ["col-actions"] : [])];
  return (
    <Table data-testid="executions-table" caption={caption ?? t("executions.title")} aria-busy={loading}>
      <thead>
        <tr>
          <Th className="col-id">{t("executions.col.id")}</Th>
          {showRule && <Th>{t("executions.col.rule")}</Th>}
          <Th>{t("executions.col.status")}</Th>
          <Th>{t("executions.col.created")}</Th>
          <Th className="num hide-sm">{t("executions.col.duration")}</Th>
          <Th className="num hide-md">{t("executions.col.retries")}</Th>
          <Th className="col-error">{t("executions.col.error")}</Th>
          {actions && (
            <Th className="col-actions">
              <span className="sr-only">{t("common.actions")}</span>
            </Th>
          )}
        </tr>
      </thead>
      <tbody>
        {loading && !executions ? (
          <SkeletonRows rows={skeletonRows} columns={columns} cellClassNames={cells} />
        ) : !executions || executions.length === 0 ? (
          <TableMessageRow columns={columns}>{empty}</TableMessageRow>
        ) : (
          executions.map((e) => {
            const ms = durationBetween(e.startTime, e.endTime, now);
            return (
              <tr key={e.id} data-testid="execution-row" data-execution-id={e.id} data-status={e.status}>
                <Td className="col-id">
                  <Link href={`/executions/${e.id}`} className="row-link mono" data-testid="execution-link">
                    #{e.id}
                  </Link>
                </Td>
                {showRule && (
                  <Td className="col-rule">
                    <Link href={`/rules/${e.ruleId}`} className="subtle-link" title={e.ruleName ?? e.ruleId}>
                      {e.ruleName ?? <span className="mono">{e.ruleId.slice(0, 8)}</span>}
                    </Link>
                    {e.dryRun && (
                      <Badge tone="indigo" className="badge-inline">
                        {t("execution.testRun")}
                      </Badge>
                    )}
                  </Td>
                )}
                <Td>
                  <StatusBadge status={e.status} />
                </Td>
                <Td className="nowrap">
                  <RelativeTime iso={e.createdAt} />
                </Td>
                <Td className="num nowrap hide-sm">{ms === null ? <span className="muted">—</span> : formatDuration(ms)}</Td>
                <Td className="num hide-md">{e.retryCount}</Td>
                <Td className="col-error">
                  {e.errorMessage ? (
                    <span className="error-snippet" title={e.errorMessage}>
                      {e.errorMessage}
                    </span>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </Td>
                {actions && <Td className="col-actions">{actions(e)}</Td>}
              </tr>
            );
          })
        )}
      </tbody>
    </Table>
  );
}
