"use client";
// Tags as removable chips; Enter or a comma adds what was typed, Backspace in the empty box
// removes the last one.
import { useId, useState, type KeyboardEvent } from "react";
import { useI18n } from "@/components/i18n/i18n";

export function TagInput({
  label, value, onChange, readOnly, error, hint, ...rest
}: {
  label: string;
  value: string[];
  onChange: (tags: string[]) => void;
  readOnly?: boolean;
  error?: string;
  hint?: string;
  "data-testid"?: string;
}) {
  const { t } = useI18n();
  const id = useId();
  const [text, setText] = useState("");
  const add = (raw: string) => {
    const parts = raw.split(",").map((s) => s.trim()).filter(Boolean);
    if (parts.length === 0) return;
    const next = [...value];
    for (const p of parts) if (!next.includes(p)) next.push(p.slice(0, 100));
    onChange(next);
    setText("");
  };
  const onKey = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === "Enter" || e.key === ",") {
      e.preventDefault();
      add(text);
    } else if (e.key === "Backspace" && text === "" && value.length > 0) {
      onChange(value.slice(0, -1));
    }
  };
  const described = error ? `${id}-error` : hint ? `${id}-hint` : undefined;
  return (
    <div className="field">
      <label htmlFor={id} className="field-label">
        {label}
      </label>
      <div className="input m-tags-input" data-readonly={readOnly || undefined} data-testid={rest["data-testid"]}>
        {value.map((tag) => (
          <span key={tag} className="m-tag" data-testid="tag-chip">
            {tag}
            {!readOnly && (
              <button type="button" className="m-tag-remove" onClick={() => onChange(value.filter((x) => x !== tag))} aria-label={t("contacts.removeTag", { tag })}>
                ×
              </button>
            )}
          </span>
        ))}
        {!readOnly && (
          <input
            id={id}
            className="m-tags-text"
            value={text}
            onChange={(e) => setText(e.target.value)}
            onKeyDown={onKey}
            onBlur={() => add(text)}
            placeholder={value.length === 0 ? t("contacts.tagsPlaceholder") : ""}
            aria-describedby={described}
            aria-invalid={error ? true : undefined}
            data-testid="tag-text"
          />
        )}
        {readOnly && value.length === 0 && (
          <span id={id} className="muted">
            —
          </span>
        )}
      </div>
      {hint && !error && (
        <p id={`${id}-hint`} className="field-hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
