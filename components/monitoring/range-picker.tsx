"use client";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { cx } from "@/components/ui/cx";
import { RANGE_IDS, type RangeId } from "./format";

/** A segmented control: one button per range, the current one pressed. */
export function RangePicker({ value, onChange }: { value: RangeId; onChange: (r: RangeId) => void }) {
  const { t } = useI18n();
  return (
    <div className="mon-segmented" role="group" aria-label={t("mon.range")} data-testid="range-picker">
      {RANGE_IDS.map((r) => (
        <button
          key={r}
          type="button"
          aria-pressed={value === r}
          className={cx("mon-segment", value === r && "mon-segment-active")}
          onClick={() => onChange(r)}
          data-testid={`range-${r}`}
        >
          {t(`mon.range.${r}` as MessageKey)}
        </button>
      ))}
    </div>
  );
}
