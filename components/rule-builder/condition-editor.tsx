"use client";
// The visual condition editor: groups (all / any), NOT, nesting, and rules of field + operator +
// value. Fields come from the server's catalogue (contextFields; payload.* and
// contact.attributes.* take a typed rest), operators from its table filtered by the field's type
// (operatorsForField), and the value input follows the operator's valueType.
import { useId, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { cx } from "@/components/ui/cx";
import { contextFields, isOpenFieldPath, operatorsForField } from "@/server/domain/conditions/condition-fields";
import { operators, type OperatorName } from "@/server/domain/conditions/operators";
import type { TraceNode } from "@/server/domain/conditions/evaluate-condition";
import {
  castScalar, childrenOf, condKind, fieldTypeOf, formatList, isOperator, parseList, parseOrdered, scalarKindOf, valueForOperator, valueTypeOf,
  type CondNode, type ScalarKind,
} from "./condition-model";
import { JsonField, useSyncedText } from "./fields";
import { conditionIssuesAt, type IssueIndex } from "./issue-map";

export type TraceMap = Map<string, TraceNode>;

export function traceMap(trace: TraceNode | null | undefined): TraceMap {
  const map: TraceMap = new Map();
  const walk = (n: TraceNode) => {
    map.set(n.path, n);
    if (n.kind === "all" || n.kind === "any") n.children.forEach(walk);
    if (n.kind === "not") walk(n.child);
  };
  if (trace) walk(trace);
  return map;
}

interface Ctx {
  issues: IssueIndex;
  readOnly: boolean;
  trace: TraceMap;
}

const childPath = (path: string, key: string) => (path === "" ? key : `${path}.${key}`);

function newLeaf(): CondNode {
  return { field: "", op: "eq", value: "" };
}

export function ConditionEditor({
  condition, onChange, issues, readOnly, trace,
}: {
  condition: CondNode;
  onChange(next: CondNode, key?: string): void;
  issues: IssueIndex;
  readOnly: boolean;
  trace?: TraceNode | null;
}) {
  const { t } = useI18n();
  const ctx: Ctx = { issues, readOnly, trace: traceMap(trace) };
  const kind = condKind(condition);
  const rootIssues = conditionIssuesAt(issues, "")[""];
  return (
    <div className="rb-cond" data-testid="condition-editor">
      <p className="muted small">{t("builder.cond.hint")}</p>
      {rootIssues?.map((m, i) => (
        <p key={i} className="field-error">
          {m}
        </p>
      ))}
      {kind === "leaf" ? (
        <div className="rb-cond-group">
          <LeafEditor node={condition} path="" ctx={ctx} onChange={onChange} />
          {!readOnly && (
            <div className="rb-cond-actions">
              <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange({ all: [condition, newLeaf()] })} data-testid="cond-add-rule">
                + {t("builder.cond.addRule")}
              </button>
            </div>
          )}
        </div>
      ) : (
        <CondNodeEditor node={condition} path="" ctx={ctx} onChange={onChange} />
      )}
    </div>
  );
}

function TraceMark({ ctx, path }: { ctx: Ctx; path: string }) {
  const { t } = useI18n();
  const node = ctx.trace.get(path);
  if (!node) return null;
  return (
    <span className={cx("rb-pill", node.result ? "rb-pill-ok" : "rb-pill-bad")} data-testid="cond-trace" data-result={node.result}>
      {node.result ? t("builder.test.true") : t("builder.test.false")}
    </span>
  );
}

function CondNodeEditor({ node, path, ctx, onChange, onRemove }: { node: CondNode; path: string; ctx: Ctx; onChange(next: CondNode, key?: string): void; onRemove?(): void }) {
  const { t } = useI18n();
  const kind = condKind(node);
  if (kind === "all" || kind === "any") return <GroupEditor node={node} kind={kind} path={path} ctx={ctx} onChange={onChange} onRemove={onRemove} />;
  if (kind === "leaf") return <LeafEditor node={node} path={path} ctx={ctx} onChange={onChange} onRemove={onRemove} />;
  if (kind === "not") {
    const inner = node.not as CondNode;
    return (
      <div className="rb-cond-not" data-testid="cond-not">
        <div className="rb-cond-head">
          <span className="rb-cond-badge">{t("builder.cond.not")}</span>
          <TraceMark ctx={ctx} path={path} />
          <span className="rb-spacer" />
          {!ctx.readOnly && (
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange(inner)} data-testid="cond-unnegate">
              {t("builder.cond.removeNot")}
            </button>
          )}
        </div>
        <CondNodeEditor node={inner} path={childPath(path, "not")} ctx={ctx} onChange={(n, k) => onChange({ not: n }, k)} onRemove={onRemove} />
      </div>
    );
  }
  return (
    <div className="rb-cond-invalid">
      <JsonField name="condition" label={t("builder.cond.invalid")} value={node} onChange={(v) => onChange((v ?? {}) as CondNode)} readOnly={ctx.readOnly} />
      {onRemove && !ctx.readOnly && (
        <button type="button" className="btn btn-ghost btn-sm" onClick={onRemove}>
          {t("builder.delete")}
        </button>
      )}
    </div>
  );
}

function GroupEditor({
  node, kind, path, ctx, onChange, onRemove,
}: {
  node: CondNode;
  kind: "all" | "any";
  path: string;
  ctx: Ctx;
  onChange(next: CondNode, key?: string): void;
  onRemove?(): void;
}) {
  const { t } = useI18n();
  const id = useId();
  const children = childrenOf(node) as CondNode[];
  const setChildren = (list: CondNode[], key?: string) => onChange({ [kind]: list }, key);
  return (
    <div className={cx("rb-cond-group", path !== "" && "rb-cond-nested")} data-testid="cond-group" data-path={path}>
      <div className="rb-cond-head">
        <label htmlFor={id} className="sr-only">
          {t("builder.cond.mode")}
        </label>
        <select
          id={id}
          className="input select rb-input-sm rb-cond-mode"
          value={kind}
          disabled={ctx.readOnly}
          onChange={(e) => onChange({ [e.target.value]: children })}
          data-testid="cond-mode"
        >
          <option value="all">{t("builder.cond.all")}</option>
          <option value="any">{t("builder.cond.any")}</option>
        </select>
        <TraceMark ctx={ctx} path={path} />
        <span className="rb-spacer" />
        {!ctx.readOnly && (
          <>
            <button type="button" className="btn btn-ghost btn-sm" onClick={() => onChange({ not: node })} data-testid="cond-negate" title={t("builder.cond.negateHint")}>
              {t("builder.cond.negate")}
            </button>
            {onRemove && (
              <button type="button" className="rb-tool" aria-label={t("builder.cond.removeGroup")} title={t("builder.cond.removeGroup")} onClick={onRemove}>
                ×
              </button>
            )}
          </>
        )}
      </div>
      {children.length === 0 && <p className="muted small rb-cond-empty">{kind === "all" ? t("builder.cond.emptyAll") : t("builder.cond.emptyAny")}</p>}
      <ol className="rb-cond-list">
        {children.map((child, i) => (
          <li key={i} className="rb-cond-item">
            {i > 0 && <span className="rb-cond-join">{kind === "all" ? t("builder.cond.and") : t("builder.cond.or")}</span>}
            <CondNodeEditor
              node={child}
              path={childPath(path, `${kind}.${i}`)}
              ctx={ctx}
              onChange={(n, k) => setChildren(children.map((c, j) => (j === i ? n : c)), k)}
              onRemove={() => setChildren(children.filter((_, j) => j !== i))}
            />
          </li>
        ))}
      </ol>
      {!ctx.readOnly && (
        <div className="rb-cond-actions">
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setChildren([...children, newLeaf()])} data-testid="cond-add-rule">
            + {t("builder.cond.addRule")}
          </button>
          <button type="button" className="btn btn-ghost btn-sm" onClick={() => setChildren([...children, { any: [newLeaf()] }])} data-testid="cond-add-group">
            + {t("builder.cond.addGroup")}
          </button>
        </div>
      )}
    </div>
  );
}

const OPEN = contextFields.filter((f) => isOpenFieldPath(f.path));
const CUSTOM = "__custom";

/** The picker's choice for a concrete path: the catalogue entry, its open namespace, or custom. */
function pickerValue(field: string): string {
  if (field === "") return "";
  if (contextFields.some((f) => f.path === field)) return field;
  const open = OPEN.find((f) => field.startsWith(f.path.slice(0, -1)));
  return open ? open.path : CUSTOM;
}

function LeafEditor({ node, path, ctx, onChange, onRemove }: { node: CondNode; path: string; ctx: Ctx; onChange(next: CondNode, key?: string): void; onRemove?(): void }) {
  const { t, locale } = useI18n();
  const uid = useId();
  const field = typeof node.field === "string" ? node.field : "";
  const op = node.op;
  const issues = conditionIssuesAt(ctx.issues, path);
  const picked = pickerValue(field);
  const open = picked.endsWith(".*") ? picked.slice(0, -1) : null; // "payload."
  const ops = operatorsForField(field);
  const opList: string[] = isOperator(op) && !ops.includes(op) ? [op, ...ops] : ops;
  const valueType = valueTypeOf(op);
  const set = (patch: Partial<CondNode>, key?: string) => {
    const next: CondNode = { ...node, ...patch };
    for (const k of Object.keys(patch)) if (patch[k] === undefined) delete next[k];
    onChange(next, key);
  };
  const trace = ctx.trace.get(path);
  const ro = ctx.readOnly;
  const errorsOf = (k: string) => issues[k]?.map((m, i) => (
    <p key={`${k}${i}`} className="field-error" data-testid="cond-error" data-field={k}>
      {m}
    </p>
  ));

  const pickField = (v: string) => {
    let nextField = v;
    if (v === CUSTOM) nextField = field;
    else if (v.endsWith(".*")) nextField = v.slice(0, -1) + (open && field.startsWith(open) ? field.slice(open.length) : "");
    const nextOps = operatorsForField(nextField);
    const nextOp = isOperator(op) && nextOps.includes(op) ? op : nextOps[0]!;
    set({ field: nextField, op: nextOp, value: nextOp === op ? node.value : valueForOperator(node.value, op, nextOp) });
  };

  return (
    <div className={cx("rb-cond-leaf", Object.keys(issues).length > 0 && "rb-cond-leaf-invalid")} data-testid="cond-rule" data-path={path}>
      <div className="rb-cond-row">
        <select
          className="input select rb-input-sm rb-cond-field"
          aria-label={t("builder.cond.field")}
          value={picked}
          disabled={ro}
          onChange={(e) => pickField(e.target.value)}
          data-testid="cond-field"
          id={`${uid}-field`}
        >
          <option value="">{t("builder.cond.chooseField")}</option>
          {contextFields.map((f) => (
            <option key={f.path} value={f.path}>
              {f.label[locale]} · {f.path}
            </option>
          ))}
          <option value={CUSTOM}>{t("builder.cond.customField")}</option>
        </select>
        {(open !== null || picked === CUSTOM) && (
          <span className="rb-cond-path">
            {open && <code className="rb-cond-prefix">{open}</code>}
            <input
              className="input rb-input-sm mono"
              aria-label={t("builder.cond.fieldPath")}
              placeholder={open ? "orderId" : "payload.order.total"}
              value={open ? field.slice(open.length) : field}
              readOnly={ro}
              onChange={(e) => set({ field: (open ?? "") + e.target.value }, `cond.${path}.field`)}
              data-testid="cond-field-path"
            />
          </span>
        )}
        <select
          className="input select rb-input-sm rb-cond-op"
          aria-label={t("builder.cond.op")}
          value={isOperator(op) ? op : ""}
          disabled={ro}
          onChange={(e) => {
            const next = e.target.value as OperatorName;
            set({ op: next, value: valueForOperator(node.value, op, next) });
          }}
          data-testid="cond-op"
        >
          {!isOperator(op) && <option value="">{String(op ?? "?")}</option>}
          {opList.map((o) => (
            <option key={o} value={o}>
              {isOperator(o) ? operators[o].label[locale] : o}
            </option>
          ))}
        </select>
        <ValueInput node={node} valueType={valueType} field={field} readOnly={ro} onChange={(v, key) => set({ value: v }, key ?? `cond.${path}.value`)} />
        <TraceMark ctx={ctx} path={path} />
        {onRemove && !ro && (
          <button type="button" className="rb-tool" aria-label={t("builder.cond.removeRule")} title={t("builder.cond.removeRule")} onClick={onRemove} data-testid="cond-remove">
            ×
          </button>
        )}
      </div>
      {trace && trace.kind === "field" && (
        <p className="rb-cond-actual small" data-testid="cond-actual">
          {t("builder.test.actual")} <code>{trace.actual === undefined ? t("builder.test.missing") : JSON.stringify(trace.actual)}</code>
          {trace.error ? <span className="text-danger"> · {trace.error}</span> : null}
        </p>
      )}
      {errorsOf("field")}
      {errorsOf("op")}
      {errorsOf("value")}
      {errorsOf("")}
    </div>
  );
}

function ValueInput({
  node, valueType, field, readOnly, onChange,
}: {
  node: CondNode;
  valueType: ReturnType<typeof valueTypeOf>;
  field: string;
  readOnly: boolean;
  onChange(v: unknown, key?: string): void;
}) {
  const { t } = useI18n();
  const value = node.value;
  const fieldType = fieldTypeOf(field);
  const [listText, setListText] = useSyncedText(value, formatList);
  if (valueType === "none") return <span className="rb-cond-novalue muted small">{t("builder.cond.noValue")}</span>;
  const common = { className: "input rb-input-sm rb-cond-value", readOnly, "aria-label": t("builder.cond.value"), "data-testid": "cond-value" } as const;
  if (valueType === "list") {
    return (
      <input
        {...common}
        value={listText}
        placeholder="VIP, Gold"
        onChange={(e) => {
          const list = parseList(e.target.value, fieldType === "number");
          setListText(e.target.value, list);
          onChange(list);
        }}
      />
    );
  }
  const text = value === undefined || value === null ? "" : typeof value === "string" ? value : JSON.stringify(value);
  if (valueType === "duration") return <input {...common} value={text} placeholder="7d" onChange={(e) => onChange(e.target.value)} />;
  if (valueType === "number") return <input {...common} value={text} placeholder={fieldType === "date" ? "2024-05-01T09:00:00Z" : "100"} onChange={(e) => onChange(parseOrdered(e.target.value))} />;
  if (valueType === "string") return <input {...common} value={text} onChange={(e) => onChange(e.target.value)} />;
  // "any": the author says which JSON type the value is.
  const kind = scalarKindOf(value);
  const kindSelect: ReactNode = (
    <select
      className="input select rb-input-sm rb-cond-kind"
      aria-label={t("builder.cond.valueType")}
      value={kind}
      disabled={readOnly}
      onChange={(e) => {
        const next = e.target.value as ScalarKind;
        const v = castScalar(next === "boolean" ? "true" : kind === "null" || kind === "boolean" ? "" : text, next);
        onChange(next === "number" && typeof v !== "number" ? 0 : v);
      }}
      data-testid="cond-value-type"
    >
      <option value="string">{t("builder.cond.type.string")}</option>
      <option value="number">{t("builder.cond.type.number")}</option>
      <option value="boolean">{t("builder.cond.type.boolean")}</option>
      <option value="null">null</option>
    </select>
  );
  return (
    <span className="rb-cond-any">
      {kind === "boolean" ? (
        <select {...common} className="input select rb-input-sm rb-cond-value" disabled={readOnly} value={String(value)} onChange={(e) => onChange(e.target.value === "true")}>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : kind === "null" ? (
        <input {...common} value="null" readOnly />
      ) : kind === "number" ? (
        <input
          {...common}
          type="number"
          step="any"
          value={text}
          onChange={(e) => {
            if (!Number.isNaN(e.target.valueAsNumber)) onChange(e.target.valueAsNumber);
          }}
        />
      ) : (
        <input {...common} value={text} onChange={(e) => onChange(e.target.value)} />
      )}
      {kindSelect}
    </span>
  );
}
