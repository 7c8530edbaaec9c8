"use client";
// "Test": a dry run of the document being edited (rules.dryRun) against a sample payload. No side
// effects, no execution. Results also show on the canvas nodes and in each node's inspector.
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { IconPlay } from "@/components/ui/icons";
import { Alert } from "@/components/ui/states";
import { cx } from "@/components/ui/cx";
import type { TraceNode } from "@/server/domain/conditions/evaluate-condition";
import type { DryRunStep } from "./action-inspector";
import { actionLabel } from "./labels";

export interface DryRunResult {
  condition: { result: boolean; trace: TraceNode | null };
  contact: unknown;
  steps: DryRunStep[];
}

export function TestPanel({
  payload, onPayload, payloadError, onRun, running, result, error, stale, hasCondition, readOnly,
}: {
  payload: string;
  onPayload(text: string): void;
  payloadError: string | null;
  onRun(): void;
  running: boolean;
  result: DryRunResult | null;
  error: string | null;
  stale: boolean;
  hasCondition: boolean;
  readOnly: boolean;
}) {
  const { t, locale } = useI18n();
  const failed = result ? result.steps.filter((s) => !s.ok).length : 0;
  return (
    <div className="rb-form" data-testid="test-panel">
      <p className="muted small">{t("builder.test.hint")}</p>
      <Textarea
        label={t("builder.test.payload")}
        mono
        rows={6}
        value={payload}
        onChange={(e) => onPayload(e.target.value)}
        error={payloadError ?? undefined}
        data-testid="builder-test-payload"
      />
      <div className="row">
        <Button variant="primary" size="sm" icon={<IconPlay />} loading={running} disabled={readOnly} onClick={onRun} data-testid="builder-test-run">
          {t("builder.test.run")}
        </Button>
        {stale && result && <span className="muted small">{t("builder.test.stale")}</span>}
      </div>
      {error && (
        <Alert tone="error" data-testid="builder-test-error">
          {error}
        </Alert>
      )}
      {result && (
        <section className={cx("rb-test-result", stale && "rb-stale")} data-testid="builder-test-result" data-condition={result.condition.result} data-failed={failed}>
          <p className="rb-test-line">
            <span className={cx("rb-pill", result.condition.result ? "rb-pill-ok" : "rb-pill-bad")}>
              {result.condition.result ? t("builder.test.true") : t("builder.test.false")}
            </span>
            <span>{hasCondition ? (result.condition.result ? t("builder.test.conditionPassed") : t("builder.test.conditionFailed")) : t("builder.test.noCondition")}</span>
          </p>
          <p className="muted small">{result.contact ? t("builder.test.contactFound") : t("builder.test.contactNone")}</p>
          <ol className="rb-test-steps">
            {result.steps.map((s) => (
              <li key={s.index} data-testid="builder-test-step" data-ok={s.ok}>
                <span className={cx("rb-pill", s.ok ? "rb-pill-ok" : "rb-pill-bad")}>{s.ok ? "✓" : "✗"}</span> {s.index + 1}. {actionLabel(s.type, locale)}
                {s.issues.length > 0 && <span className="text-danger small"> — {s.issues[0]!.path ? `${s.issues[0]!.path}: ` : ""}{s.issues[0]!.message}</span>}
              </li>
            ))}
          </ol>
          <p className="small">{failed === 0 ? t("builder.test.allOk") : t("builder.test.someBad", { count: failed })}</p>
        </section>
      )}
    </div>
  );
}
