"use client";
// The lower half of a rule's page: its recent executions, saved versions and fire history.
import Link from "next/link";
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { Fragment, useId, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { useTRPC } from "@/components/providers/trpc";
import { ExecutionsTable } from "@/components/executions/executions-table";
import { Badge, type BadgeTone } from "@/components/ui/badge";
import { Button, ButtonLink } from "@/components/ui/button";
import { JsonView } from "@/components/ui/json-view";
import { Pagination, useCursorPager } from "@/components/ui/pagination";
import { DateTime, RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { Tabs, tabPanelProps } from "@/components/ui/tabs";

export function RuleExecutions({ ruleId }: { ruleId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const list = useQuery({ ...trpc.executions.list.queryOptions({ ruleId, limit: 10 }), refetchInterval: 3000 });
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  return (
    <>
      <ExecutionsTable
        executions={list.data?.items}
        loading={list.isPending}
        showRule={false}
        skeletonRows={4}
        empty={<EmptyState title={t("rule.noExecutions")} description={t("rule.noExecutionsHint")} />}
      />
      <div className="panel-footer">
        <ButtonLink href={`/executions?ruleId=${encodeURIComponent(ruleId)}`} size="sm" variant="ghost" data-testid="rule-all-executions">
          {t("rule.allExecutions")} →
        </ButtonLink>
      </div>
    </>
  );
}

export function RuleVersions({ ruleId, currentVersion, onLoad }: { ruleId: string; currentVersion: number; onLoad?: (doc: unknown) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const pager = useCursorPager(ruleId);
  const [open, setOpen] = useState<number | null>(null);
  const list = useQuery({ ...trpc.rules.versions.queryOptions({ id: ruleId, limit: 20, cursor: pager.cursor }), placeholderData: keepPreviousData });
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const cols = 4;
  return (
    <>
      <Table data-testid="rule-versions" caption={t("rule.versions")}>
        <thead>
          <tr>
            <Th>{t("versions.col.version")}</Th>
            <Th>{t("versions.col.created")}</Th>
            <Th>{t("versions.col.by")}</Th>
            <Th className="col-actions">
              <span className="sr-only">{t("common.actions")}</span>
            </Th>
          </tr>
        </thead>
        <tbody>
          {list.isPending ? (
            <SkeletonRows rows={3} columns={cols} />
          ) : list.data.items.length === 0 ? (
            <TableMessageRow columns={cols}>
              <EmptyState title={t("common.empty")} />
            </TableMessageRow>
          ) : (
            list.data.items.map((v) => (
              <Fragment key={v.version}>
                <tr data-testid="rule-version-row" data-version={v.version}>
                  <Td>
                    <span className="mono">v{v.version}</span>
                    {v.version === currentVersion && (
                      <Badge tone="indigo" className="badge-inline">
                        {t("versions.current")}
                      </Badge>
                    )}
                  </Td>
                  <Td className="nowrap">
                    <DateTime iso={v.createdAt} />
                  </Td>
                  <Td>{v.createdBy ?? <span className="muted">—</span>}</Td>
                  <Td className="col-actions">
                    <Button size="sm" variant="ghost" aria-expanded={open === v.version} onClick={() => setOpen(open === v.version ? null : v.version)}>
                      {open === v.version ? t("json.hide") : t("versions.view")}
                    </Button>
                    {onLoad && v.version !== currentVersion && (
                      <Button size="sm" onClick={() => onLoad(v.document)} data-testid="rule-version-load">
                        {t("versions.load")}
                      </Button>
                    )}
                  </Td>
                </tr>
                {open === v.version && (
                  <tr className="expanded-row">
                    <td colSpan={cols}>
                      <JsonView value={v.document} maxHeight={320} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))
          )}
        </tbody>
      </Table>
      {(pager.hasPrev || list.data?.nextCursor) && (
        <Pagination page={pager.page} hasPrev={pager.hasPrev} nextCursor={list.data?.nextCursor} onPrev={pager.prev} onNext={pager.next} />
      )}
    </>
  );
}

const outcomeTone: Record<string, BadgeTone> = { fired: "green", skipped: "slate", missed: "red", backfilled: "amber" };
const outcomeKey: Record<string, MessageKey> = {
  fired: "fires.outcome.fired",
  skipped: "fires.outcome.skipped",
  missed: "fires.outcome.missed",
  backfilled: "fires.outcome.backfilled",
};

export function RuleFires({ ruleId }: { ruleId: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const pager = useCursorPager(ruleId);
  const list = useQuery({
    ...trpc.rules.fires.queryOptions({ id: ruleId, limit: 20, cursor: pager.cursor }),
    placeholderData: keepPreviousData,
    refetchInterval: pager.page === 1 ? 10_000 : false,
  });
  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  const cols = 4;
  return (
    <>
      <Table data-testid="rule-fires" caption={t("rule.fires")}>
        <thead>
          <tr>
            <Th>{t("fires.col.scheduled")}</Th>
            <Th>{t("fires.col.outcome")}</Th>
            <Th>{t("fires.col.reason")}</Th>
            <Th>{t("fires.col.execution")}</Th>
          </tr>
        </thead>
        <tbody>
          {list.isPending ? (
            <SkeletonRows rows={3} columns={cols} />
          ) : list.data.items.length === 0 ? (
            <TableMessageRow columns={cols}>
              <EmptyState title={t("fires.empty")} description={t("fires.emptyHint")} />
            </TableMessageRow>
          ) : (
            list.data.items.map((f) => (
              <tr key={f.scheduledFor} data-testid="rule-fire-row" data-outcome={f.outcome}>
                <Td className="nowrap">
                  <DateTime iso={f.scheduledFor} seconds /> <span className="muted small">(<RelativeTime iso={f.scheduledFor} />)</span>
                </Td>
                <Td>
                  <Badge tone={outcomeTone[f.outcome] ?? "neutral"} dot>
                    {outcomeKey[f.outcome] ? t(outcomeKey[f.outcome]) : f.outcome}
                  </Badge>
                </Td>
                <Td className="col-error">{f.reason ?? <span className="muted">—</span>}</Td>
                <Td>
                  {f.executionId ? (
                    <Link href={`/executions/${f.executionId}`} className="row-link mono">
                      #{f.executionId}
                    </Link>
                  ) : (
                    <span className="muted">—</span>
                  )}
                </Td>
              </tr>
            ))
          )}
        </tbody>
      </Table>
      {(pager.hasPrev || list.data?.nextCursor) && (
        <Pagination page={pager.page} hasPrev={pager.hasPrev} nextCursor={list.data?.nextCursor} onPrev={pager.prev} onNext={pager.next} />
      )}
    </>
  );
}

export function RuleHistory({
  ruleId, currentVersion, hasFires, onLoadVersion,
}: {
  ruleId: string;
  currentVersion: number;
  hasFires: boolean;
  onLoadVersion?: (doc: unknown) => void;
}) {
  const { t } = useI18n();
  const [tab, setTab] = useState("executions");
  const idBase = useId();
  const items = [
    { id: "executions", label: t("rule.recentExecutions") },
    { id: "versions", label: t("rule.versions"), count: currentVersion },
    ...(hasFires ? [{ id: "fires", label: t("rule.fires") }] : []),
  ];
  const active = items.some((i) => i.id === tab) ? tab : "executions";
  return (
    <section className="card" data-testid="rule-history">
      <div className="card-tabs">
        <Tabs items={items} value={active} onChange={setTab} label={t("rule.history")} idBase={idBase} />
      </div>
      <div {...tabPanelProps(idBase, active)} className="card-body card-body-flush">
        {active === "executions" && <RuleExecutions ruleId={ruleId} />}
        {active === "versions" && <RuleVersions ruleId={ruleId} currentVersion={currentVersion} onLoad={onLoadVersion} />}
        {active === "fires" && <RuleFires ruleId={ruleId} />}
      </div>
    </section>
  );
}
