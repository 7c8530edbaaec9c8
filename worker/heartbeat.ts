// Crash recovery. graphile-worker leaves a dead process's jobs locked for 4 hours; instead every
// worker process writes a heartbeat, and any live one force-unlocks the jobs of a process whose
// heartbeat is older than STALE_MS — a crash costs seconds, not hours.
import os from "node:os";
import type { WorkerUtils } from "graphile-worker";
import type { Logger } from "pino";
import { pool } from "../server/db";
import { SWEEP_MS, type HeldJobs } from "./held-jobs";

export const HEARTBEAT_MS = 2_000;
export const STALE_MS = 10_000;

export class Heartbeat {
  private timer?: NodeJS.Timeout;
  private readonly ids = new Set<string>();

  constructor(
    readonly workerId: string,
    private readonly utils: WorkerUtils,
    private readonly log: Logger,
    private readonly held?: HeldJobs,
  ) {}

  addGraphileId(id: string): void {
    this.ids.add(id);
  }

  get graphileIds(): string[] {
    return [...this.ids];
  }

  async beat(): Promise<void> {
    await pool().query(
      `INSERT INTO worker_heartbeat (worker_id, pid, hostname, graphile_ids, last_seen_at) VALUES ($1, $2, $3, $4, now())
       ON CONFLICT (worker_id) DO UPDATE SET last_seen_at = now(), graphile_ids = EXCLUDED.graphile_ids`,
      [this.workerId, process.pid, os.hostname(), [...this.ids]],
    );
  }

  /** Unlocks the jobs of processes that stopped beating, then forgets them. */
  async sweep(): Promise<number> {
    const { rows } = await pool().query<{ worker_id: string; graphile_ids: string[] }>(
      `SELECT worker_id, graphile_ids FROM worker_heartbeat
        WHERE last_seen_at < now() - make_interval(secs => $1::float / 1000) AND worker_id <> $2
        FOR UPDATE SKIP LOCKED`,
      [STALE_MS, this.workerId],
    );
    if (rows.length === 0) return 0;
    const ids = rows.flatMap((r) => r.graphile_ids);
    if (ids.length) await this.utils.forceUnlockWorkers(ids);
    await pool().query(`DELETE FROM worker_heartbeat WHERE worker_id = ANY($1::text[])`, [rows.map((r) => r.worker_id)]);
    this.log.warn({ workers: rows.map((r) => r.worker_id), unlocked: ids.length }, "unlocked the jobs of dead workers");
    return rows.length;
  }

  start(): void {
    let ticks = 0;
    // After a database outage every process's heartbeat is stale at once; the first one back must
    // not take the others for dead (they are alive, running their jobs). So dead workers are only
    // swept once this process has itself been beating for STALE_MS without a failure: by then a
    // live process has beaten too.
    let healthySince: number | null = null;
    const tick = async () => {
      try {
        await this.beat();
        healthySince ??= Date.now();
        if (Date.now() - healthySince >= STALE_MS) await this.sweep();
        // Our own jobs left locked by a database outage (see held-jobs.ts).
        if (this.held && ++ticks % Math.max(1, Math.round(SWEEP_MS / HEARTBEAT_MS)) === 0) await this.held.sweep(this.graphileIds);
      } catch (err) {
        healthySince = null;
        this.log.warn({ err }, "heartbeat failed (database unreachable?)");
      }
    };
    this.timer = setInterval(tick, HEARTBEAT_MS);
    this.timer.unref();
    void tick();
  }

  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await pool().query(`DELETE FROM worker_heartbeat WHERE worker_id = $1`, [this.workerId]).catch(() => {});
  }
}
