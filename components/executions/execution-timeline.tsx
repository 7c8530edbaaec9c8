"use client";
// The action attempts of one execution, oldest first, as a vertical timeline. Actions of the rule
// version that have no attempt yet are shown greyed out after them, so the whole plan is visible.
import { useI18n } from "@/components/i18n/i18n";
import { cx } from "@/components/ui/cx";
import { durationBetween, formatDuration } from "@/components/ui/format";
import { JsonView } from "@/components/ui/json-view";
import { DateTime, RelativeTime, useNow } from "@/components/ui/relative-time";
import { StatusBadge } from "@/components/ui/status-badge";
import type { ActionAttempt } from "./types";

function errorOf(details: unknown): string | null {
  const e = details && typeof details === "object" ? (details as { error?: unknown }).error : null;
  return typeof e === "string" ? e : null;
}

export interface PlannedAction {
  type: string;
}

export function ExecutionTimeline({
  attempts, planned, finished, nextAttemptAt, status,
}: {
  attempts: ActionAttempt[];
  /** The rule version's actions, when known. */
  planned?: PlannedAction[] | null;
  finished: boolean;
  nextAttemptAt?: string | null;
  status: string;
}) {
  const { t } = useI18n();
  const now = useNow();
  const maxIndex = attempts.reduce((m, a) => Math.max(m, a.actionIndex), -1);
  const upcoming = (planned ?? []).map((p, index) => ({ ...p, index })).filter((p) => p.index > maxIndex);
  if (attempts.length === 0 && upcoming.length === 0) {
    return <p className="muted" data-testid="timeline-empty">{t("execution.noAttempts")}</p>;
  }
  return (
    <ol className="timeline" data-testid="execution-timeline">
      {attempts.map((a, i) => {
        const ms = durationBetween(a.startTime, a.endTime, now);
        const isLast = i === attempts.length - 1;
        return (
          <li
            key={a.id}
            className={cx("timeline-item", `timeline-${a.status}`)}
            data-testid="action-attempt"
            data-action-index={a.actionIndex}
            data-attempt={a.attempt}
            data-status={a.status}
          >
            <span className="timeline-marker" aria-hidden />
            <div className="timeline-content">
              <div className="timeline-head">
                <span className="timeline-step">{t("execution.step", { n: a.actionIndex + 1 })}</span>
                <code className="timeline-type" data-testid="action-type">{a.actionType}</code>
                <StatusBadge status={a.status} data-testid="action-status" />
                <span className="timeline-attempt muted" data-testid="action-attempt-number">
                  {t("execution.attempt", { n: a.attempt })}
                </span>
              </div>
              <div className="timeline-meta muted small">
                <DateTime iso={a.startTime} seconds />
                {ms !== null && <span> · {formatDuration(ms)}</span>}
                {isLast && status === "retrying" && nextAttemptAt && (
                  <span className="text-amber">
                    {" "}
                    · {t("execution.nextAttempt")} <RelativeTime iso={nextAttemptAt} />
                  </span>
                )}
              </div>
              {a.status === "failed" && errorOf(a.details) && (
                <p className="timeline-error" data-testid="action-error">
                  {errorOf(a.details)}
                </p>
              )}
              {a.details !== null && a.details !== undefined && (
                <JsonView value={a.details} collapsible defaultOpen={false} label={t("execution.details")} maxHeight={280} data-testid="action-details" />
              )}
            </div>
          </li>
        );
      })}
      {!finished &&
        upcoming.map((p) => (
          <li key={`planned-${p.index}`} className="timeline-item timeline-planned" data-testid="action-planned">
            <span className="timeline-marker" aria-hidden />
            <div className="timeline-content">
              <div className="timeline-head">
                <span className="timeline-step">{t("execution.step", { n: p.index + 1 })}</span>
                <code className="timeline-type">{p.type}</code>
                <span className="muted small">{t("execution.notStarted")}</span>
              </div>
            </div>
          </li>
        ))}
      {finished &&
        upcoming.map((p) => (
          <li key={`skipped-${p.index}`} className="timeline-item timeline-planned" data-testid="action-not-run">
            <span className="timeline-marker" aria-hidden />
            <div className="timeline-content">
              <div className="timeline-head">
                <span className="timeline-step">{t("execution.step", { n: p.index + 1 })}</span>
                <code className="timeline-type">{p.type}</code>
                <span className="muted small">{t("execution.notRun")}</span>
              </div>
            </div>
          </li>
        ))}
    </ol>
  );
}
