// The one read path that decrypts a connection's secret, for actions about to use it. Anything it
// returns must stay inside the action: the secret never goes into outputs, logs or details.
import type { Queryable } from "../../db";
import { configError } from "../actions/plugin";
import { decryptSecret } from "./secret-box";
import { connectionTypes, parseConnectionConfig, type ConnectionConfig, type ConnectionType } from "./connection-schema";

export const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export interface LoadedConnection<T extends ConnectionType = ConnectionType> {
  id: string;
  name: string;
  type: T;
  config: ConnectionConfig<T>;
  secret: string | null;
}

/** By id, or by name (rules may name a connection, which survives export/import between installs). */
export async function loadConnection(db: Queryable, idOrName: string): Promise<LoadedConnection> {
  const byId = UUID.test(idOrName);
  const { rows } = await db.query<{ id: string; name: string; type: string; config: unknown; secret_enc: string | null }>(
    `SELECT id, name, type, config, secret_enc FROM connection WHERE ${byId ? "id = $1::uuid" : "name = $1"}`,
    [idOrName],
  );
  const row = rows[0];
  if (!row) throw configError(`connection '${idOrName}' does not exist`);
  if (!connectionTypes.includes(row.type as ConnectionType)) {
    throw configError(`connection '${row.name}' has an unknown type '${row.type}'`);
  }
  const type = row.type as ConnectionType;
  const config = parseConnectionConfig(type, row.config);
  if (!config.success) {
    throw configError(`connection '${row.name}' is not valid: ${config.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}`);
  }
  let secret: string | null = null;
  if (row.secret_enc) {
    try {
      secret = decryptSecret(row.secret_enc);
    } catch {
      // Usually AUTOFLOW_SECRET changed since the secret was saved; re-entering it fixes that.
      throw configError(`the secret of connection '${row.name}' cannot be decrypted (was AUTOFLOW_SECRET changed?); save it again`);
    }
  }
  return { id: row.id, name: row.name, type, config: config.data as ConnectionConfig, secret };
}

/** loadConnection, checked to be of the type an action needs. */
export async function loadConnectionOfType<T extends ConnectionType>(db: Queryable, idOrName: string, type: T, forWhat: string) {
  const c = await loadConnection(db, idOrName);
  if (c.type !== type) throw configError(`${forWhat} needs a ${type} connection; '${c.name}' is ${c.type}`);
  return c as unknown as LoadedConnection<T>;
}
