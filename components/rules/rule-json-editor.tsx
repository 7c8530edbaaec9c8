"use client";
// The rule document as JSON text. The visual builder (a later issue) edits the same document and
// sits beside this editor; both hand a parsed document to the page's save.
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { Textarea } from "@/components/ui/field";
import { parseJson, pretty } from "./rule-document";

export function RuleJsonEditor({
  value, onChange, onSave, readOnly, rows = 24,
}: {
  value: string;
  onChange: (text: string) => void;
  /** Ctrl/⌘+S inside the editor. */
  onSave?: () => void;
  readOnly?: boolean;
  rows?: number;
}) {
  const { t } = useI18n();
  const parsed = parseJson(value);
  const lines = value.split("\n").length;
  return (
    <div className="json-editor">
      <Textarea
        label={t("rule.document")}
        mono
        rows={rows}
        value={value}
        readOnly={readOnly}
        onChange={(e) => onChange(e.target.value)}
        onKeyDown={(e) => {
          if ((e.metaKey || e.ctrlKey) && e.key.toLowerCase() === "s") {
            e.preventDefault();
            onSave?.();
          }
        }}
        data-testid="rule-json"
        hint={readOnly ? t("rule.readOnlyHint") : undefined}
        error={parsed.ok ? undefined : <span data-testid="rule-json-error">{t("rule.invalidJson", { message: parsed.message })}</span>}
      />
      <div className="json-editor-footer">
        <span className="muted small">
          {t("rule.lines", { count: lines })}
          {!readOnly && <> · {t("rule.editorHint")}</>}
        </span>
        {!readOnly && (
          <Button size="sm" variant="ghost" disabled={!parsed.ok} onClick={() => parsed.ok && onChange(pretty(parsed.value))} data-testid="rule-format">
            {t("rule.format")}
          </Button>
        )}
      </div>
    </div>
  );
}
