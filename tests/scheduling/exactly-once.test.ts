// Three worker processes, 100 rules firing every second for 60 s: every (rule, second) fires
// exactly once — no duplicates, no gaps, one execution and one side effect per fire.
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { api } from "../helpers/api";
import { spawnWorker, waitForWorkers, type WorkerProcess } from "../helpers/worker-process";

const RULES = Number(process.env.AUTOFLOW_TEST_SCHEDULE_RULES ?? 100);
const SECONDS = Number(process.env.AUTOFLOW_TEST_SCHEDULE_SECONDS ?? 60);
const workers: WorkerProcess[] = [];

afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
});

describe("exactly once across worker processes", () => {
  it(`${RULES} per-second rules for ${SECONDS} s on three workers`, { timeout: (SECONDS + 120) * 1000 }, async () => {
    for (let i = 0; i < 3; i++) workers.push(spawnWorker());
    await waitForWorkers((s) => pool().query(s), 3);

    const ids: string[] = [];
    for (let i = 0; i < RULES; i++) {
      const r = await api("POST", "/rules", {
        body: {
          name: `every second ${i}`,
          trigger: { type: "cron", cron: "* * * * * *", timezone: "UTC" },
          actions: [{ type: "notify", params: { title: "tick", body: "{{payload.scheduledFor}}" } }],
        },
      });
      expect(r.status).toBe(201);
      ids.push(r.body.id);
    }
    await Promise.all(ids.map((id) => api("POST", `/rules/${id}/enable`)));
    await new Promise((r) => setTimeout(r, SECONDS * 1000));
    await Promise.all(ids.map((id) => api("POST", `/rules/${id}/disable`)));
    // let in-flight executions finish
    await new Promise((r) => setTimeout(r, 5000));

    const fires = await pool().query<{ rule_id: string; n: number; distinct_n: number; first: Date; last: Date; not_fired: number; with_exec: number }>(
      `SELECT rule_id, count(*)::int AS n, count(DISTINCT scheduled_for)::int AS distinct_n, min(scheduled_for) AS first, max(scheduled_for) AS last,
              count(*) FILTER (WHERE outcome <> 'fired')::int AS not_fired, count(execution_id)::int AS with_exec
         FROM rule_fire WHERE rule_id = ANY($1::uuid[]) GROUP BY rule_id`,
      [ids],
    );
    expect(fires.rows).toHaveLength(RULES);
    let total = 0;
    for (const f of fires.rows) {
      const span = Math.round((f.last.getTime() - f.first.getTime()) / 1000) + 1;
      expect(f.n, `rule ${f.rule_id}: fires = seconds in its span (no gap, no duplicate)`).toBe(span);
      expect(f.distinct_n).toBe(f.n);
      expect(f.not_fired).toBe(0);
      expect(f.with_exec).toBe(f.n);
      expect(f.n).toBeGreaterThanOrEqual(SECONDS - 5);
      total += f.n;
    }
    const execs = await pool().query<{ status: string; n: number }>(
      `SELECT status, count(*)::int AS n FROM task_execution WHERE rule_id = ANY($1::uuid[]) GROUP BY status`,
      [ids],
    );
    expect(Object.fromEntries(execs.rows.map((r) => [r.status, r.n]))).toEqual({ success: total });
    const notes = await pool().query<{ n: number; d: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT n.execution_id)::int AS d FROM notification n
         JOIN task_execution e ON e.execution_id = n.execution_id WHERE e.rule_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(notes.rows[0]).toEqual({ n: total, d: total });
  });
});
