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
  genericPlanPool?: pg.Pool;
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

/**
 * A small pool whose sessions plan each prepared statement once (plan_cache_mode =
 * force_generic_plan), for the hot path's group commits: the event door's commit
 * (ingest-events.ts), dispatch (worker/tasks/dispatch.ts) and the run engine's outcome writes
 * (run-executions.ts). Postgres otherwise re-plans a prepared statement on every execution while
 * it expects a plan for the actual values to be cheaper, and these statements — keyed by id arrays
 * and JSON recordsets, whose plans do not depend on the values — spent about as long being planned
 * as being run (bench/profile.ts with pg_stat_statements.track_planning: ~0.5 ms of Postgres CPU
 * per execution with one event per request, graphile_worker.add_jobs' own statements included).
 * Few connections, so each plan is made a few times, not once per connection of pool(). Only for
 * statements checked to need no value-specific plan (no optional filters, no skewed columns
 * filtered by a parameter); everything else uses pool().
 */
export function genericPlanPool(): pg.Pool {
  if (!handles.genericPlanPool) {
    handles.genericPlanPool = new pg.Pool({
      connectionString: databaseUrl(),
      max: 4,
      idleTimeoutMillis: 30_000,
      allowExitOnIdle: true,
      options: "-c plan_cache_mode=force_generic_plan",
    });
    handles.genericPlanPool.on("error", () => {});
    handles.genericPlanPool.on("connect", (client) => client.on("error", () => {}));
  }
  return handles.genericPlanPool;
}

export function prisma(): PrismaClient {
  if (!handles.prisma) {
    const adapter = new PrismaPg({ connectionString: databaseUrl(), max: 10 });
    handles.prisma = new PrismaClient({ adapter });
  }
  return handles.prisma;
}

export type Queryable = Pick<pg.Pool | pg.PoolClient, "query">;

/**
 * Runs fn in one transaction on a dedicated client; rolls back on any error. `genericPlans`: on a
 * connection of genericPlanPool() (see there; only for statements checked for it).
 */
export async function withTransaction<T>(fn: (client: pg.PoolClient) => Promise<T>, opts: { genericPlans?: boolean } = {}): Promise<T> {
  const client = await (opts.genericPlans ? genericPlanPool() : pool()).connect();
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
  const { pool: p, genericPlanPool: ip, prisma: c } = handles;
  handles.pool = undefined;
  handles.genericPlanPool = undefined;
  handles.prisma = undefined;
  await Promise.allSettled([p?.end(), ip?.end(), c?.$disconnect()]);
}
