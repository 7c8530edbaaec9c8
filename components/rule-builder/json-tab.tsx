"use client";
// The document as JSON: export (copy, download) and import (paste or type; every edit that parses
// becomes the builder's document, one undo step per burst of typing).
import { useI18n } from "@/components/i18n/i18n";
import { RuleJsonEditor } from "@/components/rules/rule-json-editor";
import { pretty } from "@/components/rules/rule-document";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { useState } from "react";
import { toDraft } from "./editor-state";
import { useSyncedText } from "./fields";
import type { RuleDraft } from "./rule-graph";

function fileName(name: string): string {
  const slug = name.trim().toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, "-").replace(/^-+|-+$/g, "");
  return `${slug || "rule"}.json`;
}

export function JsonTab({ doc, onImport, onSave, readOnly }: { doc: RuleDraft; onImport(doc: RuleDraft): void; onSave(): void; readOnly: boolean }) {
  const { t } = useI18n();
  const [text, setText] = useSyncedText(doc, pretty);
  const [notRule, setNotRule] = useState(false);
  const exported = pretty(doc);
  const download = () => {
    const url = URL.createObjectURL(new Blob([exported + "\n"], { type: "application/json" }));
    const a = document.createElement("a");
    a.href = url;
    a.download = fileName(doc.name);
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  return (
    <div className="rb-json-tab" data-testid="builder-json">
      <div className="row rb-json-bar">
        <p className="muted small rb-grow">{readOnly ? t("builder.json.readOnlyHint") : t("builder.json.hint")}</p>
        <CopyButton value={exported} data-testid="builder-json-copy" />
        <Button size="sm" onClick={download} data-testid="builder-json-download">
          {t("builder.json.download")}
        </Button>
      </div>
      {notRule && <p className="field-error" data-testid="builder-json-not-rule">{t("builder.json.notRule")}</p>}
      <RuleJsonEditor
        value={text}
        readOnly={readOnly}
        onSave={onSave}
        rows={24}
        onChange={(next) => {
          let parsed: unknown;
          try {
            parsed = JSON.parse(next);
          } catch {
            setText(next);
            return;
          }
          const draft = toDraft(parsed);
          setNotRule(draft === null);
          if (!draft) {
            setText(next);
            return;
          }
          setText(next, draft);
          onImport(draft);
        }}
      />
    </div>
  );
}
