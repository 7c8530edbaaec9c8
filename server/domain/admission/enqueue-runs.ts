// The last step before an execution runs: `run` jobs of up to RUN_BATCH executions, grouped by
// priority (graphile-worker starts lower job priority first) and by start time. Rules with a slow
// action (http) go to `run_slow`, which a separate pool in each worker takes, so slow endpoints
// can never occupy every worker slot while fast rules wait.
import type { Queryable } from "../../db";
import { addJobs, jobPriority, type JobSpec } from "../../jobs/add-jobs";

export const RUN_BATCH = 50;

export interface RunSpec {
  id: string;
  priority: number;
  slow?: boolean;
  runAt?: Date | null;
}

export async function enqueueRuns(db: Queryable, execs: RunSpec[]): Promise<void> {
  const groups = new Map<string, RunSpec[]>();
  for (const e of execs) {
    const key = `${e.priority}|${e.slow ? 1 : 0}|${e.runAt ? e.runAt.getTime() : ""}`;
    const list = groups.get(key) ?? [];
    list.push(e);
    groups.set(key, list);
  }
  const jobs: JobSpec[] = [];
  for (const list of groups.values()) {
    const { priority, slow, runAt } = list[0];
    for (let i = 0; i < list.length; i += RUN_BATCH) {
      jobs.push({
        task: slow ? "run_slow" : "run",
        payload: { ids: list.slice(i, i + RUN_BATCH).map((e) => e.id) },
        priority: jobPriority(priority),
        runAt: runAt ?? undefined,
      });
    }
  }
  await addJobs(db, jobs);
}
