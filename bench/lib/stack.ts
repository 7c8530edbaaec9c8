// One Autoflow deployment for a benchmark section: a fresh database, the built web app and worker
// processes on it, an admin API token and a keep-alive client. Everything stopped by PID.
import pg from "pg";
import { hashToken, generateToken } from "../../server/auth/api-tokens";
import type { BenchServer } from "./database";
import { ApiClient } from "./http-client";
import { prepareApp, spawnWebProcess, spawnWorkerProcess, waitForWorkers, type ManagedProcess } from "./processes";

export interface StackOptions {
  dbName: string;
  port: number;
  workers: number;
  workerEnv?: Record<string, string>;
  webEnv?: Record<string, string>;
  workerNodeArgs?: string[];
  webNodeArgs?: string[];
  /** false: no web process (chaos scenarios that post events through their own door). */
  web?: boolean;
  log?: (s: string) => void;
}

export interface Stack {
  url: string;
  pool: pg.Pool;
  web: ManagedProcess | null;
  workers: ManagedProcess[];
  client: ApiClient;
  token: string;
  addWorker(env?: Record<string, string>): Promise<ManagedProcess>;
  peakRss(): { webMb: number | null; workerMb: number[] };
  stop(): Promise<void>;
}

export async function createToken(db: pg.Pool | pg.Client, role = "admin"): Promise<string> {
  const token = generateToken();
  await db.query(`INSERT INTO api_token (name, token_hash, prefix, role, created_by) VALUES ($1, $2, $3, $4::"Role", 'bench')`, [
    `bench-${role}`,
    hashToken(token),
    token.slice(0, 8),
    role,
  ]);
  return token;
}

export async function startStack(server: BenchServer, o: StackOptions): Promise<Stack> {
  await prepareApp(o.log ?? (() => {}));
  const url = await server.fresh(o.dbName);
  const pool = new pg.Pool({ connectionString: url, max: 6 });
  pool.on("error", () => {});
  const token = await createToken(pool);
  const workers: ManagedProcess[] = [];
  const exitedWorkers: ManagedProcess[] = [];
  let web: ManagedProcess | null = null;
  const stopAll = async () => {
    await Promise.all([...workers.map((w) => w.stop()), web?.stop()]);
  };
  try {
    if (o.web !== false) {
      web = await spawnWebProcess({ databaseUrl: url, port: o.port, env: o.webEnv, nodeArgs: o.webNodeArgs });
    }
    const addWorker = async (env?: Record<string, string>) => {
      const w = spawnWorkerProcess({ databaseUrl: url, env: { ...(o.workerEnv ?? {}), ...(env ?? {}) }, nodeArgs: o.workerNodeArgs, name: `worker${workers.length + exitedWorkers.length + 1}` });
      workers.push(w);
      return w;
    };
    for (let i = 0; i < o.workers; i++) await addWorker();
    if (o.workers) await waitForWorkers((s) => pool.query(s), o.workers);
    const client = new ApiClient(o.port, token);
    return {
      url,
      pool,
      web,
      workers,
      client,
      token,
      addWorker: async (env) => {
        const w = await addWorker(env);
        await waitForPid(pool, w);
        return w;
      },
      peakRss: () => ({ webMb: web?.peakRssMb() ?? null, workerMb: workers.map((w) => w.peakRssMb()) }),
      async stop() {
        client.close();
        await stopAll();
        await pool.end().catch(() => {});
      },
    };
  } catch (err) {
    await stopAll();
    await pool.end().catch(() => {});
    throw err;
  }
}

/** Resolves once this worker process has written its first heartbeat. */
export async function waitForPid(pool: pg.Pool, w: ManagedProcess, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 1000 && Date.now() < deadline; i++) {
    if (w.exited()) throw new Error(`${w.name} exited: ${w.output().slice(-2000)}`);
    const { rows } = await pool.query(`SELECT 1 FROM worker_heartbeat WHERE pid = $1`, [w.pid]).catch(() => ({ rows: [] as unknown[] }));
    if (rows.length) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`${w.name} wrote no heartbeat in ${timeoutMs} ms`);
}

export async function createRule(client: ApiClient, doc: Record<string, unknown>, enable = true): Promise<string> {
  const r = await client.request("POST", "/rules", doc);
  if (r.status !== 201) throw new Error(`creating a rule answered ${r.status}: ${JSON.stringify(r.body)}`);
  if (enable) {
    const e = await client.request("POST", `/rules/${r.body.id}/enable`);
    if (e.status !== 200) throw new Error(`enabling a rule answered ${e.status}: ${JSON.stringify(e.body)}`);
  }
  return r.body.id as string;
}

export const notifyAction = (title: string) => ({ type: "notify", params: { title, body: "Order {{payload.n}}" } });

export function eventRule(event: string, actionCount: number): Record<string, unknown> {
  return {
    name: `bench ${event} (${actionCount} action${actionCount > 1 ? "s" : ""})`,
    trigger: { type: "event", event },
    actions: Array.from({ length: actionCount }, (_, i) => notifyAction(`step ${i + 1}`)),
  };
}
