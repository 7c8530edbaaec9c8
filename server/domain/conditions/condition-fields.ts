import type { FieldType, OperatorName } from "./operators";
import { operatorsForFieldType } from "./operators";

/**
 * The field catalogue behind the rule builder's field picker. A path ending in ".*"
 * is an open namespace (payload.*, contact.attributes.*): the author types the rest,
 * because its shape belongs to whoever sends the event or stores the contact, so its
 * type is "any" and every operator is offered.
 *
 * `event.occurredAt` and `contact.lastLoginAt` are ISO strings in the context;
 * "date" tells the builder to offer within_last / older_than and date comparisons.
 */
export interface ContextField {
  path: string;
  type: FieldType;
  label: { en: string; zh: string };
}

export const contextFields: readonly ContextField[] = [
  { path: "payload.*", type: "any", label: { en: "Payload field", zh: "负载字段" } },
  { path: "event.type", type: "string", label: { en: "Event type", zh: "事件类型" } },
  { path: "event.id", type: "string", label: { en: "Event ID", zh: "事件 ID" } },
  { path: "event.occurredAt", type: "date", label: { en: "Event time", zh: "事件发生时间" } },
  { path: "contact.email", type: "string", label: { en: "Contact email", zh: "联系人邮箱" } },
  { path: "contact.phone", type: "string", label: { en: "Contact phone", zh: "联系人电话" } },
  { path: "contact.name", type: "string", label: { en: "Contact name", zh: "联系人姓名" } },
  { path: "contact.tags", type: "array", label: { en: "Contact tags", zh: "联系人标签" } },
  { path: "contact.lastLoginAt", type: "date", label: { en: "Contact last login", zh: "联系人最近登录时间" } },
  { path: "contact.attributes.*", type: "any", label: { en: "Contact attribute", zh: "联系人属性" } },
  { path: "now", type: "date", label: { en: "Current time", zh: "当前时间" } },
];

/** True for catalogue paths the author completes ("payload.*"). */
export function isOpenFieldPath(path: string): boolean {
  return path.endsWith(".*");
}

/**
 * The catalogue entry describing a concrete path: an exact entry, else the open
 * namespace it falls in ("payload.order.total" → payload.*), else undefined.
 */
export function findContextField(path: string): ContextField | undefined {
  const exact = contextFields.find((f) => f.path === path);
  if (exact) return exact;
  return contextFields.find((f) => isOpenFieldPath(f.path) && path.startsWith(f.path.slice(0, -1)) && path.length > f.path.length - 1);
}

/** The operators the builder offers for a concrete path; unknown paths get every operator. */
export function operatorsForField(path: string): OperatorName[] {
  return operatorsForFieldType(findContextField(path)?.type ?? "any");
}
