// The set-based fire (server/domain/scheduler/fire-due-rules.ts), without a worker process: 300
// rules booked for the same second are fired by two batches racing each other and by some of the
// rules' own fireRule calls, each exactly once with one execution; a rule whose row another
// transaction holds is skipped by the batches and then fired by its own fireRule. And one batch
// applies each rule's own policies: a `once` rule ends, overlap skip / queue, several due times.
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { fireDueRules } from "../../server/domain/scheduler/fire-due-rules";
import { fireRule } from "../../server/domain/scheduler/fire-rule";
import { api } from "../helpers/api";

const RULES = 300;
const DAY = 86_400_000;
const ids: string[] = [];
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

afterAll(async () => {
  for (let i = 0; i < ids.length; i += 20) await Promise.all(ids.slice(i, i + 20).map((id) => api("POST", `/rules/${id}/disable`)));
});

const dbNow = async () => (await pool().query<{ now: Date }>("SELECT clock_timestamp() AS now")).rows[0].now;

describe("fireDueRules", () => {
  it(`${RULES} rules due at the same second: two racing batches and their own jobs fire each once`, { timeout: 120_000 }, async () => {
    // A daily cron (UTC, with seconds) for one second far enough ahead to create and enable them all.
    const T = new Date(Math.ceil((await dbNow()).getTime() / 1000) * 1000 + 25_000);
    const cron = `${T.getUTCSeconds()} ${T.getUTCMinutes()} ${T.getUTCHours()} * * *`;
    let cursor = 0;
    const lane = async () => {
      for (let guard = 0; guard < RULES && cursor < RULES; guard++) {
        const i = cursor++;
        const r = await api("POST", "/rules", {
          body: { name: `batch ${i}`, trigger: { type: "cron", cron, timezone: "UTC" }, actions: [{ type: "notify", params: { title: "t", body: "{{payload.scheduledFor}}" } }] },
        });
        expect(r.status, JSON.stringify(r.body)).toBe(201);
        ids.push(r.body.id);
        expect((await api("POST", `/rules/${r.body.id}/enable`)).status).toBe(200);
      }
    };
    await Promise.all(Array.from({ length: 8 }, lane));
    expect(ids).toHaveLength(RULES);
    const booked = await pool().query<{ n: number; jobs: number }>(
      `SELECT count(*)::int AS n, count(j.id)::int AS jobs FROM automation_rule r
         LEFT JOIN graphile_worker._private_jobs j ON j.key = 'fire:' || r.rule_id AND j.run_at = r.next_fire_at
        WHERE r.rule_id = ANY($1::uuid[]) AND r.next_fire_at = $2`,
      [ids, T],
    );
    expect(booked.rows[0], "every rule booked for T (creating them took less than 25 s)").toEqual({ n: RULES, jobs: RULES });

    const wait = T.getTime() + 300 - (await dbNow()).getTime();
    if (wait > 0) await sleep(wait);

    // Another transaction holds one rule's row (as the engine does when it writes last_run_at).
    const [locked, ...others] = ids;
    const holder = await pool().connect();
    let fired: Awaited<ReturnType<typeof fireRule>>[];
    try {
      await holder.query("BEGIN");
      await holder.query(`SELECT 1 FROM automation_rule WHERE rule_id = $1 FOR UPDATE`, [locked]);
      // Two batches (small chunks, so they interleave) and 30 rules' own jobs, all at once.
      const own = others.slice(100, 130);
      const results = await Promise.all([
        fireDueRules({ chunkSize: 50 }),
        fireDueRules({ chunkSize: 50 }),
        ...own.map((id) => fireRule(id, T)),
      ]);
      fired = results.slice(2) as typeof fired;
      // The held rule is untouched: no fire, still booked for T, its job still due.
      const held = await pool().query(`SELECT next_fire_at FROM automation_rule WHERE rule_id = $1`, [locked]);
      expect(held.rows[0].next_fire_at.getTime()).toBe(T.getTime());
      expect((await pool().query(`SELECT 1 FROM rule_fire WHERE rule_id = $1`, [locked])).rows).toHaveLength(0);
    } finally {
      await holder.query("ROLLBACK");
      holder.release();
    }
    // Each own-job call either fired its rule or found it fired by a batch.
    for (const r of fired) expect(r.stale ? r.recorded : r.recorded - 1).toBe(0);

    // Its own job fires it once the row is free; a job whose rule a batch fired finds it stale.
    const own = await fireRule(locked, T);
    expect(own).toMatchObject({ recorded: 1, next: new Date(T.getTime() + DAY) });
    expect(own.executions).toHaveLength(1);
    expect(await fireRule(others[0], T)).toMatchObject({ stale: true, recorded: 0 });
    // A later batch finds nothing of these due.
    await fireDueRules();

    const fires = await pool().query<{ rule_id: string; n: number; at: Date; outcome: string; exec: string | null }>(
      `SELECT rule_id, count(*)::int AS n, min(scheduled_for) AS at, min(outcome) AS outcome, min(execution_id) AS exec
         FROM rule_fire WHERE rule_id = ANY($1::uuid[]) GROUP BY rule_id`,
      [ids],
    );
    expect(fires.rows).toHaveLength(RULES);
    for (const f of fires.rows) {
      expect(f, `rule ${f.rule_id}`).toMatchObject({ n: 1, at: T, outcome: "fired" });
      expect(f.exec).not.toBeNull();
    }
    const execs = await pool().query<{ n: number; rules: number; linked: number }>(
      `SELECT count(*)::int AS n, count(DISTINCT e.rule_id)::int AS rules, count(f.id)::int AS linked
         FROM task_execution e LEFT JOIN rule_fire f ON f.execution_id = e.execution_id
        WHERE e.rule_id = ANY($1::uuid[])`,
      [ids],
    );
    expect(execs.rows[0]).toEqual({ n: RULES, rules: RULES, linked: RULES });
    // Every execution has a run job (admitted), and each rule exactly one fire job, for its next fire.
    const runs = await pool().query<{ n: number }>(
      `SELECT count(DISTINCT x.id)::int AS n FROM graphile_worker._private_jobs j
         JOIN graphile_worker._private_tasks t ON t.id = j.task_id AND t.identifier = 'run',
         LATERAL json_array_elements_text(j.payload->'ids') AS x(id)
        WHERE x.id::bigint IN (SELECT execution_id FROM task_execution WHERE rule_id = ANY($1::uuid[]))`,
      [ids],
    );
    expect(runs.rows[0].n).toBe(RULES);
    const booked2 = await pool().query<{ n: number; jobs: number; on_time: number }>(
      `SELECT count(*)::int AS n, count(j.id)::int AS jobs,
              count(*) FILTER (WHERE j.run_at = r.next_fire_at AND (j.payload->>'scheduledFor')::timestamptz = r.next_fire_at)::int AS on_time
         FROM automation_rule r LEFT JOIN graphile_worker._private_jobs j ON j.key = 'fire:' || r.rule_id
        WHERE r.rule_id = ANY($1::uuid[]) AND r.next_fire_at = $2`,
      [ids, new Date(T.getTime() + DAY)],
    );
    expect(booked2.rows[0]).toEqual({ n: RULES, jobs: RULES, on_time: RULES });
  });
});

describe("fireDueRules applies each rule's policies", () => {
  it("once, overlap skip and queue, and several due seconds, in one batch", { timeout: 60_000 }, async () => {
    const T = new Date(Math.ceil((await dbNow()).getTime() / 1000) * 1000 + 3_000);
    const notify = [{ type: "notify", params: { title: "t", body: "{{payload.scheduledFor}}" } }];
    const make = async (name: string, trigger: Record<string, unknown>) => {
      const r = await api("POST", "/rules", { body: { name, trigger, actions: notify } });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
      ids.push(r.body.id);
      expect((await api("POST", `/rules/${r.body.id}/enable`)).status).toBe(200);
      return r.body.id as string;
    };
    const once = await make("once", { type: "once", at: T.toISOString() });
    const every = await make("every second", { type: "cron", cron: "* * * * * *" });
    const skip = await make("every second, skip", { type: "cron", cron: "* * * * * *", overlapPolicy: "skip" });
    const queue = await make("every second, queue", { type: "cron", cron: "* * * * * *", overlapPolicy: "queue" });
    // An execution of each overlap rule is still pending (no worker runs here): it is "active".
    for (const id of [skip, queue]) expect((await api("POST", `/rules/${id}/trigger`, { body: { payload: {} } })).status).toBe(202);
    const booked = new Map<string, Date>();
    for (const id of [every, skip, queue]) {
      booked.set(id, (await pool().query(`SELECT next_fire_at FROM automation_rule WHERE rule_id = $1`, [id])).rows[0].next_fire_at);
    }

    const wait = T.getTime() + 2_300 - (await dbNow()).getTime();
    if (wait > 0) await sleep(wait);
    const s = await fireDueRules();
    expect(s.rules).toBeGreaterThanOrEqual(4);
    const now = await dbNow();

    const fires = async (id: string) =>
      (
        await pool().query<{ scheduled_for: Date; outcome: string; reason: string; execution_id: string | null; created_at: Date }>(
          `SELECT scheduled_for, outcome, reason, execution_id, created_at FROM rule_fire WHERE rule_id = $1 ORDER BY scheduled_for`,
          [id],
        )
      ).rows;
    const state = async (id: string) =>
      (
        await pool().query<{ next_fire_at: Date | null; jobs: number; run_at: Date | null }>(
          `SELECT r.next_fire_at, count(j.id)::int AS jobs, min(j.run_at) AS run_at FROM automation_rule r
             LEFT JOIN graphile_worker._private_jobs j ON j.key = 'fire:' || r.rule_id WHERE r.rule_id = $1 GROUP BY r.next_fire_at`,
          [id],
        )
      ).rows[0];

    // once: fired at its time, then no next fire and no job
    const o = await fires(once);
    expect(o.map((f) => [f.scheduled_for.getTime(), f.outcome])).toEqual([[T.getTime(), "fired"]]);
    expect(o[0].execution_id).not.toBeNull();
    expect(await state(once)).toEqual({ next_fire_at: null, jobs: 0, run_at: null });

    // every second: each second from the booked one up to the batch's now fired, with its execution
    const e = await fires(every);
    const batchNow = e[0].created_at.getTime();
    const seconds = Math.floor((batchNow - booked.get(every)!.getTime()) / 1000) + 1;
    expect(seconds).toBeGreaterThanOrEqual(3);
    expect(e.map((f) => f.scheduled_for.getTime())).toEqual(Array.from({ length: seconds }, (_, i) => booked.get(every)!.getTime() + i * 1000));
    expect(e.every((f) => f.outcome === "fired" && f.execution_id)).toBe(true);
    const next = await state(every);
    expect(next.jobs).toBe(1);
    expect(next.run_at!.getTime()).toBe(next.next_fire_at!.getTime());
    expect(next.next_fire_at!.getTime()).toBe(booked.get(every)!.getTime() + seconds * 1000);
    expect(next.next_fire_at!.getTime()).toBeGreaterThan(batchNow);
    expect(next.next_fire_at!.getTime()).toBeLessThanOrEqual(now.getTime() + 1000);

    // skip: every due second recorded as skipped, no execution
    const k = await fires(skip);
    expect(k.length).toBeGreaterThanOrEqual(3);
    expect(k.every((f) => f.outcome === "skipped" && !f.execution_id && /still running/.test(f.reason))).toBe(true);

    // queue: the first due second is queued behind the active execution, the others skipped
    const q = await fires(queue);
    expect(q.length).toBeGreaterThanOrEqual(3);
    expect(q[0]).toMatchObject({ outcome: "fired" });
    expect(q.slice(1).every((f) => f.outcome === "skipped" && /already queued/.test(f.reason))).toBe(true);
    const queued = await pool().query(`SELECT waiting_for_turn FROM task_execution WHERE execution_id = $1`, [q[0].execution_id]);
    expect(queued.rows[0].waiting_for_turn).toBe(true);

    for (const id of [every, skip, queue]) await api("POST", `/rules/${id}/disable`);
  });
});
