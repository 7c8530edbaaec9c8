// Connections hold credentials: admins manage them (spec: "admin also manages … connections");
// editors may read the settings (never the secret) to pick one in a rule.
import { hasRole, type Actor, type Role } from "../../auth/roles";
import { AppError } from "../../errors";
import type { Queryable } from "../../db";
import { CONNECTION_COLUMNS, type ConnectionRow } from "./connection-dto";
import { UUID } from "./load-connection";

export function requireRole(actor: Actor, role: Role, what: string): void {
  if (!hasRole(actor.role, role)) throw new AppError("FORBIDDEN", `${what} needs the ${role} role`);
}

export async function loadConnectionRow(db: Queryable, id: string, forUpdate = false): Promise<ConnectionRow> {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", `connection ${id} not found`);
  const { rows } = await db.query<ConnectionRow>(
    `SELECT ${CONNECTION_COLUMNS} FROM connection WHERE id = $1 ${forUpdate ? "FOR UPDATE" : ""}`,
    [id],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND", `connection ${id} not found`);
  return rows[0];
}

/** A second connection with the same name: 409 instead of a raw unique-violation. */
export function nameConflict(err: unknown, name: string): unknown {
  if ((err as { code?: string })?.code === "23505") return new AppError("CONFLICT", `a connection named '${name}' already exists`);
  return err;
}
