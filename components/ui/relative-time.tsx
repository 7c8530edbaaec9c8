"use client";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { formatDateTime, formatRelative } from "./format";

let listeners = new Set<(n: number) => void>();
let timer: ReturnType<typeof setInterval> | null = null;

/** One shared clock for every relative time on the page, ticking every 15 s. */
export function useNow(): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    listeners.add(setNow);
    if (!timer) timer = setInterval(() => listeners.forEach((l) => l(Date.now())), 15_000);
    return () => {
      listeners.delete(setNow);
      if (listeners.size === 0 && timer) {
        clearInterval(timer);
        timer = null;
        listeners = new Set();
      }
    };
  }, []);
  return now;
}

/** "3 minutes ago" / "in 2 hours", with the exact time in a tooltip; a dash when there is no time. */
export function RelativeTime({ iso, empty = "—" }: { iso: string | null | undefined; empty?: string }) {
  const { locale } = useI18n();
  const now = useNow();
  if (!iso) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso, locale, true)} suppressHydrationWarning>
      {formatRelative(iso, now, locale)}
    </time>
  );
}

/** An absolute date and time in the UI's language. */
export function DateTime({ iso, seconds, empty = "—" }: { iso: string | null | undefined; seconds?: boolean; empty?: string }) {
  const { locale } = useI18n();
  if (!iso) return <span className="muted">{empty}</span>;
  return (
    <time dateTime={iso} suppressHydrationWarning>
      {formatDateTime(iso, locale, seconds)}
    </time>
  );
}
