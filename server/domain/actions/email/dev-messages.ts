// Reading the dev mailbox and SMS outbox (where email and SMS go with no real server configured),
// newest first, keyset on id.
import { z } from "zod";
import { pool } from "../../../db";
import { decodeCursor, pageInput, toPage } from "../../shared/pagination";
import { iso } from "../../shared/time";

export const listDevMessagesInput = z.object({
  channel: z.enum(["email", "sms"], { error: "'channel' must be email or sms" }),
  /** Only messages to this address or number (exact). */
  to: z.string().max(500).optional(),
  ...pageInput,
});

interface DevMessageRow {
  id: string;
  channel: string;
  to: string;
  from: string | null;
  subject: string | null;
  text: string | null;
  html: string | null;
  message_id: string | null;
  created_at: Date;
}

export async function listDevMessages(input: z.input<typeof listDevMessagesInput>) {
  const q = listDevMessagesInput.parse(input);
  const params: unknown[] = [q.channel];
  const where = ["channel = $1"];
  if (q.to) {
    params.push(q.to);
    where.push(`"to" = $${params.length}`);
  }
  const cur = decodeCursor(q.cursor, 1);
  if (cur) {
    params.push(String(cur[0]));
    where.push(`id < $${params.length}::bigint`);
  }
  params.push(q.limit + 1);
  // (channel, id DESC) index: every page is a range scan.
  const { rows } = await pool().query<DevMessageRow>(
    `SELECT id, channel, "to", "from", subject, text, html, message_id, created_at FROM dev_message
      WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(
    rows,
    q.limit,
    (r) => ({
      id: r.id,
      channel: r.channel as "email" | "sms",
      to: r.to,
      from: r.from,
      subject: r.subject,
      text: r.text,
      html: r.html,
      messageId: r.message_id,
      createdAt: iso(r.created_at)!,
    }),
    (r) => [r.id],
  );
}
