"use client";
import Link from "next/link";
import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { DescriptionList } from "@/components/ui/description-list";
import { durationBetween, formatDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { DateTime, RelativeTime, useNow } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { FINAL_EXECUTION_STATUSES, StatusBadge } from "@/components/ui/status-badge";
import { errorInfo, isNotFound } from "@/components/ui/trpc-error";
import { ExecutionButtons } from "./execution-buttons";
import { ExecutionProgress } from "./execution-progress";
import { ExecutionTimeline } from "./execution-timeline";

export function ExecutionDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const now = useNow();
  const [actionError, setActionError] = useState<unknown>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const execution = useQuery({
    ...trpc.executions.get.queryOptions({ id }),
    // Poll while the execution can still change.
    refetchInterval: (q) => (q.state.data && FINAL_EXECUTION_STATUSES.includes(q.state.data.status) ? false : 2000),
  });
  const e = execution.data;
  const version = useQuery({
    ...trpc.rules.version.queryOptions({ id: e?.ruleId ?? "", version: e?.ruleVersion ?? 1 }),
    enabled: Boolean(e?.ruleId),
    staleTime: Infinity,
    retry: false,
  });

  const eyebrow = (
    <Link href="/executions" className="subtle-link">
      {t("nav.executions")}
    </Link>
  );

  if (execution.isError && !e) {
    return (
      <div className="page">
        <PageHeader eyebrow={eyebrow} title={t("execution.title", { id })} />
        {isNotFound(execution.error) ? (
          <EmptyState
            title={t("execution.notFound")}
            description={t("execution.notFoundHint")}
            action={<ButtonLink href="/executions">{t("execution.back")}</ButtonLink>}
          />
        ) : (
          <ErrorState error={execution.error} onRetry={() => execution.refetch()} />
        )}
      </div>
    );
  }

  if (!e) {
    return (
      <div className="page" aria-busy data-testid="execution-loading">
        <PageHeader eyebrow={eyebrow} title={t("execution.title", { id })} meta={<Skeleton width={80} height={22} />} />
        <div className="card card-pad">
          <Skeleton height={96} />
        </div>
        <div className="detail-grid">
          <div className="card card-pad">
            <Skeleton height={280} />
          </div>
          <div className="card card-pad">
            <Skeleton height={280} />
          </div>
        </div>
      </div>
    );
  }

  const finished = FINAL_EXECUTION_STATUSES.includes(e.status);
  const ms = durationBetween(e.startTime, e.endTime, now);
  const doc = version.data?.document as { actions?: { type?: string }[] } | undefined;
  const planned = Array.isArray(doc?.actions) ? doc.actions.map((a) => ({ type: String(a?.type ?? "?") })) : null;

  return (
    <div className="page" data-testid="execution-page" data-execution-id={e.id} data-status={e.status}>
      <PageHeader
        eyebrow={eyebrow}
        title={t("execution.title", { id: e.id })}
        meta={
          <>
            <StatusBadge status={e.status} />
            {e.dryRun && <Badge tone="indigo">{t("execution.testRun")}</Badge>}
            {!finished && (
              <span className="live-indicator" title={t("executions.autoRefresh")}>
                <span className="live-dot" aria-hidden />
                {t("executions.live")}
              </span>
            )}
          </>
        }
        actions={
          can("operator") && (
            <ExecutionButtons
              id={e.id}
              status={e.status}
              size="md"
              onError={setActionError}
              onDone={(a) => setNotice(a === "retry" ? t("execution.retried") : t("execution.cancelRequested"))}
            />
          )
        }
      />

      {actionError ? (
        <Alert tone="error" onClose={() => setActionError(null)} data-testid="execution-action-error">
          {errorInfo(actionError).message}
        </Alert>
      ) : null}
      {notice && (
        <Alert tone="success" onClose={() => setNotice(null)}>
          {notice}
        </Alert>
      )}
      {e.errorMessage && (
        <Alert tone="error" title={e.errorClass ? `${t("execution.error")} · ${e.errorClass}` : t("execution.error")} data-testid="execution-error">
          <p className="pre-wrap">{e.errorMessage}</p>
        </Alert>
      )}
      {e.cancelRequested && !finished && <Alert tone="warning">{t("execution.cancelPending")}</Alert>}
      {!finished && <ExecutionProgress progress={e.progress} />}
      {e.status === "retrying" && e.nextAttemptAt && (
        <Alert tone="warning" title={t("execProgress.retrying")} data-testid="execution-next-attempt">
          <span>
            {t("execution.nextAttempt")} <RelativeTime iso={e.nextAttemptAt} /> · <DateTime iso={e.nextAttemptAt} seconds />
          </span>
        </Alert>
      )}

      <div className="card card-pad">
        <DescriptionList
          items={[
            {
              label: t("executions.col.rule"),
              value: (
                <Link href={`/rules/${e.ruleId}`} className="link" data-testid="execution-rule-link">
                  {e.ruleName ?? e.ruleId}
                </Link>
              ),
            },
            { label: t("rule.version"), value: <span className="mono">v{e.ruleVersion}</span> },
            { label: t("execution.scheduled"), value: <DateTime iso={e.scheduledTime} seconds /> },
            { label: t("execution.started"), value: <DateTime iso={e.startTime} seconds /> },
            { label: t("execution.ended"), value: <DateTime iso={e.endTime} seconds /> },
            { label: t("executions.col.duration"), value: ms === null ? <span className="muted">—</span> : formatDuration(ms) },
            { label: t("executions.col.retries"), value: e.retryCount, testId: "execution-retry-count" },
            ...(e.status === "retrying" && e.nextAttemptAt ? [{ label: t("execution.nextAttempt"), value: <RelativeTime iso={e.nextAttemptAt} /> }] : []),
            {
              label: t("execution.trigger"),
              value: e.triggerEventId ? <code className="mono small truncate" title={e.triggerEventId}>{e.triggerEventId}</code> : <span className="muted">—</span>,
            },
          ]}
        />
      </div>

      <div className="detail-grid">
        <Card title={t("execution.timeline")} description={t("execution.timelineHint")} data-testid="execution-actions">
          <ExecutionTimeline attempts={e.actions} planned={planned} finished={finished} nextAttemptAt={e.nextAttemptAt} status={e.status} />
        </Card>
        <div className="stack">
          <Card title={t("execution.input")} data-testid="execution-input">
            <JsonView value={e.inputData} maxHeight={320} />
          </Card>
          <Card title={t("execution.output")} data-testid="execution-output">
            <JsonView value={e.outputData} maxHeight={320} />
          </Card>
        </div>
      </div>
    </div>
  );
}
