"use client";
// The palette: every trigger type, "condition" and every action type. Drag an item onto the
// canvas (HTML5 drag and drop; where it is dropped decides an action's position), or activate it
// with a click / Enter / Space, which adds it after the selected action (or at the end).
import { memo, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { triggerTypeKey } from "@/components/rules/trigger-summary";
import { cx } from "@/components/ui/cx";
import { actionTypes, type ActionType } from "@/server/domain/actions/params";
import { TRIGGER_TYPES, isTriggerKind, type TriggerKind } from "./defaults";
import { actionDescription, actionLabel, isActionType } from "./labels";

export type PaletteItem = { kind: "trigger"; type: TriggerKind } | { kind: "condition" } | { kind: "action"; type: ActionType };

export const PALETTE_MIME = "application/x-autoflow-node";

export function paletteKey(item: PaletteItem): string {
  return item.kind === "condition" ? "condition" : item.type;
}

export function readPaletteDrag(dt: DataTransfer): PaletteItem | null {
  try {
    const v = JSON.parse(dt.getData(PALETTE_MIME)) as { kind?: string; type?: string };
    if (v.kind === "condition") return { kind: "condition" };
    if (v.kind === "trigger" && typeof v.type === "string" && isTriggerKind(v.type)) return { kind: "trigger", type: v.type };
    if (v.kind === "action" && typeof v.type === "string" && isActionType(v.type)) return { kind: "action", type: v.type };
  } catch {
    // not ours
  }
  return null;
}

function PaletteButton({ item, label, hint, disabled, onAdd }: { item: PaletteItem; label: string; hint?: string; disabled?: boolean; onAdd(item: PaletteItem): void }) {
  return (
    <li>
      <button
        type="button"
        className={cx("rb-palette-item", `rb-palette-${item.kind}`)}
        draggable={!disabled}
        aria-disabled={disabled || undefined}
        title={hint}
        onDragStart={(e) => {
          e.dataTransfer.setData(PALETTE_MIME, JSON.stringify(item));
          e.dataTransfer.effectAllowed = "copy";
        }}
        onClick={() => !disabled && onAdd(item)}
        data-testid={`palette-item-${paletteKey(item)}`}
      >
        <span className="rb-palette-dot" aria-hidden />
        <span className="rb-palette-label">{label}</span>
      </button>
    </li>
  );
}

export const Palette = memo(function Palette({ hasCondition, onAdd }: { hasCondition: boolean; onAdd(item: PaletteItem): void }) {
  const { t, locale } = useI18n();
  const [open, setOpen] = useState(false);
  const add = (item: PaletteItem) => {
    onAdd(item);
    setOpen(false);
  };
  return (
    <aside className={cx("rb-palette", open && "rb-palette-open")} data-testid="palette" aria-label={t("builder.palette.title")}>
      <button type="button" className="rb-palette-toggle btn btn-secondary btn-sm" aria-expanded={open} onClick={() => setOpen((o) => !o)} data-testid="palette-toggle">
        + {t("builder.palette.add")}
      </button>
      <div className="rb-palette-body">
        <p className="rb-palette-hint muted small">{t("builder.palette.hint")}</p>
        <h3 className="rb-palette-group">{t("builder.palette.triggers")}</h3>
        <ul className="rb-palette-list">
          {TRIGGER_TYPES.map((type) => (
            <PaletteButton key={type} item={{ kind: "trigger", type }} label={t(triggerTypeKey[type])} hint={t("builder.palette.triggerHint")} onAdd={add} />
          ))}
        </ul>
        <h3 className="rb-palette-group">{t("builder.palette.logic")}</h3>
        <ul className="rb-palette-list">
          <PaletteButton
            item={{ kind: "condition" }}
            label={t("builder.node.condition")}
            hint={hasCondition ? t("builder.palette.conditionExists") : t("builder.palette.conditionHint")}
            disabled={hasCondition}
            onAdd={add}
          />
        </ul>
        <h3 className="rb-palette-group">{t("builder.palette.actions")}</h3>
        <ul className="rb-palette-list">
          {actionTypes.map((type) => (
            <PaletteButton key={type} item={{ kind: "action", type }} label={actionLabel(type, locale)} hint={actionDescription(type, locale)} onAdd={add} />
          ))}
        </ul>
      </div>
    </aside>
  );
});
