"use client";
// Before/after of one audit entry: a field-by-field table (changed fields marked) and the raw
// documents side by side.
import { useI18n } from "@/components/i18n/i18n";
import { cx } from "@/components/ui/cx";
import { JsonView } from "@/components/ui/json-view";

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => Boolean(v) && typeof v === "object" && !Array.isArray(v);

function compact(v: unknown): string {
  if (v === undefined) return "";
  if (typeof v === "string") return v;
  try {
    return JSON.stringify(v);
  } catch {
    return String(v);
  }
}

export interface FieldChange {
  key: string;
  before: unknown;
  after: unknown;
  changed: boolean;
}

export function diffFields(before: unknown, after: unknown): FieldChange[] | null {
  if (!(isObj(before) || before == null) || !(isObj(after) || after == null)) return null;
  if (before == null && after == null) return [];
  const b = (before ?? {}) as Obj;
  const a = (after ?? {}) as Obj;
  const keys = [...new Set([...Object.keys(b), ...Object.keys(a)])];
  return keys.map((key) => ({ key, before: b[key], after: a[key], changed: compact(b[key]) !== compact(a[key]) || (key in b) !== (key in a) }));
}

export function AuditDiff({ before, after }: { before: unknown; after: unknown }) {
  const { t } = useI18n();
  const fields = diffFields(before, after);
  const changed = fields?.filter((f) => f.changed) ?? [];
  return (
    <div className="m-diff" data-testid="audit-diff">
      {fields && fields.length > 0 && (
        <table className="m-diff-table">
          <caption className="sr-only">{t("audit.changes")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("audit.field")}</th>
              <th scope="col">{t("audit.before")}</th>
              <th scope="col">{t("audit.after")}</th>
            </tr>
          </thead>
          <tbody>
            {fields.map((f) => (
              <tr key={f.key} className={cx(f.changed && "m-diff-changed")} data-changed={f.changed || undefined} data-testid="audit-diff-row">
                <th scope="row">
                  <code>{f.key}</code>
                  {f.changed && <span className="sr-only"> ({t("audit.changed")})</span>}
                </th>
                <td className={cx(f.changed && before != null && "m-diff-old")}>
                  {f.before === undefined ? <span className="muted">—</span> : <code className="m-diff-value">{compact(f.before)}</code>}
                </td>
                <td className={cx(f.changed && after != null && "m-diff-new")}>
                  {f.after === undefined ? <span className="muted">—</span> : <code className="m-diff-value">{compact(f.after)}</code>}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {fields && fields.length > 0 && changed.length === 0 && before != null && after != null && <p className="small muted">{t("audit.noFieldChanges")}</p>}
      <div className="m-diff-raw">
        <div className="m-diff-col">
          <div className="m-diff-head">{t("audit.before")}</div>
          <JsonView value={before} maxHeight={280} />
        </div>
        <div className="m-diff-col">
          <div className="m-diff-head">{t("audit.after")}</div>
          <JsonView value={after} maxHeight={280} />
        </div>
      </div>
    </div>
  );
}
