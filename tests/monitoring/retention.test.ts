// Retention: old finished executions (with their action logs), events and fires go, in small
// batches; recent rows, unfinished executions and the counters behind /api/metrics stay. The
// periodic tasks book their own next run under their job keys.
import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { pool } from "../../server/db";
import { runRetention } from "../../server/domain/retention/run-retention";
import { retention } from "../../worker/tasks/retention";
import { alerts } from "../../worker/tasks/alerts";
import { ALERTS_JOB_KEY, RETENTION_JOB_KEY } from "../../server/domain/monitoring/maintenance-jobs";
import { suffix } from "../engine/helpers";

const sfx = suffix();

async function seed(ruleId: string) {
  const db = pool();
  // 25 old finished executions with 2 logs each, 3 old unfinished, 5 recent.
  await db.query(
    `WITH e AS (
       INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, start_time, end_time, created_at)
       SELECT $1, 1, 'old-' || $2 || '-' || g, 'success', now() - interval '40 days', now() - interval '40 days', now() - interval '40 days' + g * interval '1 second'
         FROM generate_series(1, 25) g RETURNING execution_id)
     INSERT INTO action_execution_log (execution_id, action_index, action_type, status, start_time, end_time)
     SELECT execution_id, i, 'notify', 'success', now() - interval '40 days', now() - interval '40 days' FROM e, generate_series(0, 1) i`,
    [ruleId, sfx],
  );
  await db.query(
    `INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, created_at)
     SELECT $1, 1, 'stuck-' || $2 || '-' || g, 'pending', now() - interval '40 days' FROM generate_series(1, 3) g`,
    [ruleId, sfx],
  );
  await db.query(
    `INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, start_time, end_time)
     SELECT $1, 1, 'new-' || $2 || '-' || g, 'success', now(), now() FROM generate_series(1, 5) g`,
    [ruleId, sfx],
  );
  await db.query(
    `INSERT INTO event (event_id, type, payload, occurred_at, received_at)
     SELECT 'ret-' || $1 || '-' || g, 'ret.test', '{}', now(), CASE WHEN g <= 12 THEN now() - interval '31 days' ELSE now() END
       FROM generate_series(1, 15) g`,
    [sfx],
  );
  await db.query(
    `INSERT INTO rule_fire (rule_id, scheduled_for, outcome, created_at)
     SELECT $1, now() - g * interval '1 minute', 'fired', CASE WHEN g > 3 THEN now() - interval '35 days' ELSE now() END
       FROM generate_series(1, 10) g ORDER BY g DESC`,
    [ruleId],
  );
  await db.query(
    `INSERT INTO execution_rollup (bucket, rule_id, status, count, duration_hist) VALUES
       (date_trunc('minute', now() - interval '3 days'), $1, 'success', 5, '{}'), (date_trunc('minute', now()) - interval '1 hour', $1, 'success', 5, '{}')`,
    [ruleId],
  );
  await db.query(
    `INSERT INTO execution_rollup_hour (bucket, rule_id, status, count, duration_hist) VALUES
       (date_trunc('hour', now() - interval '100 days'), $1, 'success', 5, '{}'), (date_trunc('hour', now() - interval '10 days'), $1, 'success', 5, '{}')`,
    [ruleId],
  );
  await db.query(`INSERT INTO execution_total (rule_id, status, count) VALUES ($1, 'success', 30)`, [ruleId]);
}

const count = async (sql: string, params: unknown[]) => (await pool().query<{ n: number }>(sql, params)).rows[0].n;

describe("retention", () => {
  it("deletes old executions, logs, events, fires and rollups in small batches; keeps the rest", async () => {
    const rule = await api("POST", "/rules", { role: "editor", body: { name: `retention ${sfx}`, trigger: { type: "event", event: `ret.${sfx}` }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } });
    const ruleId = rule.body.id as string;
    await seed(ruleId);

    // A bounded run stops early and says there is more.
    const first = await runRetention({ days: 30, batchSize: 7, maxBatches: 2 });
    expect(first.more).toBe(true);
    expect(first.deleted.executions).toBe(14);
    expect(first.deleted.actionLogs).toBe(28);

    const rest = await runRetention({ days: 30, batchSize: 7, maxBatches: 1000 });
    expect(rest.more).toBe(false);
    expect(first.deleted.executions + rest.deleted.executions).toBeGreaterThanOrEqual(25);
    expect(await count(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = $1 AND trigger_event_id LIKE 'old-%'`, [ruleId])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = $1 AND trigger_event_id LIKE 'stuck-%'`, [ruleId])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = $1 AND trigger_event_id LIKE 'new-%'`, [ruleId])).toBe(5);
    expect(await count(`SELECT count(*)::int AS n FROM action_execution_log l WHERE NOT EXISTS (SELECT 1 FROM task_execution e WHERE e.execution_id = l.execution_id)`, [])).toBe(0);
    expect(await count(`SELECT count(*)::int AS n FROM event WHERE event_id LIKE $1`, [`ret-${sfx}-%`])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM rule_fire WHERE rule_id = $1`, [ruleId])).toBe(3);
    expect(await count(`SELECT count(*)::int AS n FROM execution_rollup WHERE rule_id = $1`, [ruleId])).toBe(1);
    expect(await count(`SELECT count(*)::int AS n FROM execution_rollup_hour WHERE rule_id = $1`, [ruleId])).toBe(1);
    // The Prometheus counters never go down.
    expect(await count(`SELECT count::int AS n FROM execution_total WHERE rule_id = $1`, [ruleId])).toBe(30);
  });

  it("the periodic tasks book their next run under their job keys", async () => {
    const helpers = {} as never;
    await retention({}, helpers);
    await alerts({}, helpers);
    const { rows } = await pool().query<{ key: string; in_s: number }>(
      `SELECT key, EXTRACT(EPOCH FROM (run_at - now()))::float8 AS in_s FROM graphile_worker._private_jobs WHERE key = ANY($1)`,
      [[RETENTION_JOB_KEY, ALERTS_JOB_KEY]],
    );
    const byKey = Object.fromEntries(rows.map((r) => [r.key, r.in_s]));
    expect(byKey[RETENTION_JOB_KEY]).toBeGreaterThan(500);
    expect(byKey[ALERTS_JOB_KEY]).toBeGreaterThan(0);
    expect(byKey[ALERTS_JOB_KEY]).toBeLessThanOrEqual(10);
    // Booking again replaces the job rather than adding one.
    await alerts({}, helpers);
    expect(await count(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE key = $1`, [ALERTS_JOB_KEY])).toBe(1);
  });
});
