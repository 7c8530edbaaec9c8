"use client";
// "Insert variable": a menu of the {{paths}} a template can use — the contact's fields, the keys
// of the sample payload, the event and now — plus a free-form payload path.
import { useEffect, useId, useRef, useState, type KeyboardEvent } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { IconPlus } from "@/components/ui/icons";

const CONTACT = ["contact.name", "contact.email", "contact.phone", "contact.externalId", "contact.tags", "contact.lastLoginAt"];
const EVENT = ["event.type", "event.id", "event.occurredAt", "now"];

/** Dot paths of a sample payload, two levels deep (arrays are not walked into). */
export function payloadPaths(payload: unknown): string[] {
  const out: string[] = [];
  const walk = (v: unknown, path: string, depth: number) => {
    if (v && typeof v === "object" && !Array.isArray(v) && depth < 2) {
      for (const [k, child] of Object.entries(v)) {
        if (!/^[A-Za-z0-9_$-]+$/.test(k)) continue;
        walk(child, `${path}.${k}`, depth + 1);
      }
      if (depth > 0) out.push(path);
    } else {
      out.push(path);
    }
  };
  walk(payload, "payload", 0);
  return out.slice(0, 40);
}

export function VariablePicker({ payload, onInsert, disabled }: { payload: unknown; onInsert: (path: string) => void; disabled?: boolean }) {
  const { t } = useI18n();
  const [open, setOpen] = useState(false);
  const [custom, setCustom] = useState("");
  const menuId = useId();
  const wrap = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const groups = [
    { label: t("templates.vars.contact"), items: CONTACT },
    { label: t("templates.vars.payload"), items: payloadPaths(payload) },
    { label: t("templates.vars.event"), items: EVENT },
  ].filter((g) => g.items.length > 0);

  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => {
      if (wrap.current && !wrap.current.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener("mousedown", onDown);
    // Focus the first choice so the keyboard can go on from there.
    wrap.current?.querySelector<HTMLButtonElement>("[data-var]")?.focus();
    return () => document.removeEventListener("mousedown", onDown);
  }, [open]);

  const close = (refocus = true) => {
    setOpen(false);
    if (refocus) button.current?.focus();
  };
  const pick = (path: string) => {
    setOpen(false);
    onInsert(path);
  };
  const onKey = (e: KeyboardEvent<HTMLDivElement>) => {
    if (e.key === "Escape") {
      e.preventDefault();
      e.stopPropagation();
      close();
      return;
    }
    if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
    const items = [...(wrap.current?.querySelectorAll<HTMLButtonElement>("[data-var]") ?? [])];
    const i = items.indexOf(document.activeElement as HTMLButtonElement);
    if (i < 0 && !(document.activeElement instanceof HTMLButtonElement)) return;
    e.preventDefault();
    const next = items[(i + (e.key === "ArrowDown" ? 1 : -1) + items.length) % items.length];
    next?.focus();
  };
  const customPath = custom.trim().replace(/^payload\./, "");
  const customOk = /^[^{}\s]+$/.test(customPath);

  return (
    <div className="m-picker" ref={wrap} onKeyDown={onKey}>
      <button
        ref={button}
        type="button"
        className="btn btn-ghost btn-sm"
        aria-haspopup="true"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => (open ? close(false) : setOpen(true))}
        disabled={disabled}
        data-testid="variable-picker"
      >
        <IconPlus />
        {t("templates.vars.insert")}
      </button>
      {open && (
        <div className="m-popover m-picker-menu" id={menuId} role="group" aria-label={t("templates.vars.insert")} data-testid="variable-menu">
          {groups.map((g) => (
            <div key={g.label} className="m-picker-group" role="group" aria-label={g.label}>
              <div className="m-picker-label" aria-hidden>
                {g.label}
              </div>
              {g.items.map((path) => (
                <button key={path} type="button" className="m-picker-item" data-var={path} onClick={() => pick(path)} data-testid="variable-option">
                  <code>{`{{${path}}}`}</code>
                </button>
              ))}
            </div>
          ))}
          <form
            className="m-picker-custom"
            onSubmit={(e) => {
              e.preventDefault();
              if (customOk) {
                pick(`payload.${customPath}`);
                setCustom("");
              }
            }}
          >
            <label className="m-picker-label" htmlFor={`${menuId}-custom`}>
              {t("templates.vars.custom")}
            </label>
            <div className="m-picker-custom-row">
              <span className="mono muted">payload.</span>
              <input
                id={`${menuId}-custom`}
                className="input m-input-sm"
                value={custom}
                onChange={(e) => setCustom(e.target.value)}
                placeholder="orderId"
                spellCheck={false}
                data-testid="variable-custom"
              />
              <Button size="sm" type="submit" disabled={!customOk}>
                {t("templates.vars.add")}
              </Button>
            </div>
          </form>
        </div>
      )}
    </div>
  );
}
