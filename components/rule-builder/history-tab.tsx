"use client";
// Saved versions of the rule: pick two (or a version and the unsaved draft) and see what changed,
// line by line in the pretty JSON; load a version into the builder, or roll back to it (which
// saves it as a new version: history is never rewritten).
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { pretty } from "@/components/rules/rule-document";
import type { RuleDetail } from "@/components/rules/types";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { Select } from "@/components/ui/field";
import { formatDateTime } from "@/components/ui/format";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { Skeleton } from "@/components/ui/skeleton";
import { errorInfo } from "@/components/ui/trpc-error";
import { toDraft } from "./editor-state";
import { diffHunks, diffLines, diffStats } from "./line-diff";
import type { RuleDraft } from "./rule-graph";

const DRAFT = "draft";

export function HistoryTab({
  ruleId, currentVersion, draft, dirty, canEdit, onLoad, onRolledBack,
}: {
  ruleId: string;
  currentVersion: number;
  draft: RuleDraft;
  dirty: boolean;
  canEdit: boolean;
  onLoad(doc: RuleDraft): void;
  onRolledBack(rule: RuleDetail): void;
}) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.rules.versions.queryOptions({ id: ruleId, limit: 100 }));
  const [from, setFrom] = useState<string | null>(null);
  const [to, setTo] = useState<string | null>(null);
  const rollback = useMutation(
    trpc.rules.rollback.mutationOptions({
      onSuccess: (rule) => {
        void queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
        onRolledBack(rule as RuleDetail);
      },
    }),
  );

  const items = useMemo(() => list.data?.items ?? [], [list.data]);
  const newest = items[0]?.version;
  const fromKey = from ?? (items[1] ? String(items[1].version) : newest !== undefined ? String(newest) : "");
  const toKey = to ?? (dirty ? DRAFT : newest !== undefined ? String(newest) : "");
  const docOf = (key: string): unknown => (key === DRAFT ? draft : items.find((v) => String(v.version) === key)?.document);

  const diff = useMemo(() => {
    if (!fromKey || !toKey) return null;
    const lines = diffLines(pretty(docOf(fromKey) ?? null), pretty(docOf(toKey) ?? null));
    return { ...diffHunks(lines, 3), stats: diffStats(lines) };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [fromKey, toKey, items, draft]);

  if (list.isError) return <ErrorState error={list.error} onRetry={() => list.refetch()} />;
  if (list.isPending) {
    return (
      <div className="rb-history" aria-busy>
        <Skeleton height={36} />
        <Skeleton height={320} />
      </div>
    );
  }
  if (items.length === 0) return <EmptyState title={t("common.empty")} />;

  const label = (v: (typeof items)[number]) =>
    `v${v.version}${v.version === currentVersion ? ` (${t("versions.current")})` : ""} · ${formatDateTime(v.createdAt, locale)}${v.createdBy ? ` · ${v.createdBy}` : ""}`;
  const options = items.map((v) => ({ value: String(v.version), label: label(v) }));
  const toOptions = dirty ? [{ value: DRAFT, label: t("builder.history.draft") }, ...options] : options;
  const fromVersion = fromKey === DRAFT ? null : Number(fromKey);

  return (
    <div className="rb-history" data-testid="builder-history">
      <div className="rb-history-bar">
        <Select label={t("builder.history.from")} value={fromKey} options={options} onChange={(e) => setFrom(e.target.value)} data-testid="history-from" />
        <Select label={t("builder.history.to")} value={toKey} options={toOptions} onChange={(e) => setTo(e.target.value)} data-testid="history-to" />
        {canEdit && fromVersion !== null && (
          <div className="row rb-history-actions">
            <Button
              size="sm"
              onClick={() => {
                const d = toDraft(docOf(fromKey));
                if (d) onLoad(d);
              }}
              data-testid="history-load"
            >
              {t("builder.history.load", { version: fromVersion })}
            </Button>
            <Button
              size="sm"
              variant="danger"
              loading={rollback.isPending}
              disabled={fromVersion === currentVersion}
              onClick={() => {
                if (window.confirm(t("builder.history.rollbackConfirm", { version: fromVersion }))) rollback.mutate({ id: ruleId, version: fromVersion });
              }}
              data-testid="history-rollback"
            >
              {t("builder.history.rollback", { version: fromVersion })}
            </Button>
          </div>
        )}
      </div>
      {rollback.isError && (
        <Alert tone="error" onClose={() => rollback.reset()}>
          {errorInfo(rollback.error).message}
        </Alert>
      )}
      {rollback.isSuccess && (
        <Alert tone="success" onClose={() => rollback.reset()} data-testid="history-rolled-back">
          {t("builder.history.rolledBack", { version: rollback.data.version })}
        </Alert>
      )}
      {diff && (
        <div className="rb-diff" data-testid="history-diff" data-added={diff.stats.added} data-removed={diff.stats.removed}>
          <p className="rb-diff-stats small">
            <span className="rb-diff-add-text">+{diff.stats.added}</span> <span className="rb-diff-remove-text">−{diff.stats.removed}</span>{" "}
            {diff.stats.added + diff.stats.removed === 0 && <span className="muted">{t("builder.history.same")}</span>}
          </p>
          <div className="rb-diff-body" role="table" aria-label={t("builder.history.diff")}>
            {diff.hunks.map((h, hi) => (
              <div key={hi} role="rowgroup">
                {h.skippedBefore > 0 && <div className="rb-diff-fold">{t("builder.history.unchanged", { count: h.skippedBefore })}</div>}
                {h.lines.map((l, li) => (
                  <div key={li} role="row" className={cx("rb-diff-line", l.op === "add" && "rb-diff-add", l.op === "remove" && "rb-diff-remove")} data-op={l.op}>
                    <span className="rb-diff-no">{l.oldNo ?? ""}</span>
                    <span className="rb-diff-no">{l.newNo ?? ""}</span>
                    <span className="rb-diff-sign">{l.op === "add" ? "+" : l.op === "remove" ? "−" : " "}</span>
                    <span className="rb-diff-text">{l.text}</span>
                  </div>
                ))}
              </div>
            ))}
            {diff.skippedAfter > 0 && <div className="rb-diff-fold">{t("builder.history.unchanged", { count: diff.skippedAfter })}</div>}
          </div>
        </div>
      )}
    </div>
  );
}
