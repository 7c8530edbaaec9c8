// Threshold triggers fire when the metric CROSSES the threshold, not on every check above it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { evaluateThreshold } from "../../server/domain/thresholds/evaluate-threshold";
import { api } from "../helpers/api";

let ruleId = "";
beforeAll(async () => {
  const r = await api("POST", "/rules", {
    body: {
      name: "too many signups",
      trigger: { type: "threshold", metric: "event_count", eventType: "thr.signup", window: "10m", op: ">", value: 3, everySeconds: 5, cooldownSeconds: 0 },
      actions: [{ type: "notify", params: { title: "spike", body: "{{payload.value}} signups" } }],
    },
  });
  expect(r.status, JSON.stringify(r.body)).toBe(201);
  ruleId = r.body.id;
  await api("POST", `/rules/${ruleId}/enable`);
});
afterAll(async () => {
  await api("POST", `/rules/${ruleId}/disable`);
});

const post = (n: number, from: number) =>
  api("POST", "/events", { body: { events: Array.from({ length: n }, (_, i) => ({ type: "thr.signup", id: `thr-${from + i}`, payload: {} })) }, role: "operator" });
const executions = async () => (await pool().query(`SELECT input_data FROM task_execution WHERE rule_id = $1 ORDER BY execution_id`, [ruleId])).rows;

describe("threshold trigger", () => {
  it("fires once on the crossing, not again while above, and again after it went back below", async () => {
    await post(3, 0);
    expect((await evaluateThreshold(ruleId))?.fired).toBe(false); // 3 is not > 3
    await post(2, 3);
    const crossed = await evaluateThreshold(ruleId);
    expect(crossed).toMatchObject({ value: 5, above: true, fired: true });
    await post(4, 5);
    expect(await evaluateThreshold(ruleId)).toMatchObject({ value: 9, above: true, fired: false, reason: "still past the threshold" });
    expect(await executions()).toHaveLength(1);
    expect((await executions())[0].input_data.payload).toMatchObject({ metric: "event_count", value: 5, op: ">", threshold: 3 });
    // back below (the window moves past the events), then above again: a second fire
    await pool().query(`UPDATE event SET received_at = now() - interval '1 hour' WHERE event_id LIKE 'thr-%'`);
    expect(await evaluateThreshold(ruleId)).toMatchObject({ value: 0, above: false, fired: false });
    await post(4, 100);
    expect(await evaluateThreshold(ruleId)).toMatchObject({ value: 4, fired: true });
    expect(await executions()).toHaveLength(2);
    const fires = await api("GET", `/rules/${ruleId}/fires`);
    expect(fires.body.items.map((f: { outcome: string }) => f.outcome)).toEqual(["fired", "fired"]);
  });
});
