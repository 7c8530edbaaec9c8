// The sweep that frees jobs a live worker holds only on paper (worker/held-jobs.ts): after a
// database outage a job can stay locked by this process's graphile id although nothing here runs
// it. Only such jobs are unlocked: not the ones it holds, not ones locked a moment ago, not
// another process's.
import { describe, expect, it } from "vitest";
import pino from "pino";
import { EventEmitter } from "node:events";
import { pool } from "../../server/db";
import { addJobs } from "../../server/jobs/add-jobs";
import { GRACE_MS, HeldJobs } from "../../worker/held-jobs";

async function lockedJob(lockedBy: string, ageMs: number): Promise<string> {
  await addJobs(pool(), [{ task: "retention", payload: { n: Math.random() }, runAt: new Date(Date.now() + 3_600_000) }]);
  const { rows } = await pool().query<{ id: string }>(
    `UPDATE graphile_worker._private_jobs SET locked_by = $1, locked_at = now() - make_interval(secs => $2::float / 1000)
      WHERE id = (SELECT max(id) FROM graphile_worker._private_jobs) RETURNING id`,
    [lockedBy, ageMs],
  );
  return rows[0].id;
}

const lockOf = async (id: string) =>
  (await pool().query<{ locked_by: string | null }>(`SELECT locked_by FROM graphile_worker._private_jobs WHERE id = $1`, [id])).rows[0]?.locked_by ?? null;

describe("held jobs sweep", () => {
  it("unlocks only this process's stale locks on jobs it does not hold", async () => {
    const me = `pool-test-${Date.now()}`;
    const other = `pool-other-${Date.now()}`;
    const orphan = await lockedJob(me, GRACE_MS + 20_000);
    const heldFetched = await lockedJob(me, GRACE_MS + 20_000);
    const heldRunning = await lockedJob(me, GRACE_MS + 20_000);
    const completed = await lockedJob(me, GRACE_MS + 20_000);
    const fresh = await lockedJob(me, 500);
    const othersJob = await lockedJob(other, GRACE_MS + 20_000);

    const held = new HeldJobs(pino({ level: "silent" }));
    const events = new EventEmitter();
    held.track(events);
    events.emit("localQueue:getJobs:complete", { jobs: [{ id: heldFetched }, { id: completed }] });
    events.emit("job:start", { job: { id: heldRunning } });
    events.emit("job:complete", { job: { id: completed } }); // its completion was never recorded
    expect(held.size).toBe(2);

    expect(await held.sweep([me])).toBe(2);
    expect(await lockOf(orphan)).toBeNull();
    expect(await lockOf(completed)).toBeNull();
    expect(await lockOf(heldFetched)).toBe(me);
    expect(await lockOf(heldRunning)).toBe(me);
    expect(await lockOf(fresh)).toBe(me);
    expect(await lockOf(othersJob)).toBe(other);

    // Jobs handed back by the local queue are no longer held either.
    events.emit("localQueue:returnJobs", { jobs: [{ id: heldFetched }] });
    expect(await held.sweep([me])).toBe(1);
    expect(await lockOf(heldFetched)).toBeNull();
    await pool().query(`DELETE FROM graphile_worker._private_jobs WHERE id = ANY($1::bigint[])`, [[orphan, heldFetched, heldRunning, completed, fresh, othersJob]]);
  });
});
