// Delete a connection. Refused while a live rule's action names it (by id or name): that rule
// would otherwise fail on its next run with a configuration error nobody saw coming.
import { withTransaction } from "../../db";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { auditView, connectionToDto } from "./connection-dto";
import { loadConnectionRow, requireRole } from "./connection-access";

export async function deleteConnection(actor: Actor, id: string): Promise<void> {
  requireRole(actor, "admin", "managing connections");
  await withTransaction(async (db) => {
    const before = connectionToDto(await loadConnectionRow(db, id, true));
    const { rows: users } = await db.query<{ name: string }>(
      `SELECT name FROM automation_rule
        WHERE deleted_at IS NULL
          AND jsonb_path_exists(actions_config, '$[*].params.connectionId ? (@ == $id || @ == $name)', jsonb_build_object('id', $1::text, 'name', $2::text))
        ORDER BY name LIMIT 5`,
      [id, before.name],
    );
    if (users.length) {
      throw new AppError(
        "CONFLICT",
        `connection '${before.name}' is used by rule${users.length > 1 ? "s" : ""} ${users.map((u) => `'${u.name}'`).join(", ")}; change ${users.length > 1 ? "them" : "it"} first`,
      );
    }
    await db.query(`DELETE FROM connection WHERE id = $1`, [id]);
    await recordAudit(db, { actor, action: "connection.delete", entity: "connection", entityId: id, before: auditView(before) });
  });
}
