"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { IconDeadLetter, IconExecutions } from "@/components/ui/icons";
import { isoToLocal, localToIso } from "@/components/manage/datetime";
import { RuleSelect } from "@/components/manage/rule-select";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { EXECUTION_STATUSES, executionStatusKey } from "@/components/ui/status-badge";
import { errorInfo } from "@/components/ui/trpc-error";
import { ExecutionButtons } from "./execution-buttons";
import { ExecutionsTable } from "./executions-table";

const PAGE_SIZE = 25;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function ExecutionsList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const qs = useQueryState();
  const statusParam = qs.get("status");
  const status = (EXECUTION_STATUSES as readonly string[]).includes(statusParam) ? (statusParam as (typeof EXECUTION_STATUSES)[number]) : undefined;
  const ruleIdParam = qs.get("ruleId").trim();
  const ruleIdValid = !ruleIdParam || UUID.test(ruleIdParam);
  const ruleId = ruleIdParam && ruleIdValid ? ruleIdParam : undefined;
  const from = qs.get("from");
  const to = qs.get("to");
  const filterKey = JSON.stringify([status, ruleId, from, to]);
  const pager = useCursorPager(filterKey);
  const [actionError, setActionError] = useState<unknown>(null);

  const list = useQuery({
    ...trpc.executions.list.queryOptions({
      status,
      ruleId,
      from: from || undefined,
      to: to || undefined,
      limit: PAGE_SIZE,
      cursor: pager.cursor,
    }),
    placeholderData: keepPreviousData,
    refetchInterval: 3000,
    // A malformed rule id matches nothing: show the field's error and an empty list, not every execution.
    enabled: ruleIdValid,
  });
  const rule = useQuery({ ...trpc.rules.get.queryOptions({ id: ruleId ?? "" }), enabled: Boolean(ruleId) });

  const filtered = Boolean(status || ruleIdParam || from || to);

  return (
    <div className="page" data-testid="executions-page">
      <PageHeader
        title={t("executions.title")}
        description={t("executions.description")}
        meta={
          <span className="live-indicator" title={t("executions.autoRefresh")} data-testid="executions-live">
            <span className="live-dot" aria-hidden />
            {t("executions.live")}
          </span>
        }
        actions={
          <ButtonLink href="/executions/dead-letter" icon={<IconDeadLetter />} data-testid="dead-letter-link">
            {t("deadLetter.title")}
          </ButtonLink>
        }
      />

      <div className="toolbar" role="search" aria-label={t("executions.filters")}>
        <Select
          label={t("executions.filter.status")}
          value={status ?? ""}
          onChange={(e) => qs.set({ status: e.target.value || null })}
          options={[{ value: "", label: t("common.all") }, ...EXECUTION_STATUSES.map((s) => ({ value: s, label: t(executionStatusKey[s]) }))]}
          data-testid="executions-filter-status"
        />
        {ruleIdValid ? (
          <RuleSelect value={ruleId ?? ""} onChange={(id) => qs.set({ ruleId: id || null })} data-testid="executions-filter-rule" />
        ) : (
          <Input
            label={t("executions.filter.ruleId")}
            value={ruleIdParam}
            readOnly
            error={t("executions.filter.ruleIdInvalid")}
            inputClassName="mono input-wide"
            data-testid="executions-filter-rule"
          />
        )}
        <Input
          label={t("executions.filter.from")}
          type="datetime-local"
          value={isoToLocal(from)}
          onChange={(e) => qs.set({ from: localToIso(e.target.value) ?? null })}
          data-testid="executions-filter-from"
        />
        <Input
          label={t("executions.filter.to")}
          type="datetime-local"
          value={isoToLocal(to)}
          onChange={(e) => qs.set({ to: localToIso(e.target.value) ?? null })}
          data-testid="executions-filter-to"
        />
        {filtered && (
          <Button
            variant="ghost"
            className="toolbar-clear"
            onClick={() => qs.set({ status: null, ruleId: null, from: null, to: null })}
            data-testid="executions-clear"
          >
            {t("common.clearFilters")}
          </Button>
        )}
      </div>

      {ruleId && rule.data && (
        <div className="filter-chip-row">
          <Badge tone="indigo" data-testid="executions-rule-filter">
            {t("executions.forRule", { name: rule.data.name })}
          </Badge>
        </div>
      )}

      {actionError ? (
        <Alert tone="error" onClose={() => setActionError(null)}>
          {errorInfo(actionError).message}
        </Alert>
      ) : null}

      <div className="panel">
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <ExecutionsTable
            executions={ruleIdValid ? list.data?.items : []}
            loading={ruleIdValid && list.isPending}
            skeletonRows={10}
            empty={
              filtered ? (
                <EmptyState title={t("executions.noMatch")} description={t("executions.noMatchHint")} />
              ) : (
                <EmptyState icon={<IconExecutions />} title={t("executions.empty")} description={t("executions.emptyHint")} />
              )
            }
            actions={(e) => (can("operator") ? <ExecutionButtons id={e.id} status={e.status} onError={setActionError} /> : null)}
          />
        )}
        <Pagination
          page={pager.page}
          hasPrev={pager.hasPrev}
          nextCursor={ruleIdValid ? list.data?.nextCursor : null}
          onPrev={pager.prev}
          onNext={pager.next}
          busy={list.isFetching && list.isPlaceholderData}
          count={list.data?.items.length}
        />
      </div>
    </div>
  );
}
