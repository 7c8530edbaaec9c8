"use client";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge } from "@/components/ui/badge";

export const CONNECTION_TYPES = ["smtp", "sms_http", "http", "amqp"] as const;
export type ConnectionType = (typeof CONNECTION_TYPES)[number];

export const typeKey: Record<ConnectionType, MessageKey> = {
  smtp: "connections.type.smtp",
  sms_http: "connections.type.sms_http",
  http: "connections.type.http",
  amqp: "connections.type.amqp",
};
export const typeHintKey: Record<ConnectionType, MessageKey> = {
  smtp: "connections.typeHint.smtp",
  sms_http: "connections.typeHint.sms_http",
  http: "connections.typeHint.http",
  amqp: "connections.typeHint.amqp",
};
export const secretKey: Record<ConnectionType, MessageKey> = {
  smtp: "connections.secret.smtp",
  sms_http: "connections.secret.sms_http",
  http: "connections.secret.http",
  amqp: "connections.secret.amqp",
};
/** Types that cannot work without their secret (the server says the same). */
export const secretRequired: Record<ConnectionType, boolean> = { smtp: false, sms_http: false, http: true, amqp: true };

export function isConnectionType(s: string): s is ConnectionType {
  return (CONNECTION_TYPES as readonly string[]).includes(s);
}

export function ConnectionTypeBadge({ type }: { type: string }) {
  const { t } = useI18n();
  return (
    <Badge tone="neutral" className="badge-outline" data-testid="connection-type" data-type={type}>
      {isConnectionType(type) ? t(typeKey[type]) : type}
    </Badge>
  );
}

export function SecretBadge({ hasSecret }: { hasSecret: boolean }) {
  const { t } = useI18n();
  return hasSecret ? (
    <Badge tone="green" dot data-testid="connection-secret" data-set="true">
      {t("connections.secretSet")}
    </Badge>
  ) : (
    <Badge tone="grey" data-testid="connection-secret" data-set="false">
      {t("connections.secretNotSet")}
    </Badge>
  );
}

/** One line of the settings that matter: host:port, the gateway URL, the base URL… */
export function configSummary(type: string, config: Record<string, unknown>): string {
  const s = (k: string) => (typeof config[k] === "string" || typeof config[k] === "number" ? String(config[k]) : "");
  switch (type) {
    case "smtp":
      return [s("host") + (s("port") ? `:${s("port")}` : ""), config.secure ? "TLS" : "", s("user"), s("from")].filter(Boolean).join(" · ");
    case "sms_http":
      return [`${s("method") || "POST"} ${s("url")}`, s("from")].filter(Boolean).join(" · ");
    case "http":
      return [s("baseUrl"), s("headerName")].filter(Boolean).join(" · ");
    default:
      return "";
  }
}
