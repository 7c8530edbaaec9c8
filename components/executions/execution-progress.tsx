"use client";
// What a long action reports while it runs (progress(fraction, message) in the action plugin):
// a bar with the percentage, the step it belongs to and the message.
import "@/components/manage/manage.css";
import { useI18n } from "@/components/i18n/i18n";
import { RelativeTime } from "@/components/ui/relative-time";

export interface Progress {
  actionIndex?: number;
  fraction: number;
  message?: string | null;
  at?: string | null;
}

export function readProgress(value: unknown): Progress | null {
  if (!value || typeof value !== "object") return null;
  const p = value as Record<string, unknown>;
  const fraction = typeof p.fraction === "number" && Number.isFinite(p.fraction) ? Math.max(0, Math.min(1, p.fraction)) : null;
  if (fraction === null) return null;
  return {
    fraction,
    actionIndex: typeof p.actionIndex === "number" ? p.actionIndex : undefined,
    message: typeof p.message === "string" ? p.message : null,
    at: typeof p.at === "string" ? p.at : null,
  };
}

export function ExecutionProgress({ progress: raw }: { progress: unknown }) {
  const { t } = useI18n();
  const p = readProgress(raw);
  if (!p) return null;
  const pct = Math.round(p.fraction * 100);
  return (
    <div className="card card-pad m-progress-card" data-testid="execution-progress" data-fraction={p.fraction}>
      <div className="m-progress-head">
        <span className="m-progress-title">
          {t("execProgress.title")}
          {p.actionIndex !== undefined && <span className="muted"> · {t("execution.step", { n: p.actionIndex + 1 })}</span>}
        </span>
        <span className="m-progress-pct" data-testid="execution-progress-percent">
          {pct}%
        </span>
      </div>
      <div className="m-progress" role="progressbar" aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-label={t("execProgress.title")}>
        <span className="m-progress-fill" style={{ width: `${pct}%` }} />
      </div>
      {(p.message || p.at) && (
        <p className="small muted m-progress-message">
          {p.message && <span data-testid="execution-progress-message">{p.message}</span>}
          {p.message && p.at && " · "}
          {p.at && <RelativeTime iso={p.at} />}
        </p>
      )}
    </div>
  );
}
