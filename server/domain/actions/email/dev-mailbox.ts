// The dev mailbox and SMS outbox: with no real server configured, messages are kept in
// dev_message, where the UI shows them. message_id is unique, so a repeated attempt of the same
// action stores nothing new and answers the row the first attempt stored.
import type { Queryable } from "../../../db";

export interface DevMessage {
  channel: "email" | "sms";
  to: string;
  from?: string | null;
  subject?: string | null;
  text?: string | null;
  html?: string | null;
  messageId: string;
}

export async function saveDevMessage(db: Queryable, m: DevMessage): Promise<{ id: string; duplicate: boolean }> {
  const inserted = await db.query<{ id: string }>(
    `INSERT INTO dev_message (channel, "to", "from", subject, text, html, message_id) VALUES ($1, $2, $3, $4, $5, $6, $7)
     ON CONFLICT (message_id) DO NOTHING RETURNING id`,
    [m.channel, m.to, m.from ?? null, m.subject ?? null, m.text ?? null, m.html ?? null, m.messageId],
  );
  if (inserted.rows[0]) return { id: inserted.rows[0].id, duplicate: false };
  const existing = await db.query<{ id: string }>(`SELECT id FROM dev_message WHERE message_id = $1`, [m.messageId]);
  return { id: existing.rows[0]?.id ?? "", duplicate: true };
}
