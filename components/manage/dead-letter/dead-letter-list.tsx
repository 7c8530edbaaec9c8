"use client";
// The dead-letter view: executions that ended failed, each with its final error and the action
// that failed, and Retry (resumes at the failed action) for operators and above.
import "../manage.css";
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { ExecutionButtons } from "@/components/executions/execution-buttons";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { IconCheck } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { RelativeTime } from "@/components/ui/relative-time";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { errorInfo } from "@/components/ui/trpc-error";
import { RuleSelect } from "../rule-select";

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
export const ERROR_CLASSES = ["configuration", "runtime", "dependency"] as const;
type ErrorClass = (typeof ERROR_CLASSES)[number];
const errorClassKey: Record<ErrorClass, MessageKey> = {
  configuration: "deadLetter.class.configuration",
  runtime: "deadLetter.class.runtime",
  dependency: "deadLetter.class.dependency",
};
const errorClassTone: Record<ErrorClass, BadgeTone> = { configuration: "amber", runtime: "red", dependency: "blue" };
const CELLS = ["col-id", "col-rule", "m-col-failed-action", "col-error", "nowrap hide-sm", "col-actions"];

export function ErrorClassBadge({ value }: { value: string | null | undefined }) {
  const { t } = useI18n();
  if (!value) return null;
  const known = (ERROR_CLASSES as readonly string[]).includes(value) ? (value as ErrorClass) : null;
  return (
    <Badge tone={known ? errorClassTone[known] : "neutral"} data-testid="error-class" data-class={value}>
      {known ? t(errorClassKey[known]) : value}
    </Badge>
  );
}

export function DeadLetterList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const qs = useQueryState();
  const ruleParam = qs.get("ruleId");
  const ruleId = UUID.test(ruleParam) ? ruleParam : undefined;
  const classParam = qs.get("errorClass");
  const errorClass = (ERROR_CLASSES as readonly string[]).includes(classParam) ? (classParam as ErrorClass) : undefined;
  const pager = useCursorPager(JSON.stringify([ruleId, errorClass]));
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const list = useQuery({
    ...trpc.executions.deadLetter.queryOptions({ ruleId, errorClass, limit: PAGE_SIZE, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: 10_000,
  });
  const filtered = Boolean(ruleId || errorClass);
  const canRetry = can("operator");

  return (
    <div className="page" data-testid="dead-letter-page">
      <PageHeader
        eyebrow={
          <Link href="/executions" className="subtle-link">
            {t("nav.executions")}
          </Link>
        }
        title={t("deadLetter.title")}
        description={t("deadLetter.description")}
      />
      <div className="toolbar" role="search" aria-label={t("deadLetter.filters")}>
        <RuleSelect value={ruleId ?? ""} onChange={(id) => qs.set({ ruleId: id || null })} data-testid="dead-letter-filter-rule" />
        <Select
          label={t("deadLetter.filter.class")}
          value={errorClass ?? ""}
          onChange={(e) => qs.set({ errorClass: e.target.value || null })}
          options={[{ value: "", label: t("common.all") }, ...ERROR_CLASSES.map((c) => ({ value: c, label: t(errorClassKey[c]) }))]}
          data-testid="dead-letter-filter-class"
        />
        {filtered && (
          <Button variant="ghost" className="toolbar-clear" onClick={() => qs.set({ ruleId: null, errorClass: null })}>
            {t("common.clearFilters")}
          </Button>
        )}
      </div>
      {actionError ? (
        <Alert tone="error" onClose={() => setActionError(null)}>
          {errorInfo(actionError).message}
        </Alert>
      ) : null}
      {notice && (
        <Alert tone="success" onClose={() => setNotice(null)} data-testid="dead-letter-notice">
          {notice}
        </Alert>
      )}
      <div className="panel">
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <Table data-testid="dead-letter-table" caption={t("deadLetter.title")} aria-busy={list.isPending}>
            <thead>
              <tr>
                <Th className="col-id">{t("executions.col.id")}</Th>
                <Th className="col-rule">{t("executions.col.rule")}</Th>
                <Th className="m-col-failed-action">{t("deadLetter.col.action")}</Th>
                <Th className="col-error">{t("deadLetter.col.error")}</Th>
                <Th className="hide-sm">{t("deadLetter.col.failedAt")}</Th>
                <Th className="col-actions">
                  <span className="sr-only">{t("common.actions")}</span>
                </Th>
              </tr>
            </thead>
            <tbody>
              {list.isPending ? (
                <SkeletonRows rows={8} columns={6} cellClassNames={CELLS} />
              ) : list.data.items.length === 0 ? (
                <TableMessageRow columns={6}>
                  {filtered ? (
                    <EmptyState title={t("deadLetter.noMatch")} description={t("manage.noMatchHint")} />
                  ) : (
                    <EmptyState icon={<IconCheck />} title={t("deadLetter.empty")} description={t("deadLetter.emptyHint")} />
                  )}
                </TableMessageRow>
              ) : (
                list.data.items.map((e) => {
                  const fa = e.failedAction;
                  const error = fa?.error ?? e.errorMessage;
                  return (
                    <tr key={e.id} data-testid="dead-letter-row" data-execution-id={e.id}>
                      <Td className="col-id">
                        <Link href={`/executions/${e.id}`} className="row-link mono" data-testid="execution-link">
                          #{e.id}
                        </Link>
                      </Td>
                      <Td className="col-rule">
                        <Link href={`/rules/${e.ruleId}`} className="subtle-link" title={e.ruleName ?? e.ruleId}>
                          {e.ruleName ?? <span className="mono">{e.ruleId.slice(0, 8)}</span>}
                        </Link>
                        <span className="row-sub mono">v{e.ruleVersion}</span>
                      </Td>
                      <Td className="m-col-failed-action">
                        {fa ? (
                          <span className="m-failed-action" data-testid="failed-action">
                            <span className="nowrap">{t("execution.step", { n: fa.actionIndex + 1 })}</span>
                            <code className="timeline-type">{fa.actionType}</code>
                            {fa.attempt ? <span className="muted small nowrap">{t("execution.attempt", { n: fa.attempt })}</span> : null}
                          </span>
                        ) : (
                          <span className="muted small">{t("deadLetter.beforeActions")}</span>
                        )}
                      </Td>
                      <Td className="col-error">
                        <span className="m-error-cell">
                          <ErrorClassBadge value={fa?.errorClass ?? e.errorClass} />
                          {error ? (
                            <span className="error-snippet" title={error} data-testid="dead-letter-error">
                              {error}
                            </span>
                          ) : (
                            <span className="muted">—</span>
                          )}
                        </span>
                      </Td>
                      <Td className="nowrap hide-sm">
                        <RelativeTime iso={e.failedAt ?? e.createdAt} />
                      </Td>
                      <Td className="col-actions">
                        {canRetry && (
                          <ExecutionButtons
                            id={e.id}
                            status={e.status}
                            onError={setActionError}
                            onDone={() => setNotice(t("deadLetter.retried", { id: e.id }))}
                          />
                        )}
                      </Td>
                    </tr>
                  );
                })
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
    </div>
  );
}
