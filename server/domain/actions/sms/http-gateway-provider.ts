// A generic HTTP SMS gateway (an `sms_http` connection): POST {to, text, from, idempotencyKey}
// as JSON — or the connection's own bodyTemplate for gateways that want other field names —
// with the API key as a Bearer token, through the outbound guard like any other URL.
import { guardedFetch } from "../../../net/outbound-guard";
import { storableText } from "../../shared/storable-text";
import { describeUrl } from "../../../net/check-target";
import { errorForStatus } from "../../../net/http-status-error";
import { ActionError } from "../plugin";
import type { LoadedConnection } from "../../connections/load-connection";
import type { SmsProvider } from "./sms-provider";

const TIMEOUT_MS = 15_000;
const MAX_RESPONSE_BYTES = 64 * 1024;

type Fields = Record<"to" | "text" | "from" | "idempotencyKey", string | null>;

/** Fills {{to}}, {{text}}, {{from}}, {{idempotencyKey}} inside the template's string values only,
 *  so a message text can never break the JSON around it. */
export function fillBodyTemplate(template: unknown, fields: Fields): unknown {
  if (typeof template === "string") {
    const whole = /^\{\{\s*(to|text|from|idempotencyKey)\s*\}\}$/.exec(template);
    if (whole) return fields[whole[1] as keyof Fields];
    return template.replace(/\{\{\s*(to|text|from|idempotencyKey)\s*\}\}/g, (_, k: keyof Fields) => fields[k] ?? "");
  }
  if (Array.isArray(template)) return template.map((v) => fillBodyTemplate(v, fields));
  if (template && typeof template === "object") {
    return Object.fromEntries(Object.entries(template).map(([k, v]) => [k, fillBodyTemplate(v, fields)]));
  }
  return template;
}

function messageIdOf(body: unknown): string | null {
  if (!body || typeof body !== "object") return null;
  const b = body as Record<string, unknown>;
  for (const key of ["messageId", "message_id", "id", "sid"]) {
    // The gateway's id goes into the action log: keep it storable and short.
    if (typeof b[key] === "string" || typeof b[key] === "number") return storableText(String(b[key])).slice(0, 200);
  }
  return null;
}

export function httpGatewayProvider(conn: LoadedConnection<"sms_http">): SmsProvider {
  const label = `sms_http connection '${conn.name}'`;
  return {
    label,
    async send(to, text, { idempotencyKey, signal }) {
      const fields: Fields = { to, text, from: conn.config.from ?? null, idempotencyKey };
      const body = conn.config.bodyTemplate ? fillBodyTemplate(JSON.parse(conn.config.bodyTemplate), fields) : fields;
      const headers: Record<string, string> = {
        "content-type": "application/json",
        accept: "application/json",
        "idempotency-key": idempotencyKey,
      };
      if (conn.secret) headers.authorization = `Bearer ${conn.secret}`;
      const res = await guardedFetch(conn.config.url, {
        method: conn.config.method,
        headers,
        body: JSON.stringify(body),
        signal,
        timeoutMs: TIMEOUT_MS,
        maxResponseBytes: MAX_RESPONSE_BYTES,
      });
      const what = `the SMS gateway (${describeUrl(new URL(res.url))})`;
      if (res.status === 401 || res.status === 403) {
        // A wrong or revoked API key: an admin must fix the connection; retrying cannot help.
        throw new ActionError("configuration", `${what} refused the API key of ${label} (${res.status})`, { details: { status: res.status } });
      }
      if (res.status < 200 || res.status > 299) throw errorForStatus(what, res);
      let parsed: unknown = null;
      try {
        parsed = res.json();
      } catch {
        // A gateway that answers 200 with text: the message is sent, its id is ours.
      }
      return { providerMessageId: messageIdOf(parsed) ?? idempotencyKey };
    },
  };
}
