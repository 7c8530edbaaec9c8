// Reading in-app notifications (written by the notify action). A notification addressed to a
// role is shown to that role and every role above it; read state is kept per notification.
import { z } from "zod";
import { pool } from "../../../db";
import { roles, type Actor, type Role } from "../../../auth/roles";
import { decodeCursor, pageInput, toPage } from "../../shared/pagination";
import { iso } from "../../shared/time";

/** The roles whose notifications `role` sees: its own and every lower one. */
export function visibleRoles(role: Role): Role[] {
  return roles.slice(0, roles.indexOf(role) + 1);
}

export const listNotificationsInput = z.object({
  unread: z
    .union([z.boolean(), z.enum(["true", "false"]).transform((s) => s === "true")])
    .optional(),
  ...pageInput,
});

interface NotificationRow {
  id: string;
  title: string;
  body: string;
  role: Role;
  execution_id: string | null;
  created_at: Date;
  read_at: Date | null;
}

export async function listNotifications(actor: Actor, input: z.input<typeof listNotificationsInput> = {}) {
  const q = listNotificationsInput.parse(input);
  const params: unknown[] = [visibleRoles(actor.role)];
  const where = [`role = ANY($1::"Role"[])`];
  if (q.unread !== undefined) where.push(q.unread ? "read_at IS NULL" : "read_at IS NOT NULL");
  const cur = decodeCursor(q.cursor, 1);
  if (cur) {
    params.push(String(cur[0]));
    where.push(`id < $${params.length}::bigint`);
  }
  params.push(q.limit + 1);
  const { rows } = await pool().query<NotificationRow>(
    `SELECT id, title, body, role, execution_id, created_at, read_at FROM notification
      WHERE ${where.join(" AND ")} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(
    rows,
    q.limit,
    (r) => ({
      id: r.id,
      title: r.title,
      body: r.body,
      role: r.role,
      executionId: r.execution_id,
      createdAt: iso(r.created_at)!,
      readAt: iso(r.read_at),
    }),
    (r) => [r.id],
  );
}

export const markNotificationsReadInput = z.union([
  z.strictObject({ ids: z.array(z.string().regex(/^\d{1,19}$/, "ids are notification ids")).min(1).max(200) }),
  z.strictObject({ all: z.literal(true) }),
]);

/** Marks the given notifications (or all the caller can see) read; ones it cannot see are left alone. */
export async function markNotificationsRead(actor: Actor, input: z.input<typeof markNotificationsReadInput>) {
  const q = markNotificationsReadInput.parse(input);
  const { rowCount } = await pool().query(
    `UPDATE notification SET read_at = now()
      WHERE role = ANY($1::"Role"[]) AND read_at IS NULL ${"ids" in q ? "AND id = ANY($2::bigint[])" : ""}`,
    "ids" in q ? [visibleRoles(actor.role), q.ids] : [visibleRoles(actor.role)],
  );
  return { updated: rowCount ?? 0 };
}
