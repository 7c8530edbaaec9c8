// Update a connection's name, settings or secret. The type is fixed (settings of one type mean
// nothing to another); a missing secret keeps the stored one, so forms need not re-enter it.
import { withTransaction } from "../../db";
import { AppError, invalidDocument, zodIssues } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "./secret-box";
import { parseConnectionConfig, secretProblem, updateConnectionInput, type ConnectionType } from "./connection-schema";
import { auditView, CONNECTION_COLUMNS, connectionToDto, type ConnectionDto, type ConnectionRow } from "./connection-dto";
import { loadConnectionRow, nameConflict, requireRole } from "./connection-access";

export async function updateConnection(actor: Actor, id: string, input: unknown): Promise<ConnectionDto> {
  requireRole(actor, "admin", "managing connections");
  const parsed = updateConnectionInput.safeParse(input);
  if (!parsed.success) throw invalidDocument(parsed.error, "connection");
  const u = parsed.data;
  try {
    return await withTransaction(async (db) => {
      const before = connectionToDto(await loadConnectionRow(db, id, true));
      const type = before.type as ConnectionType;
      let config = before.config;
      if (u.config !== undefined) {
        const checked = parseConnectionConfig(type, u.config);
        if (!checked.success) {
          const issues = zodIssues(checked.error).map((i) => ({ ...i, path: i.path ? `config.${i.path}` : "config" }));
          throw new AppError("INVALID_DOCUMENT", `Invalid connection: ${issues[0].path}: ${issues[0].message}`, issues);
        }
        config = checked.data as Record<string, unknown>;
      }
      // null clears the secret (where the type can do without); undefined keeps it.
      const problem = secretProblem(type, u.secret, false);
      if (problem) throw new AppError("INVALID_DOCUMENT", `Invalid connection: ${problem}`, [{ path: "secret", message: problem }]);

      const secretSql = u.secret === undefined ? "secret_enc" : "$4";
      const params: unknown[] = [id, u.name ?? before.name, JSON.stringify(config)];
      if (u.secret !== undefined) params.push(u.secret === null ? null : encryptSecret(u.secret));
      const { rows } = await db.query<ConnectionRow>(
        `UPDATE connection SET name = $2, config = $3, secret_enc = ${secretSql}, updated_at = now() WHERE id = $1
         RETURNING ${CONNECTION_COLUMNS}`,
        params,
      );
      const after = connectionToDto(rows[0]);
      await recordAudit(db, {
        actor,
        action: "connection.update",
        entity: "connection",
        entityId: id,
        before: auditView(before),
        after: { ...auditView(after), secretChanged: u.secret !== undefined },
      });
      return after;
    });
  } catch (err) {
    throw nameConflict(err, u.name ?? "");
  }
}
