// Workers stopped for about two minutes, then restarted: a per-minute rule fires once under
// fire_once, twice under fire_all and not at all under skip — each planned time recorded with
// its outcome and reason.
import { afterAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { api, waitFor } from "../helpers/api";
import { spawnWorker, type WorkerProcess } from "../helpers/worker-process";

let worker: WorkerProcess | undefined;
afterAll(async () => worker?.stop());

const rule = (policy: string) => ({
  name: `per minute ${policy}`,
  trigger: { type: "cron", cron: "* * * * *", timezone: "UTC", misfirePolicy: policy },
  actions: [{ type: "notify", params: { title: "minute", body: "{{payload.scheduledFor}}" } }],
});

describe("misfire after downtime", () => {
  it("applies fire_once, fire_all and skip", { timeout: 240_000 }, async () => {
    // No worker runs while the rules are enabled and their first two fires come due.
    const ids: Record<string, string> = {};
    for (const p of ["fire_once", "fire_all", "skip"]) {
      const r = await api("POST", "/rules", { body: rule(p) });
      ids[p] = r.body.id;
      await api("POST", `/rules/${r.body.id}/enable`);
    }
    const first = new Date((await api("GET", `/rules/${ids.fire_once}`)).body.nextFireAt);
    // Restart 90 s after the first planned fire: two fires (first, first + 1 min) are due and
    // the older one is more than misfireThresholdSeconds (60) late.
    const restartAt = first.getTime() + 90_000;
    await new Promise((r) => setTimeout(r, restartAt - Date.now()));
    worker = spawnWorker();

    const fired = (id: string) =>
      pool().query<{ scheduled_for: Date; outcome: string; reason: string; execution_id: string | null }>(
        `SELECT scheduled_for, outcome, reason, execution_id FROM rule_fire WHERE rule_id = $1 ORDER BY scheduled_for`,
        [id],
      );
    await waitFor(async () => (await fired(ids.skip)).rows.length === 2 && (await fired(ids.fire_all)).rows.length === 2 && (await fired(ids.fire_once)).rows.length === 2, 30_000);

    const once = (await fired(ids.fire_once)).rows;
    expect(once.map((f) => f.outcome)).toEqual(["missed", "fired"]);
    expect(once[0].scheduled_for.getTime()).toBe(first.getTime());
    expect(once[1].reason).toMatch(/fired once for 2 missed/);
    expect(once.filter((f) => f.execution_id)).toHaveLength(1);

    const all = (await fired(ids.fire_all)).rows;
    expect(all.map((f) => f.outcome)).toEqual(["backfilled", "backfilled"]);
    expect(all.every((f) => f.execution_id)).toBe(true);

    const skip = (await fired(ids.skip)).rows;
    expect(skip.map((f) => f.outcome)).toEqual(["missed", "missed"]);
    expect(skip[0].reason).toMatch(/skipped by policy/);
    expect(skip.some((f) => f.execution_id)).toBe(false);

    // every fire is visible through the API, and the schedule continues at the next minute
    const hist = await api("GET", `/rules/${ids.skip}/fires`);
    expect(hist.body.items.map((i: { outcome: string }) => i.outcome)).toEqual(["missed", "missed"]);
    const next = new Date((await api("GET", `/rules/${ids.skip}`)).body.nextFireAt);
    expect(next.getTime()).toBe(first.getTime() + 120_000);

    await waitFor(async () => {
      const { rows } = await pool().query(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = ANY($1::uuid[]) AND status = 'success'`, [[ids.fire_once, ids.fire_all]]);
      return rows[0].n === 3;
    });
    for (const id of Object.values(ids)) await api("POST", `/rules/${id}/disable`);
  });
});
