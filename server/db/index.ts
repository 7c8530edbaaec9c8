// Database handles shared by every process: a pg Pool for set-based SQL on hot paths (and for
// graphile-worker), and a Prisma client (driver adapter over pg) for CRUD screens.
import pg from "pg";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "../generated/prisma/client";
import { databaseUrl } from "../env";

// bigint (int8) columns come back as strings: ids are strings in every API answer.
pg.types.setTypeParser(20, (v) => v);

interface Handles {
  pool?: pg.Pool;
  prisma?: PrismaClient;
}
// Next.js dev reloads modules; keep one set of handles per process.
const g = globalThis as unknown as { __autoflowDb?: Handles };
const handles: Handles = (g.__autoflowDb ??= {});

export function pool(): pg.Pool {
  if (!handles.pool) {
    handles.pool = new pg.Pool({
      connectionString: databaseUrl(),
      max: Number(process.env.AUTOFLOW_PG_POOL_MAX ?? 20),
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
    });
    // An idle client losing its connection (Postgres restart) must not crash the process.
    handles.pool.on("error", () => {});
    handles.pool.on("connect", (client) => client.on("error", () => {}));
  }
  return handles.pool;
}

export function prisma(): PrismaClient {
  if (!handles.prisma) {
    const adapter = new PrismaPg({ connectionString: databaseUrl(), max: 10 });
    handles.prisma = new PrismaClient({ adapter });
  }
  return handles.prisma;
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/** Runs fn in one transaction on a dedicated client; rolls back on any error. */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool().connect();
  try {
    await client.query("BEGIN");
    const result = await fn(client);
    await client.query("COMMIT");
    return result;
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    throw err;
  } finally {
    client.release();
  }
}

export async function closeDb(): Promise<void> {
  const { pool: p, prisma: c } = handles;
  handles.pool = undefined;
  handles.prisma = undefined;
  await Promise.allSettled([p?.end(), c?.$disconnect()]);
}
