// Reading connections: settings and whether a secret is stored, never the secret.
import { z } from "zod";
import { pool } from "../../db";
import type { Actor } from "../../auth/roles";
import { connectionTypes, type ConnectionType } from "./connection-schema";
import { decodeCursor, pageInput, toPage, type Page } from "../shared/pagination";
import { CONNECTION_COLUMNS, connectionToDto, type ConnectionDto, type ConnectionRow } from "./connection-dto";
import { loadConnectionRow, requireRole } from "./connection-access";

export const listConnectionsInput = z.object({
  type: z.enum(connectionTypes as [ConnectionType, ...ConnectionType[]]).optional(),
  ...pageInput,
});

/** Sorted by name; editors may list (to pick one in a rule), admins manage. */
export async function listConnections(actor: Actor, input: z.input<typeof listConnectionsInput> = {}): Promise<Page<ConnectionDto>> {
  requireRole(actor, "editor", "reading connections");
  const q = listConnectionsInput.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  if (q.type) {
    params.push(q.type);
    where.push(`type = $${params.length}`);
  }
  const cur = decodeCursor(q.cursor, 2);
  if (cur) {
    params.push(cur[0], cur[1]);
    where.push(`(name, id) > ($${params.length - 1}, $${params.length}::uuid)`);
  }
  params.push(q.limit + 1);
  const { rows } = await pool().query<ConnectionRow>(
    `SELECT ${CONNECTION_COLUMNS} FROM connection ${where.length ? `WHERE ${where.join(" AND ")}` : ""}
     ORDER BY name, id LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, q.limit, connectionToDto, (r) => [r.name, r.id]);
}

export async function getConnection(actor: Actor, id: string): Promise<ConnectionDto> {
  requireRole(actor, "editor", "reading connections");
  return connectionToDto(await loadConnectionRow(pool(), id));
}
