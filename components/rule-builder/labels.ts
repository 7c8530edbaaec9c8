// Names the builder shows: action types (from the server's actionMeta), field labels (builder
// messages when there is one, else the document's own key) and one-line node summaries.
import { messages, type MessageKey } from "@/components/i18n/messages";
import type { Locale } from "@/components/i18n/i18n";
import { actionMeta, type ActionType } from "@/server/domain/actions/params";
import type { DraftAction } from "./rule-graph";

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

export function isActionType(type: string): type is ActionType {
  return Object.hasOwn(actionMeta, type);
}

export function actionLabel(type: string, locale: Locale): string {
  return isActionType(type) ? actionMeta[type].label[locale] : type || "?";
}

export function actionDescription(type: string, locale: Locale): string {
  return isActionType(type) ? actionMeta[type].description[locale] : "";
}

/** A message key when the builder has one ("builder.field.to"), else undefined. */
export function knownKey(key: string): MessageKey | undefined {
  return Object.hasOwn(messages.en, key) ? (key as MessageKey) : undefined;
}

/** The label of a document field: "Recipients" for `to`; the key itself when there is no label. */
export function fieldLabel(t: T, name: string): string {
  const key = knownKey(`builder.field.${name}`);
  return key ? t(key) : name;
}

/** The label of an enum option: builder.option.<field>.<value>, else the value. */
export function optionLabel(t: T, field: string, value: string): string {
  const key = knownKey(`builder.option.${field}.${value}`);
  return key ? t(key) : value;
}

function str(v: unknown): string {
  if (v === undefined || v === null) return "";
  return typeof v === "string" ? v : JSON.stringify(v);
}

/** The param that best says what one action does ("to", "title", "url"…), for its node. */
export function actionSummary(action: DraftAction): string {
  const p = action.params ?? {};
  switch (action.type) {
    case "email":
      return [str(p.to), str(p.subject)].filter(Boolean).join(" · ");
    case "sms":
      return [str(p.to), str(p.text)].filter(Boolean).join(" · ");
    case "http":
      return [str(p.method), str(p.url)].filter(Boolean).join(" ");
    case "update_contact": {
      const add = Array.isArray(p.addTags) && p.addTags.length ? `+${p.addTags.join(", +")}` : "";
      const rm = Array.isArray(p.removeTags) && p.removeTags.length ? `−${p.removeTags.join(", −")}` : "";
      return [str(p.contact), add, rm].filter(Boolean).join(" · ");
    }
    case "notify":
      return [str(p.title), str(p.body)].filter(Boolean).join(" · ");
    case "publish":
      return [str(p.exchange), str(p.routingKey)].filter(Boolean).join(" → ");
    case "emit_event":
      return str(p.type);
    case "delay":
      return typeof p.seconds === "number" ? `${p.seconds}s` : "";
    default:
      return Object.values(p).map(str).filter(Boolean).join(" · ");
  }
}
