// Alert kinds as the UI needs them: default parameters for a new alert, which kinds take a rule
// scope, and a one-line description of a rule's condition in the UI's language.
import type { MessageKey } from "@/components/i18n/messages";
import { percent, secondsText } from "./format";

export const ALERT_KINDS = ["failure_rate", "consecutive_failures", "missed_schedule", "queue_backlog", "worker_count"] as const;
export type AlertKind = (typeof ALERT_KINDS)[number];
export const SCOPED_KINDS: readonly AlertKind[] = ["failure_rate", "consecutive_failures", "missed_schedule"];

export const DEFAULT_PARAMS: Record<AlertKind, Record<string, number>> = {
  failure_rate: { threshold: 0.5, windowSeconds: 300, minExecutions: 5 },
  consecutive_failures: { count: 3 },
  missed_schedule: { graceSeconds: 300, windowSeconds: 600 },
  queue_backlog: { maxAgeSeconds: 300 },
  worker_count: { minWorkers: 1 },
};

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function conditionText(t: T, kind: string, p: Record<string, unknown>): string {
  const num = (k: string) => Number(p[k] ?? 0);
  switch (kind) {
    case "failure_rate":
      return t("alerts.cond.failure_rate", { threshold: percent(num("threshold"), 0), window: secondsText(num("windowSeconds")), min: num("minExecutions") });
    case "consecutive_failures":
      return t("alerts.cond.consecutive_failures", { count: num("count") });
    case "missed_schedule":
      return t("alerts.cond.missed_schedule", { grace: secondsText(num("graceSeconds")), window: secondsText(num("windowSeconds")) });
    case "queue_backlog":
      return t("alerts.cond.queue_backlog", { age: secondsText(num("maxAgeSeconds")) });
    case "worker_count":
      return t("alerts.cond.worker_count", { min: num("minWorkers") });
    default:
      return kind;
  }
}

export const kindKey = (kind: string) => `alerts.kind.${kind}` as MessageKey;
export const channelKey = (type: string) => `alerts.channel.${type}` as MessageKey;
