// The dead-man's switch, with a real worker process: a per-minute rule fires while its worker
// runs; the worker is stopped; once the next fire is more than graceSeconds late the missed-fire
// alert goes out (ONE email), and so does "no live worker". Nothing runs on the workers during
// the outage, so it is the web process's watchdog (played here by the test process) that
// evaluates. After the restart the scheduler records the missed fire, and once the window has
// passed each alert sends ONE recovery notice. About 3.5 minutes.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, waitFor } from "../helpers/api";
import { spawnWorker, waitForWorkers, type WorkerProcess } from "../helpers/worker-process";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { startTestSmtpServer, header, type TestSmtpServer } from "../../server/domain/actions/email/test-smtp-server";
import { startAlertWatchdog, type Watchdog } from "../../server/domain/alerts/watchdog";
import { suffix } from "../engine/helpers";

const GRACE_S = 45;
const WINDOW_S = 30;
let smtp: TestSmtpServer;
let worker: WorkerProcess | undefined;
let watchdog: Watchdog | undefined;
const sfx = suffix();
let workerEnv: Record<string, string>;

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  resetEnvCache();
  workerEnv = { SMTP_URL: process.env.SMTP_URL, AUTOFLOW_ALERT_INTERVAL_SECONDS: "5" };
});

afterAll(async () => {
  watchdog?.stop();
  await worker?.stop();
  await smtp?.close();
  delete process.env.SMTP_URL;
  resetEnvCache();
});

const mails = (name: string) => smtp.received.filter((m) => (header(m.raw, "Subject") ?? "").endsWith(name)).map((m) => header(m.raw, "Subject"));
const fires = async (ruleId: string) =>
  (await pool().query<{ scheduled_for: Date; outcome: string }>(`SELECT scheduled_for, outcome FROM rule_fire WHERE rule_id = $1 ORDER BY scheduled_for`, [ruleId])).rows;
const query = (sql: string) => pool().query(sql);

describe("missed schedule (dead-man's switch)", () => {
  it("a per-minute rule whose worker stops gets one missed-fire alert, and one recovery notice after the restart", { timeout: 280_000 }, async () => {
    worker = spawnWorker(workerEnv);
    await waitForWorkers(query, 1);

    const rule = await api("POST", "/rules", {
      role: "editor",
      body: { name: `every minute ${sfx}`, trigger: { type: "cron", cron: "* * * * *", timezone: "UTC" }, actions: [{ type: "notify", params: { title: "tick", body: "{{payload.scheduledFor}}" } }] },
    });
    const ruleId = rule.body.id as string;
    expect((await api("POST", `/rules/${ruleId}/enable`, { role: "editor" })).status).toBe(200);

    const missedName = `Schedule stalled ${sfx}`;
    const workersName = `No workers ${sfx}`;
    for (const doc of [
      { name: missedName, kind: "missed_schedule", ruleId, params: { graceSeconds: GRACE_S, windowSeconds: WINDOW_S }, channels: [{ type: "email", to: ["oncall@example.com"] }] },
      { name: workersName, kind: "worker_count", params: { minWorkers: 1 }, channels: [{ type: "email", to: ["oncall@example.com"] }] },
    ]) {
      const r = await api("POST", "/alerts", { role: "admin", body: doc });
      expect(r.status, JSON.stringify(r.body)).toBe(201);
    }

    // Healthy first: the rule fires on the minute and the alert evaluator (on the worker) sees nothing wrong.
    await waitFor(async () => (await fires(ruleId)).some((f) => f.outcome === "fired"), 75_000, 500);
    expect(mails(missedName)).toHaveLength(0);

    // The watchdog of the "web process": it acts only when nobody evaluated for 15 s.
    watchdog = startAlertWatchdog({ everyMs: 3_000, staleAfterSeconds: 15 });
    expect(await watchdog.tick()).toBe(false); // the worker evaluates: nothing to do

    await worker.stop();
    worker = undefined;
    const stoppedAt = Date.now();
    const nextFireAt = new Date((await api("GET", `/rules/${ruleId}`, { role: "viewer" })).body.nextFireAt).getTime();

    // No worker: the next fire passes unfired; GRACE_S later the alert goes out, once.
    await waitFor(async () => mails(missedName).length > 0, nextFireAt + GRACE_S * 1000 + 40_000 - Date.now(), 500);
    expect(Date.now()).toBeGreaterThan(nextFireAt + GRACE_S * 1000);
    expect(mails(workersName)).toEqual([`[Autoflow] FIRING: ${workersName}`]);
    // The dashboard lists it once it is a minute late (a misfire by the contract's default); the
    // watchdog evaluates several more times meanwhile: still one email each.
    const dash = await waitFor(async () => {
      const d = await api("GET", "/dashboard?range=1h", { role: "viewer" });
      return d.body.schedules.overdue.some((o: { ruleId: string }) => o.ruleId === ruleId) ? d : null;
    }, 40_000, 1_000);
    expect(dash.body.workers.live).toBe(0);
    expect(mails(missedName)).toEqual([`[Autoflow] FIRING: ${missedName}`]);
    expect(mails(workersName)).toEqual([`[Autoflow] FIRING: ${workersName}`]);
    const firing = smtp.received.find((m) => header(m.raw, "Subject")?.endsWith(missedName))!;
    expect(firing.raw).toMatch(/late/);

    // Restart after ~2.5 minutes down: the scheduler catches up (fire_once: the older due fire is
    // recorded `missed`, the newest runs), the workers are back, and each alert recovers once.
    worker = spawnWorker(workerEnv);
    await waitForWorkers(query, 1);
    await waitFor(async () => (await fires(ruleId)).some((f) => f.outcome === "missed"), 30_000, 500);
    expect(Date.now() - stoppedAt).toBeGreaterThan(100_000);
    await waitFor(async () => mails(missedName).length === 2 && mails(workersName).length === 2, (WINDOW_S + 40) * 1000, 500);
    expect(mails(missedName)).toEqual([`[Autoflow] FIRING: ${missedName}`, `[Autoflow] RESOLVED: ${missedName}`]);
    expect(mails(workersName)).toEqual([`[Autoflow] FIRING: ${workersName}`, `[Autoflow] RESOLVED: ${workersName}`]);

    const incidents = await api("GET", "/alerts/incidents", { role: "viewer" });
    const mine = incidents.body.items.filter((i: { alertName: string }) => [missedName, workersName].includes(i.alertName));
    expect(mine).toHaveLength(2);
    for (const i of mine) expect(i.status).toBe("resolved");
    const missedIncident = mine.find((i: { alertName: string }) => i.alertName === missedName);
    expect(missedIncident.details.overdue[0].ruleId).toBe(ruleId);
    await api("POST", `/rules/${ruleId}/disable`, { role: "editor" });
  });
});
