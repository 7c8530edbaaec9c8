// The alert outbox. An incident that opens or resolves is marked `pending`; this sends its
// notices — one per channel — and records each channel's delivery on the incident, so a retry
// only resends what failed. Exactly one notice per channel per transition in normal operation:
// the incident row is locked (FOR UPDATE SKIP LOCKED) while it is sent, so two evaluators never
// send the same notice, and a channel marked sent is never sent again. A crash between the send
// and the commit can repeat it once; the email Message-ID and the webhook Idempotency-Key
// (`alert:<incident>:<open|resolved>`) let receivers drop the repeat.
//
// Channels: email (an smtp connection, else SMTP_URL, else the dev mailbox), a webhook signed
// like the contract's (X-Autoflow-Signature: t=…,v1=HMAC-SHA256 of "t.body") sent through the
// outbound guard, and in-app notifications.
import { pool, withTransaction, type Queryable } from "../../db";
import { logger } from "../../logger";
import { guardedFetch } from "../../net/outbound-guard";
import { decryptSecret } from "../connections/secret-box";
import { resolveEmailRoute } from "../actions/email/email-route";
import { saveDevMessage } from "../actions/email/dev-mailbox";
import { sendViaSmtp } from "../actions/email/smtp-send";
import { signWebhook } from "../webhooks/verify-signature";
import { iso } from "../shared/time";
import type { StoredChannel } from "./alert-schema";

export type NoticeKind = "open" | "resolved";
export const MAX_ATTEMPTS = 5;
const RETRY_BASE_MS = 10_000;
const SEND_TIMEOUT_MS = 30_000;

export interface ChannelDelivery {
  type: StoredChannel["type"];
  target: string;
  status: "pending" | "sent" | "failed";
  attempts: number;
  sentAt?: string;
  nextAt?: string;
  lastError?: string;
}
export type Notices = Partial<Record<NoticeKind, { suppressed?: boolean; channels?: ChannelDelivery[] }>>;

interface IncidentRow {
  id: string;
  alert_rule_id: string | null;
  alert_name: string;
  kind: string;
  status: "open" | "resolved";
  opened_at: Date;
  resolved_at: Date | null;
  summary: string;
  details: unknown;
  resolution: { summary?: string } | null;
  notices: Notices;
  channels: StoredChannel[] | null;
}

/** Where a channel sends, for people (never a secret; a webhook URL without its query). */
export function describeTarget(c: StoredChannel): string {
  if (c.type === "email") return c.to.join(", ");
  if (c.type === "in_app") return `role ${c.role}+`;
  try {
    const u = new URL(c.url);
    return `${u.origin}${u.pathname}`;
  } catch {
    return "webhook";
  }
}

export function noticeText(inc: IncidentRow, kind: NoticeKind) {
  const firing = kind === "open";
  const title = `${firing ? "FIRING" : "RESOLVED"}: ${inc.alert_name}`;
  const openedFor = inc.resolved_at ? Math.max(0, Math.round((inc.resolved_at.getTime() - inc.opened_at.getTime()) / 1000)) : null;
  const lines = [
    firing ? `Alert "${inc.alert_name}" is firing since ${iso(inc.opened_at)}.` : `Alert "${inc.alert_name}" has recovered at ${iso(inc.resolved_at)} (open for ${openedFor} s).`,
    "",
    firing ? inc.summary : (inc.resolution?.summary ?? "The condition no longer holds."),
    ...(firing ? [] : ["", `It fired because: ${inc.summary}`]),
    "",
    `Incident #${inc.id} (${inc.kind}). Alerts and incidents: /alerts in Autoflow.`,
  ];
  return { title, text: lines.join("\n") };
}

function incidentPayload(inc: IncidentRow, kind: NoticeKind) {
  return {
    type: kind === "open" ? "alert.firing" : "alert.resolved",
    sentAt: new Date().toISOString(),
    alert: { id: inc.alert_rule_id, name: inc.alert_name, kind: inc.kind },
    incident: {
      id: inc.id,
      status: inc.status,
      openedAt: iso(inc.opened_at),
      resolvedAt: iso(inc.resolved_at),
      summary: inc.summary,
      details: inc.details,
      resolution: inc.resolution,
    },
  };
}

async function sendOne(db: Queryable, c: StoredChannel, inc: IncidentRow, kind: NoticeKind, index: number): Promise<void> {
  const { title, text } = noticeText(inc, kind);
  const key = `alert:${inc.id}:${kind}`;
  if (c.type === "email") {
    const route = await resolveEmailRoute(db, c.connectionId);
    const mail = { from: route.defaultFrom, to: c.to.join(", "), subject: `[Autoflow] ${title}`, text, messageId: `<alert-${inc.id}-${kind}@autoflow>` };
    if (route.via === "dev-mailbox") await saveDevMessage(db, { channel: "email", ...mail });
    else await sendViaSmtp(route.options, { ...mail, headers: { "X-Autoflow-Alert": inc.alert_rule_id ?? "", "X-Autoflow-Incident": inc.id } }, AbortSignal.timeout(SEND_TIMEOUT_MS));
    return;
  }
  if (c.type === "webhook") {
    const body = JSON.stringify(incidentPayload(inc, kind));
    const headers: Record<string, string> = { "content-type": "application/json", "user-agent": "Autoflow-Alerts/1", "idempotency-key": key };
    if (c.secretEnc) headers["x-autoflow-signature"] = signWebhook(decryptSecret(c.secretEnc), body);
    const res = await guardedFetch(c.url, { method: "POST", headers, body, timeoutMs: 10_000, maxResponseBytes: 64 * 1024, maxRedirects: 0 });
    if (res.status < 200 || res.status >= 300) throw new Error(`the webhook answered ${res.status}`);
    return;
  }
  await db.query(
    `INSERT INTO notification (title, body, role, idempotency_key) VALUES ($1, $2, $3, $4) ON CONFLICT (idempotency_key) DO NOTHING`,
    [title, text, c.role, `${key}:${index}`],
  );
}

/** Sends what is due for up to `limit` incidents; returns the number of notices sent. */
export async function deliverPendingNotices(limit = 50): Promise<number> {
  const { rows: due } = await pool().query<{ id: string }>(`SELECT id FROM alert_incident WHERE pending ORDER BY id LIMIT $1`, [limit]);
  let sent = 0;
  for (const { id } of due) {
    sent += await withTransaction(async (db) => {
      const { rows } = await db.query<IncidentRow>(
        `SELECT i.*, a.channels FROM alert_incident i LEFT JOIN alert_rule a ON a.id = i.alert_rule_id
          WHERE i.id = $1 AND i.pending FOR UPDATE OF i SKIP LOCKED`,
        [id],
      );
      const inc = rows[0];
      if (!inc) return 0;
      const notices: Notices = inc.notices ?? {};
      let n = 0;
      let pending = false;
      // The firing notice always goes before the recovery notice.
      for (const kind of (inc.status === "resolved" ? ["open", "resolved"] : ["open"]) as NoticeKind[]) {
        const notice = (notices[kind] ??= {});
        if (notice.suppressed) continue;
        const channels = inc.channels ?? [];
        notice.channels ??= channels.map((c) => ({ type: c.type, target: describeTarget(c), status: "pending", attempts: 0 }));
        for (const [i, d] of notice.channels.entries()) {
          if (d.status !== "pending") continue;
          if (d.nextAt && Date.parse(d.nextAt) > Date.now()) {
            pending = true;
            continue;
          }
          const c = channels[i];
          if (!c || c.type !== d.type) {
            Object.assign(d, { status: "failed", lastError: "the channel was removed from the alert" });
            continue;
          }
          try {
            await sendOne(db, c, inc, kind, i);
            Object.assign(d, { status: "sent", sentAt: new Date().toISOString(), attempts: d.attempts + 1, nextAt: undefined, lastError: undefined });
            n++;
          } catch (err) {
            d.attempts += 1;
            d.lastError = (err as Error).message?.slice(0, 500) ?? String(err);
            if (d.attempts >= MAX_ATTEMPTS) d.status = "failed";
            else {
              d.nextAt = new Date(Date.now() + RETRY_BASE_MS * 2 ** (d.attempts - 1)).toISOString();
              pending = true;
            }
            logger().warn({ incidentId: inc.id, channel: d.type, attempt: d.attempts, err: d.lastError }, "alert notice not delivered");
          }
        }
      }
      await db.query(`UPDATE alert_incident SET notices = $2, pending = $3 WHERE id = $1`, [id, JSON.stringify(notices), pending]);
      return n;
    });
  }
  return sent;
}
