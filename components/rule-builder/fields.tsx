"use client";
// Inputs of the inspector, one per kind of schema field (schema-fields.ts), and `SchemaForm`,
// which lays out an object schema's fields. Values go straight into the rule document:
// `undefined` removes the key (an optional field left empty), anything else is stored as typed.
import { useQuery } from "@tanstack/react-query";
import { useEffect, useId, useRef, useState, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { cx } from "@/components/ui/cx";
import type { FieldIssues } from "./issue-map";
import { fieldLabel, optionLabel } from "./labels";
import type { FieldSpec, ObjectField } from "./schema-fields";
import { insertVariable, templateVarsFor, type TemplateVar } from "./template-vars";

// ---- frame -------------------------------------------------------------------------

export function FieldFrame({
  id, name, label, optional, hint, errors, children, className,
}: {
  id: string;
  name: string;
  label?: string;
  optional?: boolean;
  hint?: ReactNode;
  errors?: string[];
  children: ReactNode;
  className?: string;
}) {
  const { t } = useI18n();
  return (
    <div className={cx("field rb-field", className)} data-field={name}>
      <label htmlFor={id} className="field-label rb-field-label">
        <span>{label ?? fieldLabel(t, name)}</span>
        <code className="rb-field-key">{name}</code>
        {optional && <span className="rb-optional">{t("builder.optional")}</span>}
      </label>
      {children}
      {hint && !errors?.length && <p className="field-hint">{hint}</p>}
      {errors?.map((m, i) => (
        <p key={i} className="field-error" data-testid="field-error" data-field={name}>
          {m}
        </p>
      ))}
    </div>
  );
}

/**
 * Text state that follows its source: when `value` changes from outside (undo, import) the text
 * is rebuilt from it; when the author types, `set(text, emitted)` records the value it emitted,
 * so the echo from the parent does not overwrite what is being typed.
 */
export function useSyncedText<V>(value: V, format: (v: V) => string) {
  const [state, setState] = useState(() => ({ source: value as unknown, text: format(value) }));
  let current = state;
  if (!Object.is(state.source, value)) {
    current = { source: value, text: format(value) };
    setState(current);
  }
  const set = (text: string, ...emitted: [unknown?]) => setState({ source: emitted.length > 0 ? emitted[0] : current.source, text });
  return [current.text, set] as const;
}

// ---- template variable picker ------------------------------------------------------------

export function TemplatePicker({
  actionIndex, onInsert, disabled, vars: only, note,
}: {
  actionIndex: number;
  onInsert(path: string): void;
  disabled?: boolean;
  /** Offer these instead of what an action's params may use (a concurrency key sees less). */
  vars?: TemplateVar[];
  /** A line under the list, in place of the "first step" note. */
  note?: ReactNode;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState("payload.");
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const close = (e: MouseEvent) => {
      if (box.current && !box.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", close);
    return () => document.removeEventListener("mousedown", close);
  }, [open]);
  const vars = only ?? templateVarsFor(actionIndex);
  const pick = (path: string) => {
    onInsert(path);
    setOpen(false);
  };
  return (
    <div className="rb-tpl-picker" ref={box}>
      <button
        type="button"
        className="rb-tpl-button"
        aria-label={t("builder.vars.insert")}
        title={t("builder.vars.insert")}
        aria-expanded={open}
        disabled={disabled}
        onClick={() => setOpen((o) => !o)}
        data-testid="template-picker"
      >
        {"{ }"}
      </button>
      {open && (
        <div className="rb-tpl-menu" role="dialog" aria-label={t("builder.vars.title")}>
          <p className="rb-tpl-menu-title">{t("builder.vars.title")}</p>
          <form
            className="rb-tpl-custom"
            onSubmit={(e) => {
              e.preventDefault();
              if (custom.trim() && !custom.endsWith(".")) pick(custom.trim());
            }}
          >
            <input className="input rb-input-sm mono" value={custom} onChange={(e) => setCustom(e.target.value)} aria-label={t("builder.vars.custom")} data-testid="template-custom" />
            <button type="submit" className="btn btn-secondary btn-sm">
              {t("builder.vars.add")}
            </button>
          </form>
          <ul className="rb-tpl-list">
            {vars.map((v) => (
              <li key={v.path}>
                <button type="button" className="rb-tpl-var" onClick={() => pick(v.path)} data-testid="template-var" data-path={v.path}>
                  <code>{`{{${v.path}}}`}</code>
                </button>
              </li>
            ))}
          </ul>
          {note !== undefined ? note && <p className="muted small">{note}</p> : actionIndex === 0 && <p className="muted small">{t("builder.vars.noEarlier")}</p>}
        </div>
      )}
    </div>
  );
}

// ---- inputs ----------------------------------------------------------------------------

interface InputBase {
  name: string;
  label?: string;
  optional?: boolean;
  hint?: ReactNode;
  errors?: string[];
  readOnly?: boolean;
  testId?: string;
}

export function TextField({
  value, onChange, multiline, templates, actionIndex = 0, templateVars, templateNote, placeholder, mono, ...base
}: InputBase & {
  value: unknown;
  onChange(v: string | undefined): void;
  multiline?: boolean;
  templates?: boolean;
  actionIndex?: number;
  /** With `templates`: the variables to offer (default: what action `actionIndex` may use). */
  templateVars?: TemplateVar[];
  templateNote?: ReactNode;
  placeholder?: string;
  mono?: boolean;
}) {
  const id = useId();
  const ref = useRef<HTMLInputElement & HTMLTextAreaElement>(null);
  const sel = useRef<[number, number] | null>(null);
  const text = typeof value === "string" ? value : value === undefined || value === null ? "" : JSON.stringify(value);
  const emit = (s: string) => onChange(s === "" && base.optional ? undefined : s);
  const remember = () => {
    const el = ref.current;
    if (el) sel.current = [el.selectionStart ?? el.value.length, el.selectionEnd ?? el.value.length];
  };
  const props = {
    id,
    ref,
    className: cx("input", multiline && "textarea", mono && "mono"),
    value: text,
    readOnly: base.readOnly,
    placeholder,
    "aria-invalid": base.errors?.length ? true : undefined,
    onChange: (e: { target: { value: string } }) => emit(e.target.value),
    onSelect: remember,
    onKeyUp: remember,
    onBlur: remember,
    "data-testid": base.testId ?? `field-${base.name}`,
  };
  return (
    <FieldFrame id={id} name={base.name} label={base.label} optional={base.optional} hint={base.hint} errors={base.errors}>
      <div className={cx("rb-text", templates && !base.readOnly && "rb-text-tpl")}>
        {multiline ? <textarea rows={4} {...props} /> : <input {...props} />}
        {templates && !base.readOnly && (
          <TemplatePicker
            actionIndex={actionIndex}
            vars={templateVars}
            note={templateNote}
            onInsert={(path) => {
              const [s, e] = sel.current ?? [text.length, text.length];
              const next = insertVariable(text, path, s, e);
              emit(next.text);
              requestAnimationFrame(() => {
                ref.current?.focus();
                ref.current?.setSelectionRange(next.caret, next.caret);
                sel.current = [next.caret, next.caret];
              });
            }}
          />
        )}
      </div>
    </FieldFrame>
  );
}

export function NumberField({ value, onChange, min, max, int, ...base }: InputBase & { value: unknown; onChange(v: number | undefined): void; min?: number; max?: number; int?: boolean }) {
  const id = useId();
  return (
    <FieldFrame id={id} name={base.name} label={base.label} optional={base.optional} hint={base.hint} errors={base.errors}>
      <input
        id={id}
        type="number"
        className="input"
        value={typeof value === "number" ? value : ""}
        min={min}
        max={max}
        step={int ? 1 : "any"}
        readOnly={base.readOnly}
        aria-invalid={base.errors?.length ? true : undefined}
        onChange={(e) => onChange(e.target.value === "" || Number.isNaN(e.target.valueAsNumber) ? undefined : e.target.valueAsNumber)}
        data-testid={base.testId ?? `field-${base.name}`}
      />
    </FieldFrame>
  );
}

export function EnumField({
  value, onChange, options, defaultValue, optionFor, ...base
}: InputBase & { value: unknown; onChange(v: string | undefined): void; options: { value: string; label: string }[]; defaultValue?: unknown; optionFor?: string }) {
  const { t } = useI18n();
  const id = useId();
  const current = typeof value === "string" ? value : "";
  const known = options.some((o) => o.value === current);
  return (
    <FieldFrame id={id} name={base.name} label={base.label} optional={base.optional} hint={base.hint} errors={base.errors}>
      <select
        id={id}
        className="input select"
        value={current}
        disabled={base.readOnly}
        aria-invalid={base.errors?.length ? true : undefined}
        onChange={(e) => onChange(e.target.value === "" ? undefined : e.target.value)}
        data-testid={base.testId ?? `field-${base.name}`}
      >
        {(base.optional || current === "") && (
          <option value="">
            {defaultValue !== undefined
              ? t("builder.defaultOption", { value: optionLabel(t, optionFor ?? base.name, String(defaultValue)) })
              : base.optional
                ? t("builder.noneOption")
                : t("builder.chooseOption")}
          </option>
        )}
        {!known && current !== "" && <option value={current}>{current}</option>}
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

export function BooleanField({ value, onChange, ...base }: InputBase & { value: unknown; onChange(v: boolean | undefined): void }) {
  const id = useId();
  return (
    <FieldFrame id={id} name={base.name} label={base.label} optional={base.optional} hint={base.hint} errors={base.errors}>
      <input id={id} type="checkbox" checked={value === true} disabled={base.readOnly} onChange={(e) => onChange(e.target.checked)} data-testid={base.testId ?? `field-${base.name}`} />
    </FieldFrame>
  );
}

export function StringListField({ value, onChange, ...base }: InputBase & { value: unknown; onChange(v: string[] | undefined): void }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useSyncedText(value, (v) => (Array.isArray(v) ? v.map(String).join(", ") : ""));
  return (
    <FieldFrame id={id} name={base.name} label={base.label} optional={base.optional} hint={base.hint ?? t("builder.listHint")} errors={base.errors}>
      <input
        id={id}
        className="input"
        value={text}
        readOnly={base.readOnly}
        aria-invalid={base.errors?.length ? true : undefined}
        onChange={(e) => {
          const list = e.target.value.split(",").map((s) => s.trim()).filter((s) => s !== "");
          const next = list.length === 0 && base.optional ? undefined : list;
          setText(e.target.value, next);
          onChange(next);
        }}
        data-testid={base.testId ?? `field-${base.name}`}
      />
    </FieldFrame>
  );
}

function toJsonText(v: unknown): string {
  return v === undefined ? "" : JSON.stringify(v, null, 2);
}

export function JsonField({ value, onChange, rows = 4, ...base }: InputBase & { value: unknown; onChange(v: unknown): void; rows?: number }) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useSyncedText(value, toJsonText);
  const [bad, setBad] = useState<string | null>(null);
  const errors = bad ? [t("builder.invalidJson", { message: bad }), ...(base.errors ?? [])] : base.errors;
  return (
    <FieldFrame id={id} name={base.name} label={base.label} optional={base.optional} hint={base.hint ?? t("builder.jsonHint")} errors={errors}>
      <textarea
        id={id}
        rows={rows}
        className="input textarea mono rb-json"
        value={text}
        readOnly={base.readOnly}
        spellCheck={false}
        aria-invalid={errors?.length ? true : undefined}
        onChange={(e) => {
          const s = e.target.value;
          if (s.trim() === "") {
            setBad(null);
            setText(s, undefined);
            onChange(undefined);
            return;
          }
          try {
            const parsed = JSON.parse(s) as unknown;
            setBad(null);
            setText(s, parsed);
            onChange(parsed);
          } catch (err) {
            setBad(err instanceof Error ? err.message : String(err));
            setText(s);
          }
        }}
        data-testid={base.testId ?? `field-${base.name}`}
      />
    </FieldFrame>
  );
}

/**
 * Name → value pairs (HTTP headers, contact fields to set). With `jsonValues`, a value that reads
 * as JSON ({…}, […], true, false, null) is stored as such and anything else as text, so
 * "Ann" and "+86 138…" stay strings while `null` clears a field.
 */
export function RecordField({ value, onChange, jsonValues, ...base }: InputBase & { value: unknown; onChange(v: Record<string, unknown> | undefined): void; jsonValues?: boolean }) {
  const { t } = useI18n();
  const id = useId();
  type Row = { key: string; value: string };
  const toRows = (v: unknown): Row[] =>
    v && typeof v === "object" && !Array.isArray(v)
      ? Object.entries(v as Record<string, unknown>).map(([key, val]) => ({ key, value: typeof val === "string" ? val : JSON.stringify(val) }))
      : [];
  const [state, setState] = useState(() => ({ source: value, rows: toRows(value) }));
  let rows = state.rows;
  if (!Object.is(state.source, value)) {
    rows = toRows(value);
    setState({ source: value, rows });
  }
  const readValue = (s: string): unknown => {
    if (!jsonValues) return s;
    const trimmed = s.trim();
    if (/^[[{]/.test(trimmed) || trimmed === "true" || trimmed === "false" || trimmed === "null") {
      try {
        return JSON.parse(trimmed);
      } catch {
        return s;
      }
    }
    return s;
  };
  const commit = (next: Row[]) => {
    const obj: Record<string, unknown> = {};
    for (const r of next) if (r.key.trim() !== "") obj[r.key.trim()] = readValue(r.value);
    const out = Object.keys(obj).length === 0 && base.optional ? undefined : obj;
    setState({ source: out, rows: next });
    onChange(out);
  };
  return (
    <FieldFrame id={id} name={base.name} label={base.label} optional={base.optional} hint={base.hint} errors={base.errors}>
      <div className="rb-record" id={id} data-testid={base.testId ?? `field-${base.name}`}>
        {rows.map((r, i) => (
          <div className="rb-record-row" key={i}>
            <input
              className="input rb-input-sm mono"
              value={r.key}
              placeholder={t("builder.record.key")}
              aria-label={t("builder.record.key")}
              readOnly={base.readOnly}
              onChange={(e) => commit(rows.map((x, j) => (j === i ? { ...x, key: e.target.value } : x)))}
            />
            <input
              className="input rb-input-sm"
              value={r.value}
              placeholder={t("builder.record.value")}
              aria-label={t("builder.record.value")}
              readOnly={base.readOnly}
              onChange={(e) => commit(rows.map((x, j) => (j === i ? { ...x, value: e.target.value } : x)))}
            />
            {!base.readOnly && (
              <button type="button" className="rb-tool" aria-label={t("builder.record.remove")} onClick={() => commit(rows.filter((_, j) => j !== i))}>
                ×
              </button>
            )}
          </div>
        ))}
        {!base.readOnly && (
          <button type="button" className="btn btn-ghost btn-sm rb-record-add" onClick={() => setState({ source: state.source, rows: [...rows, { key: "", value: "" }] })}>
            + {t("builder.record.add")}
          </button>
        )}
      </div>
    </FieldFrame>
  );
}

// ---- saved references: connections and message templates ----------------------------------------

const connectionTypeFor: Record<string, string> = { email: "smtp", sms: "sms_http", publish: "amqp" };

export function ConnectionField({ actionType, value, onChange, ...base }: InputBase & { actionType: string; value: unknown; onChange(v: string | undefined): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const type = connectionTypeFor[actionType];
  const list = useQuery({
    ...trpc.connections.list.queryOptions({ type: type as never, limit: 100 }),
    enabled: !base.readOnly && type !== undefined,
    staleTime: 30_000,
  });
  if (base.readOnly || list.isError || !type) return <TextField {...base} value={value} onChange={onChange} mono />;
  const options = (list.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  return <EnumField {...base} value={value} onChange={onChange} options={options} hint={base.hint ?? t("builder.connectionHint")} />;
}

export function TemplateIdField({ actionType, value, onChange, ...base }: InputBase & { actionType: string; value: unknown; onChange(v: string | undefined): void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const channel = actionType === "email" || actionType === "sms" ? actionType : undefined;
  const list = useQuery({ ...trpc.templates.list.queryOptions({ channel, limit: 100 }), enabled: channel !== undefined, staleTime: 30_000 });
  if (list.isError || !channel) return <TextField {...base} value={value} onChange={onChange} mono />;
  const options = (list.data?.items ?? []).map((c) => ({ value: c.id, label: c.name }));
  return <EnumField {...base} value={value} onChange={onChange} options={options} hint={base.hint ?? t("builder.templateHint")} />;
}

// ---- a whole object ------------------------------------------------------------------------

const MULTILINE = new Set(["body", "text", "html"]);

export interface SchemaFormProps {
  fields: ObjectField[];
  value: Record<string, unknown>;
  onChange(name: string, value: unknown): void;
  errors?: FieldIssues;
  readOnly?: boolean;
  /** Enables the {{variable}} picker on text fields, offering the outputs of earlier actions. */
  actionIndex?: number;
  actionType?: string;
  /** Leave these keys out (the trigger's `type`). */
  exclude?: readonly string[];
  /** A custom input for some fields (the cron helper, the timezone picker). */
  render?(field: ObjectField): ReactNode | undefined;
  /** Prefix of option labels (builder.option.<prefix>.<value>). */
  optionPrefix?: string;
}

function defaultHint(t: ReturnType<typeof useI18n>["t"], f: ObjectField): string | undefined {
  if (f.defaultValue === undefined) return undefined;
  const shown = typeof f.defaultValue === "string" ? (f.defaultValue === "" ? '""' : f.defaultValue) : JSON.stringify(f.defaultValue);
  return t("builder.defaultHint", { value: shown });
}

export function SchemaForm({ fields, value, onChange, errors, readOnly, actionIndex, actionType, exclude, render, optionPrefix }: SchemaFormProps) {
  const { t } = useI18n();
  return (
    <>
      {fields
        .filter((f) => !exclude?.includes(f.name) && f.spec.kind !== "literal")
        .map((f) => {
          const custom = render?.(f);
          if (custom !== undefined) return <div key={f.name}>{custom}</div>;
          const base = { name: f.name, optional: f.optional, errors: errors?.[f.name], readOnly, hint: defaultHint(t, f) };
          const v = value[f.name];
          const set = (next: unknown) => onChange(f.name, next);
          return <div key={f.name}>{fieldFor(f.spec, { base, v, set, f, actionIndex, actionType, optionPrefix, t })}</div>;
        })}
    </>
  );
}

function fieldFor(
  spec: FieldSpec,
  ctx: {
    base: InputBase;
    v: unknown;
    set(next: unknown): void;
    f: ObjectField;
    actionIndex?: number;
    actionType?: string;
    optionPrefix?: string;
    t: ReturnType<typeof useI18n>["t"];
  },
): ReactNode {
  const { base, v, set, f, actionIndex, actionType, t } = ctx;
  if (f.name === "connectionId" && actionType) return <ConnectionField {...base} actionType={actionType} value={v} onChange={set} />;
  if (f.name === "templateId" && actionType) return <TemplateIdField {...base} actionType={actionType} value={v} onChange={set} />;
  switch (spec.kind) {
    case "string":
      return (
        <TextField
          {...base}
          value={v}
          onChange={set}
          multiline={MULTILINE.has(f.name)}
          templates={actionIndex !== undefined}
          actionIndex={actionIndex}
          mono={spec.format === "datetime" || spec.format === "url"}
        />
      );
    case "number":
      return <NumberField {...base} value={v} onChange={set} min={spec.min} max={spec.max} int={spec.int} />;
    case "boolean":
      return <BooleanField {...base} value={v} onChange={set} />;
    case "enum": {
      const prefix = ctx.optionPrefix ? `${ctx.optionPrefix}.${f.name}` : f.name;
      return (
        <EnumField
          {...base}
          value={v}
          onChange={set}
          defaultValue={f.defaultValue}
          optionFor={prefix}
          options={spec.options.map((o) => ({ value: o, label: optionLabel(t, prefix, o) }))}
        />
      );
    }
    case "stringArray":
      return <StringListField {...base} value={v} onChange={set} />;
    case "record":
      return <RecordField {...base} value={v} onChange={set} jsonValues={spec.value.kind !== "string"} />;
    case "object":
    case "json":
    default:
      return <JsonField {...base} value={v} onChange={set} />;
  }
}
