// Rollups and /api/metrics against a real worker: executions finishing every way an execution
// can finish (success, failed, skipped, cancelled while asleep, cancelled at the claim) are
// counted once each, the Prometheus text parses, and its counters equal the executions in the
// database by rule and status. The dashboard reads the same rollups.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, tokenFor, waitFor } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { startTestHttpServer, type TestHttpServer } from "../../server/net/test-http-server";
import { handleMetricsRequest } from "../../server/domain/monitoring/metrics-endpoint";
import { runExecutions } from "../../server/domain/executions/run-executions";
import { compactRollups } from "../../server/domain/monitoring/compact-rollups";
import { enabledRule, sendEvent, suffix, waitForStatus } from "../engine/helpers";
import { parsePrometheusText, type Sample } from "./prometheus-text";

let worker: StartedWorker;
let srv: TestHttpServer;
let answer = 400;
const sfx = suffix();
const ruleIds: Record<string, string> = {};

beforeAll(async () => {
  srv = await startTestHttpServer("127.0.0.1");
  srv.handle((_req, res) => res.writeHead(answer, { "content-type": "application/json" }).end(JSON.stringify({ answer })));
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `127.0.0.1:${srv.port}`;
  resetEnvCache();
  worker = await withWorker();
});

afterAll(async () => {
  await worker?.stop();
  await srv?.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
});

async function metrics(token?: string) {
  const headers: Record<string, string> = token ? { authorization: `Bearer ${token}` } : {};
  const res = await handleMetricsRequest(new Request("http://localhost/api/metrics", { headers }));
  return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
}

async function dbCounts(ids: string[]) {
  const { rows } = await pool().query<{ rule_id: string; status: string; n: number }>(
    `SELECT rule_id, status::text, count(*)::int AS n FROM task_execution
      WHERE rule_id = ANY($1::uuid[]) AND status IN ('success', 'failed', 'skipped', 'cancelled') GROUP BY 1, 2`,
    [ids],
  );
  return Object.fromEntries(rows.map((r) => [`${r.rule_id}/${r.status}`, r.n]));
}

function counters(samples: Sample[], ids: string[]) {
  const out: Record<string, number> = {};
  for (const s of samples) {
    if (s.name === "autoflow_executions_total" && ids.includes(s.labels.rule_id)) out[`${s.labels.rule_id}/${s.labels.status}`] = s.value;
  }
  return out;
}

describe("rollups and metrics", () => {
  it("count every finish once; /api/metrics parses and its counters equal the executions in the database", async () => {
    ruleIds.ok = await enabledRule({ name: `mon ok ${sfx}`, trigger: { type: "event", event: `mon.ok.${sfx}` }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] });
    ruleIds.bad = await enabledRule({
      name: `mon bad ${sfx}`,
      trigger: { type: "event", event: `mon.bad.${sfx}` },
      actions: [{ type: "http", params: { method: "POST", url: `${srv.origin}/fail` } }],
      retryPolicy: { maxAttempts: 1 },
    });
    ruleIds.skip = await enabledRule({
      name: `mon skip ${sfx}`,
      trigger: { type: "event", event: `mon.skip.${sfx}` },
      condition: { field: "payload.go", op: "eq", value: true },
      actions: [{ type: "notify", params: { title: "t", body: "b" } }],
    });
    ruleIds.sleepy = await enabledRule({
      name: `mon sleepy ${sfx}`,
      trigger: { type: "event", event: `mon.sleepy.${sfx}` },
      actions: [{ type: "delay", params: { seconds: 600 } }, { type: "notify", params: { title: "t", body: "b" } }],
    });
    const ids = Object.values(ruleIds);

    for (let i = 0; i < 7; i++) await sendEvent(`mon.ok.${sfx}`, { i });
    for (let i = 0; i < 4; i++) await sendEvent(`mon.bad.${sfx}`, { i });
    for (let i = 0; i < 3; i++) await sendEvent(`mon.skip.${sfx}`, { go: false });
    await sendEvent(`mon.sleepy.${sfx}`, {});

    const counts = async () => dbCounts(ids);
    await waitFor(async () => {
      const c = await counts();
      return c[`${ruleIds.ok}/success`] === 7 && c[`${ruleIds.bad}/failed`] === 4 && c[`${ruleIds.skip}/skipped`] === 3;
    }, 30_000);

    // Cancelled while asleep in its delay: the cancel itself finishes it (not the engine).
    const asleep = await waitFor(async () => {
      const r = await api("GET", `/executions?ruleId=${ruleIds.sleepy}`, { role: "viewer" });
      const e = r.body.items[0];
      return e && e.status === "running" && e.nextAttemptAt ? e : null;
    });
    expect((await api("POST", `/executions/${asleep.id}/cancel`, { role: "operator" })).status).toBe(200);

    // Cancelled at the claim: a pending execution whose cancel flag is already set.
    const { rows } = await pool().query<{ execution_id: string }>(
      `INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, cancel_requested)
       VALUES ($1, 1, $2, 'pending', true) RETURNING execution_id`,
      [ruleIds.ok, `claim-cancel-${sfx}`],
    );
    await runExecutions([rows[0].execution_id]);
    await waitForStatus(rows[0].execution_id, ["cancelled"]);

    const expected = await counts();
    expect(expected[`${ruleIds.sleepy}/cancelled`]).toBe(1);
    expect(expected[`${ruleIds.ok}/cancelled`]).toBe(1);

    // Without a token: 401. Any role's token: the text format.
    expect((await metrics()).status).toBe(401);
    expect((await metrics("af_not-a-token")).status).toBe(401);
    const m = await metrics(await tokenFor("viewer"));
    expect(m.status).toBe(200);
    expect(m.type).toMatch(/^text\/plain; version=0\.0\.4/);
    const parsed = parsePrometheusText(m.text);
    expect(parsed.types.get("autoflow_executions_total")).toBe("counter");
    expect(parsed.types.get("autoflow_action_duration_seconds")).toBe("histogram");
    for (const g of ["autoflow_queue_depth", "autoflow_oldest_job_age_seconds", "autoflow_live_workers"]) {
      expect(parsed.types.get(g)).toBe("gauge");
      expect(parsed.samples.filter((s) => s.name === g)).toHaveLength(1);
    }
    expect(parsed.samples.find((s) => s.name === "autoflow_live_workers")!.value).toBeGreaterThanOrEqual(1);
    expect(counters(parsed.samples, ids)).toEqual(expected);

    // The action histogram is a proper one: cumulative buckets ending in +Inf = _count.
    const types = new Set(parsed.samples.filter((s) => s.name === "autoflow_action_duration_seconds_count").map((s) => s.labels.action_type));
    expect([...types]).toEqual(expect.arrayContaining(["notify", "http", "delay"]));
    for (const t of types) {
      const buckets = parsed.samples.filter((s) => s.name === "autoflow_action_duration_seconds_bucket" && s.labels.action_type === t);
      for (let i = 1; i < buckets.length; i++) expect(buckets[i].value).toBeGreaterThanOrEqual(buckets[i - 1].value);
      expect(buckets.at(-1)!.labels.le).toBe("+Inf");
      const count = parsed.samples.find((s) => s.name === "autoflow_action_duration_seconds_count" && s.labels.action_type === t)!.value;
      expect(buckets.at(-1)!.value).toBe(count);
    }
    // Every action attempt of these rules' finished executions is in it (other test files may add more).
    const { rows: logs } = await pool().query<{ action_type: string; n: number }>(
      `SELECT l.action_type, count(*)::int AS n FROM action_execution_log l JOIN task_execution e ON e.execution_id = l.execution_id
        WHERE e.rule_id = ANY($1::uuid[]) AND e.status IN ('success', 'failed', 'skipped', 'cancelled') GROUP BY 1`,
      [ids],
    );
    const { rows: totals } = await pool().query<{ action_type: string; n: number }>(
      `SELECT action_type, sum(count)::int AS n FROM action_duration_total WHERE rule_id = ANY($1::uuid[]) GROUP BY 1`,
      [ids],
    );
    expect(Object.fromEntries(totals.map((r) => [r.action_type, r.n]))).toEqual(Object.fromEntries(logs.map((r) => [r.action_type, r.n])));

    // The dashboard reads the same rollups.
    const dash = await api("GET", "/dashboard?range=1h", { role: "viewer" });
    expect(dash.status).toBe(200);
    const sum = (status: string) => dash.body.series.reduce((a: number, p: Record<string, number>) => a + p[status], 0);
    expect(sum("success")).toBe(dash.body.totals.success);
    expect(dash.body.totals.success).toBeGreaterThanOrEqual(7);
    expect(dash.body.totals.failed).toBeGreaterThanOrEqual(4);
    expect(dash.body.series).toHaveLength(61);
    expect(dash.body.topFailingRules.map((r: { ruleId: string }) => r.ruleId)).toContain(ruleIds.bad);
    expect(dash.body.durationMs.p50).not.toBeNull();
    expect(dash.body.workers.live).toBeGreaterThanOrEqual(1);
    expect(dash.body.deadLetter.count).toBeGreaterThanOrEqual(4);
    for (const range of ["24h", "7d", "30d"]) {
      const d = await api("GET", `/dashboard?range=${range}`, { role: "viewer" });
      expect(d.status).toBe(200);
      expect(d.body.totals.failed).toBe(dash.body.totals.failed);
    }
    expect((await api("GET", "/dashboard?range=2d", { role: "viewer" })).status).toBe(400);
  });

  it("a manual retry counts the new finish too: counters count finishes and never go down", async () => {
    const { rows } = await pool().query<{ execution_id: string }>(
      `SELECT execution_id FROM task_execution WHERE rule_id = $1 AND status = 'failed' ORDER BY execution_id LIMIT 1`,
      [ruleIds.bad],
    );
    const before = counters(parsePrometheusText((await metrics(await tokenFor("viewer"))).text).samples, [ruleIds.bad]);
    answer = 200;
    expect((await api("POST", `/executions/${rows[0].execution_id}/retry`, { role: "operator" })).status).toBe(200);
    await waitForStatus(rows[0].execution_id, ["success"]);
    const after = counters(parsePrometheusText((await metrics(await tokenFor("viewer"))).text).samples, [ruleIds.bad]);
    expect(after[`${ruleIds.bad}/failed`]).toBe(before[`${ruleIds.bad}/failed`]);
    expect(after[`${ruleIds.bad}/success`]).toBe(1);
    const db = await dbCounts([ruleIds.bad]);
    // The database holds the execution's current state; the counters hold every finish.
    expect(db[`${ruleIds.bad}/failed`]).toBe(after[`${ruleIds.bad}/failed`] - 1);
    expect(db[`${ruleIds.bad}/success`]).toBe(1);
  });

  it("closed hours compacted across rules read the same as the per-rule rows: nothing lost, nothing counted twice", async () => {
    // A clean slate for the compacted table (it is derived data), and a rule with history in
    // closed hours (3 and 5 hours ago), as the engine would have written it.
    await pool().query(`DELETE FROM execution_rollup_all_hour`);
    const rule = await api("POST", "/rules", { role: "editor", body: { name: `history ${sfx}`, trigger: { type: "event", event: `hist.${sfx}` }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } });
    await pool().query(
      `INSERT INTO execution_rollup_hour (bucket, rule_id, status, count, duration_count, duration_sum_ms, duration_hist)
       SELECT date_trunc('hour', now(), 'UTC') - h * interval '1 hour', $1, s::"ExecutionStatus", 10, 10, 1000, ARRAY[0,0,0,10,0,0,0,0,0,0,0,0,0,0,0]::bigint[]
         FROM unnest(ARRAY[3, 5]) h, unnest(ARRAY['success', 'failed']) s`,
      [rule.body.id],
    );
    const before = (await api("GET", "/dashboard?range=24h", { role: "viewer" })).body;
    expect(before.topFailingRules.map((r: { ruleId: string }) => r.ruleId)).toContain(rule.body.id);
    expect(await compactRollups(pool())).toBeGreaterThanOrEqual(4);
    expect(await compactRollups(pool())).toBe(0);
    const after = (await api("GET", "/dashboard?range=24h", { role: "viewer" })).body;
    expect(after.totals).toEqual(before.totals);
    expect(after.series).toEqual(before.series);
    expect(after.durationMs).toEqual(before.durationMs);
    const week = (await api("GET", "/dashboard?range=7d", { role: "viewer" })).body;
    expect(week.totals).toEqual(after.totals);
  });
});
