// Incidents, newest first (keyset on id), with how each notice was delivered.
import { z } from "zod";
import { pool } from "../../db";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { iso } from "../shared/time";
import type { Notices } from "./deliver-notices";

export const listIncidentsInput = z.object({
  status: z.enum(["open", "resolved"]).optional(),
  alertId: z.uuid().optional(),
  ...pageInput,
});

export async function listIncidents(input: z.input<typeof listIncidentsInput> = {}) {
  const q = listIncidentsInput.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (q.status) add("status = ?", q.status);
  if (q.alertId) add("alert_rule_id = ?::uuid", q.alertId);
  const cur = decodeCursor(q.cursor, 1);
  if (cur) add("id < ?::bigint", String(cur[0]));
  params.push(q.limit + 1);
  const { rows } = await pool().query(
    `SELECT id, alert_rule_id, alert_name, kind, status, opened_at, resolved_at, summary, details, resolution, notices, pending
       FROM alert_incident ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(
    rows,
    q.limit,
    (r) => {
      const notices = (r.notices ?? {}) as Notices;
      const summarise = (k: "open" | "resolved") =>
        notices[k]?.suppressed
          ? { suppressed: true, channels: [] }
          : { suppressed: false, channels: (notices[k]?.channels ?? []).map((c) => ({ type: c.type, target: c.target, status: c.status, attempts: c.attempts, sentAt: c.sentAt ?? null, lastError: c.lastError ?? null })) };
      return {
        id: r.id as string,
        alertId: r.alert_rule_id as string | null,
        alertName: r.alert_name as string,
        kind: r.kind as string,
        status: r.status as "open" | "resolved",
        openedAt: iso(r.opened_at)!,
        resolvedAt: iso(r.resolved_at),
        summary: r.summary as string,
        details: r.details as Record<string, unknown> | null,
        resolution: r.resolution as Record<string, unknown> | null,
        notices: { open: summarise("open"), resolved: summarise("resolved"), pending: Boolean(r.pending) },
      };
    },
    (r) => [r.id],
  );
}
