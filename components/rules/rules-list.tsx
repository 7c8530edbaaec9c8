"use client";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useCallback, useMemo, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useQueryState } from "@/components/layout/use-query-state";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Button, ButtonLink } from "@/components/ui/button";
import { Select } from "@/components/ui/field";
import { IconPlus, IconRules } from "@/components/ui/icons";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { SearchInput } from "@/components/ui/search-input";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { RULE_STATUSES, ruleStatusKey } from "@/components/ui/status-badge";
import { errorInfo } from "@/components/ui/trpc-error";
import { BulkOutcomeAlert, RulesBulkBar, type BulkOutcome } from "@/components/manage/rules-bulk-bar";
import { RulesTable, type RuleSelection } from "./rules-table";
import { TRIGGER_TYPES, triggerTypeKey } from "./trigger-summary";

const SORTS = ["updated", "name", "priority"] as const;
type Sort = (typeof SORTS)[number];
const PAGE_SIZE = 25;

function pick<T extends string>(value: string, allowed: readonly T[]): T | undefined {
  return (allowed as readonly string[]).includes(value) ? (value as T) : undefined;
}

export function RulesList() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const qs = useQueryState();
  const q = qs.get("q");
  const status = pick(qs.get("status"), RULE_STATUSES);
  const triggerType = pick(qs.get("trigger"), TRIGGER_TYPES);
  const sort: Sort = pick(qs.get("sort"), SORTS) ?? "updated";
  const filterKey = JSON.stringify([q, status, triggerType, sort]);
  const pager = useCursorPager(filterKey);
  const [actionError, setActionError] = useState<unknown>(null);

  const list = useQuery({
    ...trpc.rules.list.queryOptions({ q: q || undefined, status, triggerType, sort, limit: PAGE_SIZE, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
  });

  // Bulk selection: the ticked rows of the page on screen (a new page or filter starts empty).
  const pageKey = `${filterKey}:${pager.cursor ?? ""}`;
  const [picked, setPicked] = useState<{ key: string; ids: Set<string> }>({ key: pageKey, ids: new Set() });
  const selectedIds = picked.key === pageKey ? picked.ids : new Set<string>();
  const [outcome, setOutcome] = useState<BulkOutcome | null>(null);
  const selection: RuleSelection = useMemo(
    () => ({
      selected: selectedIds,
      toggle: (id) =>
        setPicked((p) => {
          const ids = new Set(p.key === pageKey ? p.ids : []);
          if (ids.has(id)) ids.delete(id);
          else ids.add(id);
          return { key: pageKey, ids };
        }),
      setAll: (all, on) => setPicked({ key: pageKey, ids: on ? new Set(all) : new Set() }),
    }),
    [selectedIds, pageKey],
  );
  const names = useMemo(() => new Map((list.data?.items ?? []).map((r) => [r.id, r.name])), [list.data]);

  const onSearch = useCallback((text: string) => qs.set({ q: text.trim() || null }), [qs]);
  const filtered = Boolean(q || status || triggerType);

  return (
    <div className="page" data-testid="rules-page">
      <PageHeader
        title={t("rules.title")}
        description={t("rules.description")}
        actions={
          can("editor") && (
            <ButtonLink href="/rules/new" variant="primary" icon={<IconPlus />} data-testid="rule-new">
              {t("rules.new")}
            </ButtonLink>
          )
        }
      />

      <div className="toolbar" role="search" aria-label={t("rules.filters")}>
        <SearchInput label={t("rules.search")} placeholder={t("rules.searchPlaceholder")} value={q} onSearch={onSearch} data-testid="rules-search" />
        <Select
          label={t("rules.filter.status")}
          value={status ?? ""}
          onChange={(e) => qs.set({ status: e.target.value || null })}
          options={[{ value: "", label: t("rules.filter.activeStatuses") }, ...RULE_STATUSES.map((s) => ({ value: s, label: t(ruleStatusKey[s]) }))]}
          data-testid="rules-filter-status"
        />
        <Select
          label={t("rules.filter.trigger")}
          value={triggerType ?? ""}
          onChange={(e) => qs.set({ trigger: e.target.value || null })}
          options={[{ value: "", label: t("common.all") }, ...TRIGGER_TYPES.map((tt) => ({ value: tt, label: t(triggerTypeKey[tt]) }))]}
          data-testid="rules-filter-trigger"
        />
        <Select
          label={t("rules.sort")}
          value={sort}
          onChange={(e) => qs.set({ sort: e.target.value === "updated" ? null : e.target.value })}
          options={[
            { value: "updated", label: t("rules.sort.updated") },
            { value: "name", label: t("rules.sort.name") },
            { value: "priority", label: t("rules.sort.priority") },
          ]}
          data-testid="rules-sort"
        />
        {filtered && (
          <Button variant="ghost" className="toolbar-clear" onClick={() => qs.set({ q: null, status: null, trigger: null })} data-testid="rules-clear">
            {t("common.clearFilters")}
          </Button>
        )}
      </div>

      {actionError ? (
        <Alert tone="error" onClose={() => setActionError(null)} data-testid="rules-action-error">
          {errorInfo(actionError).message}
        </Alert>
      ) : null}

      {outcome && <BulkOutcomeAlert outcome={outcome} onClose={() => setOutcome(null)} />}

      <div className="panel">
        {can("editor") && selectedIds.size > 0 && (
          <RulesBulkBar
            selected={[...selectedIds]}
            names={names}
            onClear={() => selection.setAll([], false)}
            onDone={(o) => {
              setOutcome(o);
              selection.setAll([], false);
            }}
          />
        )}
        {list.isError && !list.data ? (
          <ErrorState error={list.error} onRetry={() => list.refetch()} />
        ) : (
          <RulesTable
            rules={list.data?.items}
            loading={list.isPending}
            canEdit={can("editor")}
            onError={setActionError}
            selection={can("editor") ? selection : undefined}
            skeletonRows={8}
            empty={
              filtered ? (
                <EmptyState title={t("rules.noMatch")} description={t("rules.noMatchHint")} />
              ) : (
                <EmptyState
                  icon={<IconRules />}
                  title={t("rules.empty")}
                  description={t("rules.emptyHint")}
                  action={
                    can("editor") && (
                      <ButtonLink href="/rules/new" variant="primary" icon={<IconPlus />}>
                        {t("rules.new")}
                      </ButtonLink>
                    )
                  }
                />
              )
            }
          />
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
