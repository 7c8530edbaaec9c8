// Jobs this process holds, and the sweep that frees the ones it holds only on paper.
//
// graphile-worker locks a job in the database when it fetches it and unlocks it by deleting it
// (done) or by a failure/return update. When the database goes away at the wrong moment — the
// fetch committed but its answer was lost, or recording a completion failed — the row stays
// locked by this process's pool while the process lives on and its heartbeat stays fresh, so no
// other worker unlocks it (bench/chaos.ts, "restart Postgres for 20 s": 5,125 executions stuck
// behind 6 such jobs). graphile would free them only after 4 hours.
//
// So every process tracks the jobs it really holds (fetched into a local queue or running) from
// graphile's events, and every SWEEP_MS unlocks rows locked by its own graphile ids for more than
// GRACE_MS that it does not hold. The grace covers the instant between a fetch's commit and its
// event; a job that runs long stays held the whole time, so it is never taken from under a task.
// Unlocking a job whose task did finish is harmless: every task is idempotent (a run job finds its
// executions final, a fire job finds its fire recorded).
import type { EventEmitter } from "node:events";
import type { Logger } from "pino";
import { pool } from "../server/db";

export const SWEEP_MS = 5_000;
export const GRACE_MS = 10_000;

interface JobLike {
  id: string;
}

export class HeldJobs {
  private readonly held = new Set<string>();

  constructor(private readonly log: Logger) {}

  /** Follows one runner's events (call before the runner starts). */
  track(events: EventEmitter): void {
    const add = (jobs: readonly JobLike[]) => jobs.forEach((j) => this.held.add(String(j.id)));
    const drop = (jobs: readonly JobLike[]) => jobs.forEach((j) => this.held.delete(String(j.id)));
    events.on("localQueue:getJobs:complete", ({ jobs }: { jobs: JobLike[] }) => add(jobs));
    events.on("job:start", ({ job }: { job: JobLike }) => add([job]));
    events.on("job:complete", ({ job }: { job: JobLike }) => drop([job]));
    events.on("localQueue:returnJobs", ({ jobs }: { jobs: JobLike[] }) => drop(jobs));
  }

  get size(): number {
    return this.held.size;
  }

  /** Unlocks the jobs locked by `graphileIds` (this process) that it does not hold; returns how many. */
  async sweep(graphileIds: readonly string[]): Promise<number> {
    if (graphileIds.length === 0) return 0;
    const { rows } = await pool().query<{ id: string }>(
      `UPDATE graphile_worker._private_jobs SET locked_at = NULL, locked_by = NULL
        WHERE locked_by = ANY($1::text[]) AND locked_at < now() - make_interval(secs => $2::float / 1000)
          AND NOT (id = ANY($3::bigint[]))
       RETURNING id`,
      [graphileIds, GRACE_MS, [...this.held]],
    );
    if (rows.length) this.log.warn({ unlocked: rows.map((r) => r.id) }, "unlocked jobs this worker no longer holds (lost in a database outage)");
    return rows.length;
  }
}
