"use client";
// The "Execution control" part of the rule settings: timeout, concurrency (optionally per key),
// rate limit and debounce — the document's `execution` object, read and written through
// execution-settings.ts and checked with the server's executionControlSchema as the author types.
import { Fragment, useId, useRef, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { cx } from "@/components/ui/cx";
import {
  KEY_TEMPLATE_VARS, concurrencyMode, executionFromForm, executionIssues, formFromExecution,
  keyVariablesOutOfScope, mergeIssues, sectionIssues, sectionValue, toggleSection,
  type ExecIssue, type ExecutionForm, type ExecutionSection,
} from "./execution-settings";
import { NumberField, TextField } from "./fields";
import type { FieldIssues } from "./issue-map";

type T = ReturnType<typeof useI18n>["t"];

/** Puts React nodes where a message has `{name}` placeholders (word order differs by language). */
function fill(message: string, parts: Record<string, ReactNode>): ReactNode {
  return message.split(/(\{\w+\})/).map((piece, i) => {
    const m = /^\{(\w+)\}$/.exec(piece);
    return <Fragment key={i}>{m && m[1]! in parts ? parts[m[1]!] : piece}</Fragment>;
  });
}

/** A message with a template key in it, the key set as code (it may contain braces itself). */
function withKey(t: T, message: Parameters<T>[0], key: string, vars: Record<string, string | number> = {}): ReactNode {
  return fill(t(message, vars), { key: <code>{key}</code> });
}

function issueText(t: T, issue: ExecIssue): string {
  switch (issue.kind) {
    case "required":
      return t("builder.exec.required");
    case "min":
      return t("builder.exec.min", { bound: issue.bound });
    case "max":
      return t("builder.exec.max", { bound: issue.bound });
    case "int":
      return t("builder.exec.int");
    case "keyTemplate":
      return t("builder.exec.keyTemplate");
    case "text":
      return issue.text;
  }
}

const DISPLAYED = new Set([
  "", "timeoutSeconds",
  "concurrency", "concurrency.limit", "concurrency.key",
  "rateLimit", "rateLimit.limit", "rateLimit.perSeconds",
  "debounce", "debounce.windowSeconds", "debounce.key",
]);

function Errors({ messages, field }: { messages?: string[]; field: string }) {
  return (
    <>
      {messages?.map((m, i) => (
        <p key={i} className="field-error" data-testid="field-error" data-field={field}>
          {m}
        </p>
      ))}
    </>
  );
}

function Toggle({
  section, on, readOnly, testId, onToggle, children,
}: {
  section: ExecutionSection;
  on: boolean;
  readOnly: boolean;
  testId: string;
  onToggle(on: boolean): void;
  children: ReactNode;
}) {
  const { t } = useI18n();
  const id = useId();
  return (
    <div className={cx("rb-exec-section", on && "rb-exec-on")} data-section={section} data-on={on}>
      <div className="rb-exec-head">
        <input id={id} type="checkbox" role="switch" className="rb-switch" checked={on} disabled={readOnly} onChange={(e) => onToggle(e.target.checked)} data-testid={testId} />
        <label htmlFor={id} className="rb-exec-title">
          {t(`builder.exec.${section}`)}
        </label>
        <code className="rb-field-key">{section}</code>
      </div>
      {children}
    </div>
  );
}

export function ExecutionControlFields({
  value, onChange, documentIssues, readOnly,
}: {
  value: unknown;
  /** `undefined` removes the `execution` key; `key` groups typing into one undo step. */
  onChange(next: Record<string, unknown> | undefined, key?: string): void;
  /** The settings' issues (whole-document check and server); those under `execution.*` show here. */
  documentIssues: FieldIssues;
  readOnly: boolean;
}) {
  const { t } = useI18n();
  const form = formFromExecution(value);
  // What a section held when it was switched off, so switching it back on restores it.
  const remembered = useRef<Partial<Record<ExecutionSection, Record<string, unknown>>>>({});

  const raw = mergeIssues(executionIssues(value), documentIssues);
  const issues: FieldIssues = Object.fromEntries(Object.entries(raw).map(([k, list]) => [k, list.map((m) => issueText(t, m))]));
  const rootIssues = [
    ...(issues[""] ?? []),
    ...Object.entries(issues)
      .filter(([k]) => !DISPLAYED.has(k))
      .flatMap(([k, msgs]) => msgs.map((m) => t("builder.exec.labelled", { label: k, message: m }))),
  ];
  const conc = sectionIssues(issues, "concurrency");
  const rate = sectionIssues(issues, "rateLimit");
  const deb = sectionIssues(issues, "debounce");

  const set = (next: ExecutionForm, key?: string) => onChange(executionFromForm(next), key);
  const toggle = (section: ExecutionSection, on: boolean) => {
    if (!on) remembered.current[section] = sectionValue(form, section);
    set(toggleSection(form, section, on, remembered.current[section]));
  };

  const keyHint = (key: string, fallback: ReactNode): ReactNode => {
    const outside = keyVariablesOutOfScope(key);
    if (outside.length === 0) return fallback;
    return <span className="rb-exec-warn">{t("builder.exec.keyOutOfScope", { vars: outside.map((v) => `{{${v}}}`).join(", ") })}</span>;
  };

  const c = form.concurrency;
  const r = form.rateLimit;
  const d = form.debounce;
  const mode = concurrencyMode(form);
  const keyNote = t("builder.exec.keyVars");

  return (
    <fieldset className="rb-fieldset rb-exec" data-testid="execution-control">
      <legend>{t("builder.execution")}</legend>
      <p className="muted small">{t("builder.executionHint")}</p>
      <Errors messages={rootIssues} field="execution" />

      <NumberField
        name="timeoutSeconds"
        label={t("builder.exec.timeout")}
        optional
        int
        min={1}
        max={86_400 * 30}
        value={form.timeoutSeconds}
        onChange={(v) => set({ ...form, timeoutSeconds: v }, "execution.timeoutSeconds")}
        errors={issues.timeoutSeconds}
        readOnly={readOnly}
        hint={t("builder.exec.timeoutHint")}
        testId="exec-timeout"
      />

      <Toggle section="concurrency" on={c.enabled} readOnly={readOnly} testId="exec-concurrency-toggle" onToggle={(on) => toggle("concurrency", on)}>
        {!c.enabled ? (
          <p className="field-hint">{t("builder.exec.concurrencyOff")}</p>
        ) : (
          <div className="rb-exec-body">
            <Errors messages={conc[""]} field="concurrency" />
            <NumberField
              name="limit"
              label={t("builder.exec.concurrencyLimit")}
              int
              min={1}
              max={1000}
              value={c.limit}
              onChange={(v) => set({ ...form, concurrency: { ...c, limit: v } }, "execution.concurrency.limit")}
              errors={conc.limit}
              readOnly={readOnly}
              testId="exec-concurrency-limit"
            />
            <TextField
              name="key"
              label={t("builder.exec.key")}
              optional
              mono
              templates
              templateVars={KEY_TEMPLATE_VARS}
              templateNote={keyNote}
              placeholder="{{payload.contactId}}"
              value={c.key}
              onChange={(v) => set({ ...form, concurrency: { ...c, key: v ?? "" } }, "execution.concurrency.key")}
              errors={conc.key}
              readOnly={readOnly}
              hint={keyHint(c.key, t("builder.exec.concurrencyKeyHint"))}
              testId="exec-concurrency-key"
            />
            {mode && (
              <p className="rb-exec-explain" data-testid="exec-concurrency-explain" data-mode={mode}>
                {mode === "perKeyInOrder"
                  ? withKey(t, "builder.exec.perKeyInOrder", c.key)
                  : mode === "perKey"
                    ? withKey(t, "builder.exec.perKey", c.key, { limit: c.limit! })
                    : mode === "oneAtATime"
                      ? t("builder.exec.oneAtATime")
                      : t("builder.exec.limited", { limit: c.limit! })}
              </p>
            )}
          </div>
        )}
      </Toggle>

      <Toggle section="rateLimit" on={r.enabled} readOnly={readOnly} testId="exec-rate-toggle" onToggle={(on) => toggle("rateLimit", on)}>
        {!r.enabled ? (
          <p className="field-hint">{t("builder.exec.rateOff")}</p>
        ) : (
          <div className="rb-exec-body">
            <Errors messages={rate[""]} field="rateLimit" />
            <div className="rb-exec-sentence">
              {fill(t("builder.exec.rateSentence"), {
                limit: (
                  <InlineNumber
                    value={r.limit}
                    label={t("builder.exec.rateLimitLabel")}
                    max={100_000}
                    invalid={!!rate.limit}
                    readOnly={readOnly}
                    onChange={(v) => set({ ...form, rateLimit: { ...r, limit: v } }, "execution.rateLimit.limit")}
                    testId="exec-rate-limit"
                  />
                ),
                per: (
                  <InlineNumber
                    value={r.perSeconds}
                    label={t("builder.exec.ratePerLabel")}
                    max={86_400}
                    invalid={!!rate.perSeconds}
                    readOnly={readOnly}
                    onChange={(v) => set({ ...form, rateLimit: { ...r, perSeconds: v } }, "execution.rateLimit.perSeconds")}
                    testId="exec-rate-per"
                  />
                ),
              })}
            </div>
            <Errors messages={rate.limit?.map((m) => t("builder.exec.labelled", { label: t("builder.exec.rateLimitLabel"), message: m }))} field="rateLimit.limit" />
            <Errors messages={rate.perSeconds?.map((m) => t("builder.exec.labelled", { label: t("builder.exec.ratePerLabel"), message: m }))} field="rateLimit.perSeconds" />
            {r.limit !== undefined && r.perSeconds !== undefined && !rate.limit && !rate.perSeconds && (
              <p className="rb-exec-explain" data-testid="exec-rate-explain">
                {t("builder.exec.rateExplain")}
              </p>
            )}
          </div>
        )}
      </Toggle>

      <Toggle section="debounce" on={d.enabled} readOnly={readOnly} testId="exec-debounce-toggle" onToggle={(on) => toggle("debounce", on)}>
        {!d.enabled ? (
          <p className="field-hint">{t("builder.exec.debounceOff")}</p>
        ) : (
          <div className="rb-exec-body">
            <Errors messages={deb[""]} field="debounce" />
            <NumberField
              name="windowSeconds"
              label={t("builder.exec.window")}
              int
              min={1}
              max={86_400}
              value={d.windowSeconds}
              onChange={(v) => set({ ...form, debounce: { ...d, windowSeconds: v } }, "execution.debounce.windowSeconds")}
              errors={deb.windowSeconds}
              readOnly={readOnly}
              testId="exec-debounce-window"
            />
            <TextField
              name="key"
              label={t("builder.exec.key")}
              optional
              mono
              templates
              templateVars={KEY_TEMPLATE_VARS}
              templateNote={keyNote}
              placeholder="{{payload.contactId}}"
              value={d.key}
              onChange={(v) => set({ ...form, debounce: { ...d, key: v ?? "" } }, "execution.debounce.key")}
              errors={deb.key}
              readOnly={readOnly}
              hint={keyHint(d.key, t("builder.exec.debounceKeyHint"))}
              testId="exec-debounce-key"
            />
            {d.windowSeconds !== undefined && d.windowSeconds >= 1 && (
              <p className="rb-exec-explain" data-testid="exec-debounce-explain">
                {d.key !== ""
                  ? withKey(t, "builder.exec.debounceExplainKey", d.key, { window: d.windowSeconds })
                  : t("builder.exec.debounceExplain", { window: d.windowSeconds })}
              </p>
            )}
          </div>
        )}
      </Toggle>
    </fieldset>
  );
}

function InlineNumber({
  value, onChange, label, max, invalid, readOnly, testId,
}: {
  value: number | undefined;
  onChange(v: number | undefined): void;
  label: string;
  max: number;
  invalid: boolean;
  readOnly: boolean;
  testId: string;
}) {
  return (
    <input
      type="number"
      className="input rb-input-sm rb-exec-num"
      value={value ?? ""}
      min={1}
      max={max}
      step={1}
      readOnly={readOnly}
      aria-label={label}
      aria-invalid={invalid || undefined}
      onChange={(e) => onChange(e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
      data-testid={testId}
    />
  );
}
