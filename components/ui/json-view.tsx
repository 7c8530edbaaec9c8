"use client";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { cx } from "./cx";
import { CopyButton } from "./copy-button";

export function toJson(value: unknown): string {
  if (value === undefined) return "";
  try {
    return JSON.stringify(value, null, 2);
  } catch {
    return String(value);
  }
}

/**
 * Read-only pretty-printed JSON. `collapsible` starts closed behind a summary line; the copy
 * button copies the whole document.
 */
export function JsonView({
  value, collapsible, defaultOpen = true, label, maxHeight = 360, className, ...rest
}: {
  value: unknown;
  collapsible?: boolean;
  defaultOpen?: boolean;
  label?: string;
  maxHeight?: number;
  className?: string;
  "data-testid"?: string;
}) {
  const { t } = useI18n();
  const [open, setOpen] = useState(defaultOpen);
  const text = toJson(value);
  const empty = value === null || value === undefined;
  if (collapsible) {
    return (
      <div className={cx("json-view", className)} data-testid={rest["data-testid"]}>
        <div className="json-toolbar">
          <button type="button" className="json-toggle" aria-expanded={open} onClick={() => setOpen((o) => !o)}>
            <span className={cx("chevron", open && "chevron-open")} aria-hidden />
            {label ?? (open ? t("json.hide") : t("json.show"))}
          </button>
          {open && !empty && <CopyButton value={text} size="sm" variant="ghost" />}
        </div>
        {open && (empty ? <p className="muted small">{t("json.empty")}</p> : <pre className="json-pre" style={{ maxHeight }}>{text}</pre>)}
      </div>
    );
  }
  return (
    <div className={cx("json-view", className)} data-testid={rest["data-testid"]}>
      {empty ? (
        <p className="muted small">{t("json.empty")}</p>
      ) : (
        <div className="json-frame">
          <pre className="json-pre" style={{ maxHeight }}>{text}</pre>
          <div className="json-copy">
            <CopyButton value={text} size="sm" variant="ghost" />
          </div>
        </div>
      )}
    </div>
  );
}
