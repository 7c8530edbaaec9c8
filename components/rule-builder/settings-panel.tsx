"use client";
// Rule settings: what the document holds besides the canvas — description, priority, retry policy
// (its form generated from retryPolicySchema) and execution control (execution-control.tsx).
import { useI18n } from "@/components/i18n/i18n";
import { retryPolicySchema } from "@/server/domain/rules/retry-policy";
import { ExecutionControlFields } from "./execution-control";
import { NumberField, SchemaForm, TextField } from "./fields";
import type { FieldIssues } from "./issue-map";
import type { RuleDraft } from "./rule-graph";
import { objectFields } from "./schema-fields";

const retryFields = objectFields(retryPolicySchema);

/** Issues under a prefix ("retryPolicy.maxAttempts" → maxAttempts), for a nested form. */
function under(issues: FieldIssues, prefix: string): FieldIssues {
  const out: FieldIssues = {};
  for (const [path, msgs] of Object.entries(issues)) {
    if (path === prefix) (out[""] ??= []).push(...msgs);
    else if (path.startsWith(`${prefix}.`)) (out[path.slice(prefix.length + 1).split(".")[0]!] ??= []).push(...msgs);
  }
  return out;
}

export function SettingsPanel({
  doc, onChange, issues, readOnly,
}: {
  doc: RuleDraft;
  onChange(patch: Partial<RuleDraft>, key?: string): void;
  issues: FieldIssues;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const retry = (doc.retryPolicy ?? {}) as Record<string, unknown>;
  const retryIssues = under(issues, "retryPolicy");
  const whole = issues[""] ?? [];
  return (
    <div className="rb-form" data-testid="settings-form">
      {whole.map((m, i) => (
        <p key={i} className="field-error">
          {m}
        </p>
      ))}
      <TextField
        name="description"
        optional
        multiline
        value={doc.description ?? ""}
        onChange={(v) => onChange({ description: v }, "description")}
        errors={issues.description}
        readOnly={readOnly}
        testId="rule-description"
      />
      <NumberField
        name="priority"
        optional
        int
        min={-100}
        max={100}
        value={doc.priority}
        onChange={(v) => onChange({ priority: v }, "priority")}
        errors={issues.priority}
        readOnly={readOnly}
        hint={t("builder.priorityHint")}
        testId="rule-priority"
      />
      <fieldset className="rb-fieldset" data-testid="retry-policy">
        <legend>{t("builder.retryPolicy")}</legend>
        <p className="muted small">{t("builder.retryHint")}</p>
        {retryIssues[""]?.map((m, i) => (
          <p key={i} className="field-error">
            {m}
          </p>
        ))}
        <SchemaForm
          fields={retryFields}
          value={retry}
          errors={retryIssues}
          readOnly={readOnly}
          onChange={(name, value) => {
            const next = { ...retry };
            if (value === undefined) delete next[name];
            else next[name] = value;
            onChange({ retryPolicy: Object.keys(next).length ? next : undefined }, `retryPolicy.${name}`);
          }}
        />
      </fieldset>
      <ExecutionControlFields
        value={doc.execution}
        onChange={(next, key) => onChange({ execution: next }, key)}
        documentIssues={issues}
        readOnly={readOnly}
      />
    </div>
  );
}
