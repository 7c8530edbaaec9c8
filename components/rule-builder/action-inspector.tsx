"use client";
// One action's form, GENERATED from its params schema (actionParamsSchemas[type]) — the schema
// the server validates with — plus the action entry's own name and timeout, and its dry-run
// result when the rule has been tested.
import { useMemo } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { JsonView } from "@/components/ui/json-view";
import { actionParamsSchemas } from "@/server/domain/actions/params";
import { actionTimeoutLimits } from "@/server/domain/actions/params";
import { NumberField, SchemaForm, TextField } from "./fields";
import type { ActionIssues } from "./issue-map";
import { actionDescription, actionLabel, isActionType } from "./labels";
import type { DraftAction } from "./rule-graph";
import { objectFields } from "./schema-fields";

export interface DryRunStep {
  index: number;
  type: string;
  params: unknown;
  ok: boolean;
  issues: { path: string; message: string }[];
  wouldRun: boolean;
}

export function ActionInspector({
  action, index, count, onChange, onMove, onRemove, issues, readOnly, step,
}: {
  action: DraftAction;
  index: number;
  count: number;
  onChange(next: DraftAction, key?: string): void;
  onMove(delta: -1 | 1): void;
  onRemove(): void;
  issues?: ActionIssues;
  readOnly: boolean;
  step?: DryRunStep;
}) {
  const { t, locale } = useI18n();
  const fields = useMemo(() => (isActionType(action.type) ? objectFields(actionParamsSchemas[action.type]) : []), [action.type]);
  const params = action.params ?? {};
  const setParam = (name: string, value: unknown) => {
    const next = { ...params };
    if (value === undefined) delete next[name];
    else next[name] = value;
    onChange({ ...action, params: next }, `action.${index}.${name}`);
  };
  const setEntry = (name: "name" | "timeoutMs", value: unknown) => {
    const next: DraftAction = { ...action };
    if (value === undefined) delete next[name];
    else (next as Record<string, unknown>)[name] = value;
    onChange(next, `action.${index}.@${name}`);
  };
  const whole = [...(issues?.params[""] ?? []), ...(issues?.entry[""] ?? []), ...(issues?.entry.type ?? []), ...(issues?.entry.params ?? [])];
  return (
    <div className="rb-form" data-testid="action-form" data-type={action.type} data-index={index}>
      <p className="muted small">{actionDescription(action.type, locale)}</p>
      {whole.map((m, i) => (
        <p key={i} className="field-error" data-testid="field-error" data-field="">
          {m}
        </p>
      ))}
      {!isActionType(action.type) && <p className="field-error">{t("builder.unknownAction", { type: action.type })}</p>}
      <SchemaForm fields={fields} value={params} onChange={setParam} errors={issues?.params} readOnly={readOnly} actionIndex={index} actionType={action.type} />
      <details className="rb-more">
        <summary>{t("builder.actionOptions")}</summary>
        <div className="rb-form">
          <TextField
            name="name"
            label={t("builder.actionName")}
            optional
            value={action.name}
            onChange={(v) => setEntry("name", v)}
            errors={issues?.entry.name}
            readOnly={readOnly}
            testId="field-action-name"
            placeholder={actionLabel(action.type, locale)}
          />
          <NumberField
            name="timeoutMs"
            label={t("builder.actionTimeout")}
            optional
            int
            min={actionTimeoutLimits.minMs}
            max={actionTimeoutLimits.maxMs}
            value={action.timeoutMs}
            onChange={(v) => setEntry("timeoutMs", v)}
            errors={issues?.entry.timeoutMs}
            readOnly={readOnly}
            testId="field-action-timeoutMs"
          />
        </div>
      </details>
      {!readOnly && (
        <div className="row rb-form-tools">
          <Button size="sm" onClick={() => onMove(-1)} disabled={index === 0} data-testid="inspector-move-up">
            ↑ {t("builder.moveUp")}
          </Button>
          <Button size="sm" onClick={() => onMove(1)} disabled={index === count - 1} data-testid="inspector-move-down">
            ↓ {t("builder.moveDown")}
          </Button>
          <Button size="sm" variant="danger" onClick={onRemove} data-testid="inspector-delete">
            {t("builder.delete")}
          </Button>
        </div>
      )}
      {step && (
        <section className="rb-step" data-testid="action-test-result" data-ok={step.ok}>
          <h4 className="rb-section-title">{t("builder.test.stepTitle")}</h4>
          <p className={step.ok ? "rb-ok small" : "text-danger small"}>
            {step.ok ? (step.wouldRun ? t("builder.test.stepOk") : t("builder.test.stepSkipped")) : t("builder.test.stepBad", { count: step.issues.length })}
          </p>
          {step.issues.map((i, k) => (
            <p key={k} className="field-error">
              {i.path ? <code>{i.path}</code> : null} {i.message}
            </p>
          ))}
          <p className="field-label">{t("builder.test.rendered")}</p>
          <JsonView value={step.params} maxHeight={220} />
        </section>
      )}
    </div>
  );
}
