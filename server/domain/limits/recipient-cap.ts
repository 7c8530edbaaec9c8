// Frequency cap per recipient across ALL rules (seed 10.4): at most AUTOFLOW_RECIPIENT_DAILY_CAP
// messages (default 20, 0 = off) to one email address or phone number in any 24 hours.
//
// Decision: a message over the cap is NOT sent and the action FAILS with a non-retryable runtime
// error ("recipient cap reached …"); the execution fails and shows in the dead-letter view, so a
// runaway rule is visible rather than silently skipped. A retry after the window has passed (manual
// retry) sends it.
//
// How it counts: one `recipient_send` row per (recipient, idempotency key), written in the same
// transaction that checks the count, under a per-recipient advisory lock, so concurrent workers
// can never both take the last slot. A retried attempt of the same action (same idempotency key)
// is not counted again. The recipient is stored as SHA-256 of its normalised address: the table
// holds no address in clear text. Dry runs neither check nor count.
import crypto from "node:crypto";
import { pool, withTransaction } from "../../db";
import { env } from "../../env";
import { maskPii } from "../../logger";
import { ActionError } from "../actions/plugin";

export type Channel = "email" | "sms";

export const CAP_WINDOW_HOURS = 24;

const displayName = /^(?:"[^"]*"|[^"<>]*)\s*<([^<>\s]+)>$/;

/** `Ann <Ann.Lee+promo@Example.COM>` → `ann.lee@example.com` (sub-address tags reach the same box). */
export function normalizeEmail(raw: string): string {
  const trimmed = raw.trim();
  const address = (displayName.exec(trimmed)?.[1] ?? trimmed).toLowerCase();
  const at = address.lastIndexOf("@");
  if (at <= 0) return address;
  const local = address.slice(0, at).split("+")[0] || address.slice(0, at);
  return `${local}@${address.slice(at + 1)}`;
}

/** `+86 138-0000 (0000)` → `+8613800000000`. */
export function normalizePhone(raw: string): string {
  const t = raw.trim();
  return (t.startsWith("+") ? "+" : "") + t.replace(/\D/g, "");
}

/** The recipients of one message: an email `to` may list several addresses, comma-separated. */
export function recipientsOf(channel: Channel, to: string): string[] {
  const list = channel === "email" ? to.split(",").map(normalizeEmail) : [normalizePhone(to)];
  return [...new Set(list.filter(Boolean))];
}

export function recipientHash(channel: Channel, normalized: string): string {
  // The channel is part of the hash: an email address and a phone number never share a count.
  return crypto.createHash("sha256").update(`${channel}:${normalized}`).digest("hex");
}

export interface CapCheck {
  /** The recipients (normalised) of this message. */
  recipients: string[];
  /** Messages in the window per recipient, this one included. */
  counts: number[];
  cap: number;
}

export class RecipientCapError extends ActionError {
  constructor(
    readonly recipient: string,
    readonly count: number,
    readonly cap: number,
    channel: Channel,
  ) {
    super(
      "runtime",
      `recipient cap reached: ${maskPii(recipient)} already received ${count} ${channel === "email" ? "emails" : "SMS"} in the last ${CAP_WINDOW_HOURS} hours ` +
        `(AUTOFLOW_RECIPIENT_DAILY_CAP=${cap}); the message was not sent`,
      { retryable: false, details: { limit: "recipient_daily_cap", channel, cap, count, windowHours: CAP_WINDOW_HOURS } },
    );
    this.name = "RecipientCapError";
  }
}

/**
 * Takes one slot of every recipient's cap for the message with this idempotency key, or throws
 * RecipientCapError (and records nothing) when any recipient is at the cap. Call it right before
 * the message is handed to SMTP / the SMS gateway / the dev outbox.
 */
export async function takeRecipientSlots(
  channel: Channel,
  to: string,
  idempotencyKey: string,
  opts: { cap?: number } = {},
): Promise<CapCheck> {
  const cap = opts.cap ?? env().AUTOFLOW_RECIPIENT_DAILY_CAP;
  const recipients = recipientsOf(channel, to);
  if (cap <= 0 || recipients.length === 0) return { recipients, counts: [], cap };
  // Sorted: two messages to overlapping recipient lists take the locks in the same order.
  const pairs = recipients.map((r) => ({ r, h: recipientHash(channel, r) })).sort((a, b) => (a.h < b.h ? -1 : 1));
  return withTransaction(async (db) => {
    for (const { h } of pairs) await db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`autoflow:recipient:${h}`]);
    const hashes = pairs.map((p) => p.h);
    const { rows } = await db.query<{ recipient_hash: string; n: number; mine: boolean }>(
      `SELECT recipient_hash, count(*)::int AS n, bool_or(idempotency_key = $2) AS mine
         FROM recipient_send
        WHERE recipient_hash = ANY($1) AND sent_at > now() - make_interval(hours => $3)
        GROUP BY recipient_hash`,
      [hashes, idempotencyKey, CAP_WINDOW_HOURS],
    );
    const seen = new Map(rows.map((r) => [r.recipient_hash, r]));
    const counts: number[] = [];
    const fresh: string[] = [];
    for (const { r, h } of pairs) {
      const row = seen.get(h);
      const n = row?.n ?? 0;
      if (row?.mine) {
        counts.push(n); // this message was counted by an earlier attempt
        continue;
      }
      if (n >= cap) throw new RecipientCapError(r, n, cap, channel);
      counts.push(n + 1);
      fresh.push(h);
    }
    if (fresh.length) {
      await db.query(
        `INSERT INTO recipient_send (recipient_hash, channel, idempotency_key)
         SELECT unnest($1::text[]), $2, $3
         ON CONFLICT (recipient_hash, idempotency_key) DO UPDATE SET sent_at = now()`,
        [fresh, channel, idempotencyKey],
      );
    }
    // Rows older than the window count for nothing: drop this recipient's, and now and then everyone's.
    await db.query(`DELETE FROM recipient_send WHERE recipient_hash = ANY($1) AND sent_at < now() - make_interval(hours => $2)`, [
      hashes,
      CAP_WINDOW_HOURS * 2,
    ]);
    if (Math.random() < 0.01) {
      await db.query(`DELETE FROM recipient_send WHERE sent_at < now() - make_interval(hours => $1)`, [CAP_WINDOW_HOURS * 2]);
    }
    return { recipients: pairs.map((p) => p.r), counts, cap };
  });
}

/** How many messages a recipient got in the window (for tests and the UI). */
export async function recipientCount(channel: Channel, to: string): Promise<number> {
  const [r] = recipientsOf(channel, to);
  if (!r) return 0;
  const { rows } = await pool().query<{ n: number }>(
    `SELECT count(*)::int AS n FROM recipient_send WHERE recipient_hash = $1 AND sent_at > now() - make_interval(hours => $2)`,
    [recipientHash(channel, r), CAP_WINDOW_HOURS],
  );
  return rows[0].n;
}
