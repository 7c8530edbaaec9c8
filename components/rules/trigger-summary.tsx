"use client";
// One line that says when a rule fires: the event name, the cron expression, the interval…
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge } from "@/components/ui/badge";
import { formatDateTime } from "@/components/ui/format";

export const TRIGGER_TYPES = ["event", "cron", "interval", "once", "webhook", "threshold"] as const;
export type TriggerType = (typeof TRIGGER_TYPES)[number];
export const TIME_TRIGGER_TYPES: readonly string[] = ["cron", "interval", "once", "threshold"];

export const triggerTypeKey: Record<TriggerType, MessageKey> = {
  event: "trigger.event",
  cron: "trigger.cron",
  interval: "trigger.interval",
  once: "trigger.once",
  webhook: "trigger.webhook",
  threshold: "trigger.threshold",
};

type AnyTrigger = { type?: unknown; [k: string]: unknown } | null | undefined;

function seconds(n: number): string {
  if (n % 86400 === 0) return `${n / 86400}d`;
  if (n % 3600 === 0) return `${n / 3600}h`;
  if (n % 60 === 0) return `${n / 60}m`;
  return `${n}s`;
}

export function useTriggerText() {
  const { t, locale } = useI18n();
  return (trigger: AnyTrigger): string => {
    if (!trigger || typeof trigger !== "object") return "";
    const tr = trigger as Record<string, unknown>;
    switch (tr.type) {
      case "event":
        return String(tr.event ?? "");
      case "cron":
        return `${tr.cron ?? ""}${tr.timezone && tr.timezone !== "UTC" ? ` (${tr.timezone})` : ""}`;
      case "interval":
        return t("trigger.every", { every: typeof tr.everySeconds === "number" ? seconds(tr.everySeconds) : "?" });
      case "once":
        return typeof tr.at === "string" ? formatDateTime(tr.at, locale) : "";
      case "webhook":
        return t("trigger.webhookSummary");
      case "threshold":
        return `${tr.metric ?? ""} ${tr.op ?? ""} ${tr.value ?? ""}`;
      default:
        return "";
    }
  };
}

export function TriggerTypeBadge({ type }: { type: string }) {
  const { t } = useI18n();
  const known = (TRIGGER_TYPES as readonly string[]).includes(type) ? (type as TriggerType) : null;
  return (
    <Badge tone="neutral" className="badge-outline" data-testid="rule-trigger-type" data-trigger={type}>
      {known ? t(triggerTypeKey[known]) : type}
    </Badge>
  );
}

/** Type badge + summary, e.g. [Event] order.paid. */
export function TriggerSummary({ trigger }: { trigger: AnyTrigger }) {
  const text = useTriggerText()(trigger);
  const type = typeof trigger?.type === "string" ? trigger.type : "?";
  return (
    <span className="trigger-summary">
      <TriggerTypeBadge type={type} />
      {text && (
        <code className="trigger-text" title={text}>
          {text}
        </code>
      )}
    </span>
  );
}
