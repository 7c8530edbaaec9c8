// Create a connection: settings in `config`, the secret encrypted at rest, an audit row that
// records that a secret was set but never its value.
import crypto from "node:crypto";
import { withTransaction } from "../../db";
import { invalidDocument } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "./secret-box";
import { createConnectionInput } from "./connection-schema";
import { auditView, CONNECTION_COLUMNS, connectionToDto, type ConnectionDto, type ConnectionRow } from "./connection-dto";
import { nameConflict, requireRole } from "./connection-access";

export async function createConnection(actor: Actor, input: unknown): Promise<ConnectionDto> {
  requireRole(actor, "admin", "managing connections");
  const parsed = createConnectionInput.safeParse(input);
  if (!parsed.success) throw invalidDocument(parsed.error, "connection");
  const c = parsed.data;
  try {
    return await withTransaction(async (db) => {
      const { rows } = await db.query<ConnectionRow>(
        `INSERT INTO connection (id, name, type, config, secret_enc, updated_at) VALUES ($1, $2, $3, $4, $5, now())
         RETURNING ${CONNECTION_COLUMNS}`,
        [crypto.randomUUID(), c.name, c.type, JSON.stringify(c.config), c.secret === undefined ? null : encryptSecret(c.secret)],
      );
      const dto = connectionToDto(rows[0]);
      await recordAudit(db, { actor, action: "connection.create", entity: "connection", entityId: dto.id, after: auditView(dto) });
      return dto;
    });
  } catch (err) {
    throw nameConflict(err, c.name);
  }
}
