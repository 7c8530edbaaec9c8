"use client";
import { useRef, type KeyboardEvent, type ReactNode } from "react";
import { cx } from "./cx";

export interface TabItem {
  id: string;
  label: ReactNode;
  count?: number;
}

/** WAI-ARIA tabs: arrow keys move between tabs; the caller renders the panel with `tabPanelProps`. */
export function Tabs({
  items, value, onChange, label, idBase,
}: {
  items: TabItem[];
  value: string;
  onChange: (id: string) => void;
  label: string;
  /** Prefix of the tab ids; the panel uses `tabPanelProps(idBase, value)`. */
  idBase: string;
}) {
  const base = idBase;
  const refs = useRef<(HTMLButtonElement | null)[]>([]);
  const onKey = (e: KeyboardEvent, index: number) => {
    const delta = e.key === "ArrowRight" ? 1 : e.key === "ArrowLeft" ? -1 : 0;
    if (!delta) return;
    e.preventDefault();
    const next = (index + delta + items.length) % items.length;
    onChange(items[next].id);
    refs.current[next]?.focus();
  };
  return (
    <div className="tabs" role="tablist" aria-label={label}>
      {items.map((item, i) => (
        <button
          key={item.id}
          ref={(el) => {
            refs.current[i] = el;
          }}
          type="button"
          role="tab"
          id={`${base}-tab-${item.id}`}
          aria-selected={value === item.id}
          aria-controls={`${base}-panel-${item.id}`}
          tabIndex={value === item.id ? 0 : -1}
          className={cx("tab", value === item.id && "tab-active")}
          onClick={() => onChange(item.id)}
          onKeyDown={(e) => onKey(e, i)}
          data-testid={`tab-${item.id}`}
        >
          {item.label}
          {item.count !== undefined && <span className="tab-count">{item.count}</span>}
        </button>
      ))}
    </div>
  );
}

export function tabPanelProps(idBase: string, value: string) {
  return { role: "tabpanel", id: `${idBase}-panel-${value}`, "aria-labelledby": `${idBase}-tab-${value}`, tabIndex: 0 } as const;
}
