// Monitoring labels in the UI's language: chart axis and tooltip times per range, slot lengths.
import type { Locale } from "@/components/i18n/i18n";
import { intlLocale } from "@/components/ui/format";

export const RANGE_IDS = ["1h", "24h", "7d", "30d"] as const;
export type RangeId = (typeof RANGE_IDS)[number];

export function axisLabel(iso: string, range: RangeId, locale: Locale): string {
  const d = new Date(iso);
  const opts: Intl.DateTimeFormatOptions =
    range === "1h" || range === "24h"
      ? { hour: "2-digit", minute: "2-digit", hour12: false }
      : range === "7d"
        ? { weekday: "short", hour: "2-digit", hour12: false }
        : { month: "short", day: "numeric" };
  return new Intl.DateTimeFormat(intlLocale(locale), opts).format(d);
}

export function slotTitle(iso: string, slotSeconds: number, locale: Locale): string {
  const a = new Date(iso);
  const b = new Date(a.getTime() + slotSeconds * 1000);
  const day = new Intl.DateTimeFormat(intlLocale(locale), { month: "short", day: "numeric" });
  const time = new Intl.DateTimeFormat(intlLocale(locale), { hour: "2-digit", minute: "2-digit", hour12: false });
  return `${day.format(a)} ${time.format(a)} – ${time.format(b)}`;
}

/** 30 → "30 s", 90 → "1.5 min", 7200 → "2 h" (alert parameters). */
export function secondsText(s: number): string {
  if (s < 120) return `${s} s`;
  if (s < 7200) return `${Math.round((s / 60) * 10) / 10} min`;
  return `${Math.round((s / 3600) * 10) / 10} h`;
}

export function percent(x: number | null | undefined, digits = 1): string {
  if (x === null || x === undefined || Number.isNaN(x)) return "—";
  const p = x * 100;
  return `${p >= 99.95 || p === 0 ? Math.round(p) : p.toFixed(digits)}%`;
}
