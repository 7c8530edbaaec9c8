// Overlap policy, disabling and editing a schedule, with a real worker process.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { api, waitFor } from "../helpers/api";
import { spawnWorker, waitForWorkers, type WorkerProcess } from "../helpers/worker-process";

let worker: WorkerProcess;
beforeAll(async () => {
  worker = spawnWorker();
  await waitForWorkers((s) => pool().query(s), 1);
});
afterAll(async () => worker?.stop());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("overlap policy", () => {
  it("skip: a 3 s execution firing every second never runs twice at once", { timeout: 60_000 }, async () => {
    const r = await api("POST", "/rules", {
      body: {
        name: "slow every second (skip)",
        trigger: { type: "cron", cron: "* * * * * *", overlapPolicy: "skip" },
        actions: [{ type: "delay", params: { seconds: 3 } }, { type: "notify", params: { title: "done", body: "x" } }],
      },
    });
    const id = r.body.id;
    await api("POST", `/rules/${id}/enable`);
    await sleep(10_000);
    await api("POST", `/rules/${id}/disable`);
    await sleep(4_500);
    const { rows } = await pool().query<{ start_time: Date; end_time: Date | null; status: string }>(
      `SELECT start_time, end_time, status FROM task_execution WHERE rule_id = $1 ORDER BY start_time`,
      [id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    expect(rows.length).toBeLessThanOrEqual(4);
    for (let i = 1; i < rows.length; i++) {
      expect(rows[i].start_time.getTime(), "next started after previous ended").toBeGreaterThanOrEqual(rows[i - 1].end_time!.getTime());
    }
    const skipped = await pool().query(`SELECT reason FROM rule_fire WHERE rule_id = $1 AND outcome = 'skipped'`, [id]);
    expect(skipped.rows.length).toBeGreaterThanOrEqual(4);
    expect(skipped.rows[0].reason).toMatch(/still running/);
  });

  it("queue: keeps one waiting and starts it when the running one finishes", { timeout: 60_000 }, async () => {
    const r = await api("POST", "/rules", {
      body: {
        name: "slow every second (queue)",
        trigger: { type: "cron", cron: "* * * * * *", overlapPolicy: "queue" },
        actions: [{ type: "delay", params: { seconds: 2 } }, { type: "notify", params: { title: "done", body: "x" } }],
      },
    });
    const id = r.body.id;
    await api("POST", `/rules/${id}/enable`);
    await sleep(7_000);
    await api("POST", `/rules/${id}/disable`);
    await waitFor(async () => {
      const { rows } = await pool().query(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = $1 AND status NOT IN ('success')`, [id]);
      return rows[0].n === 0;
    }, 20_000);
    const { rows } = await pool().query<{ start_time: Date; end_time: Date }>(
      `SELECT start_time, end_time FROM task_execution WHERE rule_id = $1 ORDER BY start_time`,
      [id],
    );
    expect(rows.length).toBeGreaterThanOrEqual(2);
    for (let i = 1; i < rows.length; i++) expect(rows[i].start_time.getTime()).toBeGreaterThanOrEqual(rows[i - 1].end_time.getTime());
    const skipped = await pool().query(`SELECT reason FROM rule_fire WHERE rule_id = $1 AND outcome = 'skipped'`, [id]);
    expect(skipped.rows[0]?.reason).toMatch(/already queued/);
  });
});

describe("schedule changes take effect at once", () => {
  it("disabling stops fires within a second; editing the cron moves the next fire", { timeout: 60_000 }, async () => {
    const r = await api("POST", "/rules", {
      body: { name: "ticker", trigger: { type: "cron", cron: "* * * * * *" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] },
    });
    const id = r.body.id;
    await api("POST", `/rules/${id}/enable`);
    await waitFor(async () => (await pool().query(`SELECT 1 FROM rule_fire WHERE rule_id = $1`, [id])).rows.length >= 2, 10_000);
    await api("POST", `/rules/${id}/disable`);
    const disabledAt = Date.now();
    await sleep(3_000);
    const late = await pool().query(`SELECT count(*)::int AS n FROM rule_fire WHERE rule_id = $1 AND created_at > $2`, [id, new Date(disabledAt + 1000)]);
    expect(late.rows[0].n).toBe(0);
    expect((await api("GET", `/rules/${id}`)).body.nextFireAt).toBeNull();

    // edit: enabled with a yearly cron, then moved to every minute
    const doc = { name: "ticker", trigger: { type: "cron", cron: "0 0 1 1 *" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] };
    await api("PUT", `/rules/${id}`, { body: doc });
    await api("POST", `/rules/${id}/enable`);
    const yearly = new Date((await api("GET", `/rules/${id}`)).body.nextFireAt);
    expect(yearly.getUTCMonth()).toBe(0);
    expect(yearly.getUTCDate()).toBe(1);
    await api("PUT", `/rules/${id}`, { body: { ...doc, trigger: { type: "cron", cron: "* * * * *" } } });
    const minutely = new Date((await api("GET", `/rules/${id}`)).body.nextFireAt);
    expect(minutely.getTime() - Date.now()).toBeLessThanOrEqual(60_000);
    const jobs = await pool().query(`SELECT run_at FROM graphile_worker._private_jobs WHERE key = $1`, [`fire:${id}`]);
    expect(jobs.rows).toHaveLength(1);
    expect(new Date(jobs.rows[0].run_at).getTime()).toBe(minutely.getTime());
    await api("POST", `/rules/${id}/disable`);
    expect((await pool().query(`SELECT 1 FROM graphile_worker._private_jobs WHERE key = $1`, [`fire:${id}`])).rows).toHaveLength(0);
  });

  it("previews the next five fire times in the rule's timezone", async () => {
    const r = await api("POST", "/triggers/preview", {
      body: { trigger: { type: "cron", cron: "0 9 * * 1-5", timezone: "Asia/Shanghai" }, from: "2026-12-04T00:00:00Z", count: 5 },
    });
    expect(r.status).toBe(200);
    expect(r.body.items).toEqual([
      "2026-12-04T01:00:00.000Z",
      "2026-12-07T01:00:00.000Z",
      "2026-12-08T01:00:00.000Z",
      "2026-12-09T01:00:00.000Z",
      "2026-12-10T01:00:00.000Z",
    ]);
  });
});
