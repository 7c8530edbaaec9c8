import { z } from "zod";
import { pool } from "../../db";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { iso, isStorableInstant, STORABLE_INSTANT_MESSAGE } from "../shared/time";

export const listAuditInput = z.object({
  entity: z.string().max(100).optional(),
  actor: z.string().max(300).optional(),
  from: z.iso.datetime({ offset: true }).refine(isStorableInstant, STORABLE_INSTANT_MESSAGE).optional(),
  to: z.iso.datetime({ offset: true }).refine(isStorableInstant, STORABLE_INSTANT_MESSAGE).optional(),
  ...pageInput,
});

export async function listAudit(input: z.input<typeof listAuditInput>) {
  const q = listAuditInput.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (q.entity) add("entity = ?", q.entity);
  if (q.actor) add("actor = ?", q.actor);
  if (q.from) add("at >= ?", q.from);
  if (q.to) add("at < ?", q.to);
  const cur = decodeCursor(q.cursor, 1);
  if (cur) add("id < ?::bigint", String(cur[0]));
  params.push(q.limit + 1);
  const { rows } = await pool().query(
    `SELECT id, at, actor, action, entity, entity_id, before, after FROM audit_log
      ${where.length ? "WHERE " + where.join(" AND ") : ""} ORDER BY id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(
    rows,
    q.limit,
    (r) => ({ id: r.id as string, at: iso(r.at)!, actor: r.actor as string, action: r.action as string, entity: r.entity as string, entityId: r.entity_id as string | null, before: r.before, after: r.after }),
    (r) => [r.id],
  );
}
