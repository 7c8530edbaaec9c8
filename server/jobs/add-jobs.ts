// Enqueue graphile-worker jobs with SQL on the caller's connection, so a job exists exactly when
// the transaction that made its work commits (nothing is enqueued for a rolled-back write).
import type { Queryable } from "../db";

export interface JobSpec {
  task: "dispatch" | "run" | "fire" | "threshold" | "maintenance" | (string & {});
  payload: unknown;
  runAt?: Date | null;
  jobKey?: string | null;
  /** graphile-worker priority: LOWER runs first. Use `jobPriority(rulePriority)`. */
  priority?: number | null;
  queueName?: string | null;
  maxAttempts?: number | null;
}

/** Rule priority (−100…100, higher first) → graphile-worker priority (lower first). */
export function jobPriority(rulePriority: number): number {
  return -rulePriority;
}

export async function addJobs(db: Queryable, jobs: JobSpec[]): Promise<void> {
  if (jobs.length === 0) return;
  const specs = jobs.map((j) => ({
    identifier: j.task,
    payload: j.payload,
    run_at: j.runAt ? j.runAt.toISOString() : null,
    job_key: j.jobKey ?? null,
    priority: j.priority ?? 0,
    queue_name: j.queueName ?? null,
    max_attempts: j.maxAttempts ?? 25,
  }));
  await db.query({
    name: "autoflow_add_jobs",
    text: `SELECT graphile_worker.add_jobs(
       array(SELECT json_populate_record(null::graphile_worker.job_spec, x) FROM json_array_elements($1::json) x))`,
    values: [JSON.stringify(specs)],
  });
}

/** Removes a pending job by key (a disabled rule's next fire). A running job is left to finish. */
export async function removeJob(db: Queryable, jobKey: string): Promise<void> {
  await db.query("SELECT graphile_worker.remove_job($1)", [jobKey]);
}
