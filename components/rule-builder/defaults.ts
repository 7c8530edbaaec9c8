// What a node starts with when it is added from the palette: the smallest document part that
// says what to fill in. Values the author must choose (a title, a URL) start empty, so the
// inspector points at them instead of saving a placeholder by accident.
import type { DraftAction, DraftCondition, DraftTrigger } from "./rule-graph";

export const TRIGGER_TYPES = ["event", "cron", "interval", "once", "webhook", "threshold"] as const;
export type TriggerKind = (typeof TRIGGER_TYPES)[number];

export function isTriggerKind(value: string): value is TriggerKind {
  return (TRIGGER_TYPES as readonly string[]).includes(value);
}

function pad(n: number) {
  return String(n).padStart(2, "0");
}

/** Tomorrow 09:00 in the browser's zone, written with its offset (the schema wants one). */
export function tomorrowAtNine(now: Date): string {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + 1, 9, 0, 0);
  const offset = -d.getTimezoneOffset();
  const sign = offset >= 0 ? "+" : "-";
  const abs = Math.abs(offset);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T09:00:00${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

export function defaultTrigger(kind: TriggerKind, now = new Date()): DraftTrigger {
  switch (kind) {
    case "event":
      return { type: "event", event: "" };
    case "cron":
      return { type: "cron", cron: "0 9 * * 1-5", timezone: "UTC" };
    case "interval":
      return { type: "interval", everySeconds: 300 };
    case "once":
      return { type: "once", at: tomorrowAtNine(now) };
    case "webhook":
      return { type: "webhook" };
    case "threshold":
      return { type: "threshold", metric: "failure_rate", op: ">", value: 0.1, window: "5m" };
  }
}

export function defaultCondition(): DraftCondition {
  return { all: [] };
}

export function defaultAction(type: string): DraftAction {
  switch (type) {
    case "email":
      return { type, params: { to: "{{contact.email}}", subject: "", text: "" } };
    case "sms":
      return { type, params: { to: "{{contact.phone}}", text: "" } };
    case "http":
      return { type, params: { method: "POST", url: "" } };
    case "update_contact":
      return { type, params: { contact: "{{payload.contactId}}", addTags: [] } };
    case "notify":
      return { type, params: { title: "", body: "" } };
    case "publish":
      return { type, params: { routingKey: "", message: "" } };
    case "emit_event":
      return { type, params: { type: "", payload: {} } };
    case "delay":
      return { type, params: { seconds: 60 } };
    default:
      return { type, params: {} };
  }
}
