// Abuse limits through the whole engine: a runaway rule cannot flood one person. With
// AUTOFLOW_RECIPIENT_DAILY_CAP=2, the third message to the same address (from any rule) is not
// sent; its execution fails with a clear, non-retryable runtime error after ONE attempt, and
// shows in the dead-letter view. Other recipients are unaffected.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { enabledRule, sendEvent, sleep, waitForExecution } from "../engine/helpers";

let worker: StartedWorker;
const sfx = crypto.randomUUID().slice(0, 8);

beforeAll(async () => {
  process.env.AUTOFLOW_RECIPIENT_DAILY_CAP = "2";
  resetEnvCache();
  worker = await withWorker();
});
afterAll(async () => {
  await worker?.stop();
  delete process.env.AUTOFLOW_RECIPIENT_DAILY_CAP;
  resetEnvCache();
});

describe("recipient cap through the engine", () => {
  it("two rules mailing one person: the third message fails (runtime, not retried), nothing is sent; others still get mail", async () => {
    const victim = `victim-${sfx}@example.com`;
    const mail = (event: string) => ({
      name: `cap ${event}`,
      trigger: { type: "event", event },
      actions: [{ type: "email", params: { to: "{{payload.to}}", subject: "Deal {{payload.n}}", text: "Buy now" } }],
      retryPolicy: { maxAttempts: 3, initialDelayMs: 100 },
    });
    const a = await enabledRule(mail(`cap.a.${sfx}`));
    const b = await enabledRule(mail(`cap.b.${sfx}`));

    const e1 = await waitForExecution(a, await sendEvent(`cap.a.${sfx}`, { to: victim, n: 1 }), ["success", "failed"]);
    const e2 = await waitForExecution(b, await sendEvent(`cap.b.${sfx}`, { to: `Victim <${victim.toUpperCase()}>`, n: 2 }), ["success", "failed"]);
    expect([e1.status, e2.status]).toEqual(["success", "success"]);

    const e3 = await waitForExecution(a, await sendEvent(`cap.a.${sfx}`, { to: victim, n: 3 }), ["success", "failed"]);
    expect(e3.status).toBe("failed");
    expect(e3.errorClass).toBe("runtime");
    expect(e3.errorMessage).toMatch(/^recipient cap reached: v\*\*\*@example\.com already received 2 emails in the last 24 hours \(AUTOFLOW_RECIPIENT_DAILY_CAP=2\); the message was not sent$/);
    expect(e3.retryCount).toBe(0);
    expect(e3.actions).toHaveLength(1);
    expect(e3.actions[0].details).toMatchObject({ retryable: false, errorClass: "runtime", response: { limit: "recipient_daily_cap", cap: 2, count: 2 } });
    await sleep(400); // no retry comes later

    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM dev_message WHERE lower("to") LIKE $1`, [`%victim-${sfx}@example.com%`]);
    expect(rows[0].n).toBe(2);

    const dead = await api("GET", `/executions/dead-letter?ruleId=${a}`, { role: "viewer" });
    expect(dead.body.items.map((i: { id: string }) => i.id)).toContain(e3.id);

    // Someone else is not affected by the victim's cap.
    const e4 = await waitForExecution(b, await sendEvent(`cap.b.${sfx}`, { to: `other-${sfx}@example.com`, n: 4 }), ["success", "failed"]);
    expect(e4.status).toBe("success");
  });
});
