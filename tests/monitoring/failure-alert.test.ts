// A failure-rate alert end to end, with a real worker (its alert evaluator task), a real SMTP
// server and a loopback HTTP server: twenty failures of one rule within a minute give EXACTLY
// ONE alert email (and one signed webhook call, one in-app notification) however many times the
// evaluator runs while it lasts; successes bring exactly one recovery notice per channel. Plus
// the alerts API: admin-only rules, incidents for viewers, every change audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api, waitFor } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { startTestHttpServer, type TestHttpServer, type SeenRequest } from "../../server/net/test-http-server";
import { startTestSmtpServer, header, type TestSmtpServer } from "../../server/domain/actions/email/test-smtp-server";
import { verifyWebhookSignature } from "../../server/domain/webhooks/verify-signature";
import { enabledRule, sleep, suffix } from "../engine/helpers";

const INTERVAL_S = 2;
let worker: StartedWorker;
let srv: TestHttpServer;
let smtp: TestSmtpServer;
let answer = 400;
const sfx = suffix();
const SECRET = "alert-webhook-secret-0123456789";
const hooks: SeenRequest[] = [];

beforeAll(async () => {
  smtp = await startTestSmtpServer();
  srv = await startTestHttpServer("127.0.0.1");
  srv.handle((req, res) => {
    if (req.url.startsWith("/hook")) {
      hooks.push(req);
      return res.writeHead(200).end("ok");
    }
    res.writeHead(answer, { "content-type": "application/json" }).end(JSON.stringify({ answer }));
  });
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `127.0.0.1:${srv.port}`;
  process.env.SMTP_URL = `smtp://127.0.0.1:${smtp.port}`;
  process.env.AUTOFLOW_ALERT_INTERVAL_SECONDS = String(INTERVAL_S);
  resetEnvCache();
  worker = await withWorker();
});

afterAll(async () => {
  await worker?.stop();
  await srv?.close();
  await smtp?.close();
  for (const k of ["AUTOFLOW_HTTP_ALLOWED_HOSTS", "SMTP_URL", "AUTOFLOW_ALERT_INTERVAL_SECONDS"]) delete process.env[k];
  resetEnvCache();
});

async function sendEvents(type: string, n: number) {
  const events = Array.from({ length: n }, (_, i) => ({ type, id: `${type}-${i}-${Date.now()}`, payload: { i } }));
  const r = await api("POST", "/events", { body: { events }, role: "operator" });
  expect(r.status).toBe(202);
  expect(r.body.accepted).toBe(n);
}

const alertMails = (alertName: string) => smtp.received.filter((m) => (header(m.raw, "Subject") ?? "").includes(alertName));
const alertHooks = (alertId: string) => hooks.filter((h) => JSON.parse(h.body).alert?.id === alertId);
const notifications = async (alertName: string) =>
  (await pool().query(`SELECT title, role, idempotency_key FROM notification WHERE title LIKE $1 ORDER BY id`, [`%${alertName}`])).rows;

describe("failure-rate alert", () => {
  let ruleId: string;
  let alertId: string;
  const alertName = `Checkout failing ${sfx}`;

  it("admins create alert rules; other roles cannot; a bad document is a 422 with the field", async () => {
    ruleId = await enabledRule({
      name: `checkout ${sfx}`,
      trigger: { type: "event", event: `checkout.${sfx}` },
      actions: [{ type: "http", params: { method: "POST", url: `${srv.origin}/checkout` } }],
      retryPolicy: { maxAttempts: 1 },
    });
    const doc = {
      name: alertName,
      kind: "failure_rate",
      ruleId,
      params: { threshold: 0.5, windowSeconds: 120, minExecutions: 10 },
      channels: [
        { type: "email", to: ["oncall@example.com"] },
        { type: "webhook", url: `${srv.origin}/hook`, secret: SECRET },
        { type: "in_app", role: "operator" },
      ],
    };
    expect((await api("POST", "/alerts", { body: doc, role: "editor" })).status).toBe(403);
    expect((await api("POST", "/alerts", { body: doc, role: null })).status).toBe(401);
    const bad = await api("POST", "/alerts", { body: { ...doc, params: { threshold: 2 } }, role: "admin" });
    expect(bad.status).toBe(422);
    expect(bad.body.error.issues[0].path).toBe("params.threshold");
    const noRule = await api("POST", "/alerts", { body: { ...doc, ruleId: "00000000-0000-4000-8000-000000000000" }, role: "admin" });
    expect(noRule.status).toBe(422);

    const created = await api("POST", "/alerts", { body: doc, role: "admin" });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    alertId = created.body.id;
    expect(created.body.channels[1]).toEqual({ type: "webhook", url: `${srv.origin}/hook`, hasSecret: true });
    expect(JSON.stringify(created.body)).not.toContain(SECRET);
    expect((await api("GET", "/alerts", { role: "viewer" })).status).toBe(403);
    const list = await api("GET", "/alerts", { role: "admin" });
    expect(list.body.items.map((a: { id: string }) => a.id)).toContain(alertId);
  });

  it("20 failures within a minute: exactly one alert email, one signed webhook call, one notification", async () => {
    await sendEvents(`checkout.${sfx}`, 20);
    await waitFor(async () => {
      const { rows } = await pool().query(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = $1 AND status = 'failed'`, [ruleId]);
      return rows[0].n === 20;
    }, 30_000);
    await waitFor(async () => alertMails(alertName).length >= 1, 30_000);
    // Several more evaluations while the failures still count: still one of each.
    await sleep(INTERVAL_S * 1000 * 4);
    const mails = alertMails(alertName);
    expect(mails).toHaveLength(1);
    expect(header(mails[0].raw, "Subject")).toBe(`[Autoflow] FIRING: ${alertName}`);
    expect(mails[0].to).toEqual(["oncall@example.com"]);
    expect(mails[0].raw).toContain("Failure rate 100");

    const calls = alertHooks(alertId);
    expect(calls).toHaveLength(1);
    const body = JSON.parse(calls[0].body);
    expect(body).toMatchObject({ type: "alert.firing", alert: { id: alertId, name: alertName, kind: "failure_rate" }, incident: { status: "open" } });
    expect(verifyWebhookSignature(SECRET, calls[0].body, calls[0].headers["x-autoflow-signature"] as string).ok).toBe(true);
    expect(calls[0].headers["idempotency-key"]).toBe(`alert:${body.incident.id}:open`);

    const notes = await notifications(alertName);
    expect(notes).toHaveLength(1);
    expect(notes[0]).toMatchObject({ title: `FIRING: ${alertName}`, role: "operator" });

    const incidents = await api("GET", `/alerts/incidents?alertId=${alertId}`, { role: "viewer" });
    expect(incidents.status).toBe(200);
    expect(incidents.body.items).toHaveLength(1);
    expect(incidents.body.items[0]).toMatchObject({ status: "open", alertName, kind: "failure_rate", details: { failed: 20, finished: 20 } });
    expect(incidents.body.items[0].notices.open.channels.map((c: { status: string }) => c.status)).toEqual(["sent", "sent", "sent"]);
    const alert = await api("GET", `/alerts/${alertId}`, { role: "admin" });
    expect(alert.body.openIncident?.id).toBe(incidents.body.items[0].id);
    expect(alert.body.lastValue).toBe(1);
  });

  it("successes resume: one recovery notice per channel, and the incident is resolved", async () => {
    answer = 200;
    await sendEvents(`checkout.${sfx}`, 40);
    await waitFor(async () => alertMails(alertName).length >= 2, 40_000);
    await sleep(INTERVAL_S * 1000 * 4);
    const mails = alertMails(alertName);
    expect(mails).toHaveLength(2);
    expect(header(mails[1].raw, "Subject")).toBe(`[Autoflow] RESOLVED: ${alertName}`);
    expect(alertHooks(alertId).map((h) => JSON.parse(h.body).type)).toEqual(["alert.firing", "alert.resolved"]);
    expect((await notifications(alertName)).map((n) => n.title)).toEqual([`FIRING: ${alertName}`, `RESOLVED: ${alertName}`]);
    const incidents = await api("GET", `/alerts/incidents?alertId=${alertId}`, { role: "viewer" });
    expect(incidents.body.items).toHaveLength(1);
    expect(incidents.body.items[0].status).toBe("resolved");
    expect(incidents.body.items[0].resolution.failed).toBe(20);
    expect(incidents.body.items[0].notices.resolved.channels.map((c: { status: string }) => c.status)).toEqual(["sent", "sent", "sent"]);
  });

  it("failures coming back right after the recovery open no new incident within the cooldown (no flapping storm)", async () => {
    answer = 400;
    await sendEvents(`checkout.${sfx}`, 30);
    await waitFor(async () => {
      const { rows } = await pool().query(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = $1 AND status = 'failed'`, [ruleId]);
      return rows[0].n === 50;
    }, 30_000);
    await sleep(INTERVAL_S * 1000 * 4);
    const alert = await api("GET", `/alerts/${alertId}`, { role: "admin" });
    expect(alert.body.lastValue).toBeGreaterThanOrEqual(0.5); // the condition holds again…
    expect(alert.body.openIncident).toBeNull(); // …but the alert waits out its cooldown (300 s)
    expect(alertMails(alertName)).toHaveLength(2);
    expect((await api("GET", `/alerts/incidents?alertId=${alertId}`, { role: "viewer" })).body.items).toHaveLength(1);
  });

  it("updates keep the webhook secret, and every change is audited without secrets", async () => {
    const current = (await api("GET", `/alerts/${alertId}`, { role: "admin" })).body;
    const doc = {
      name: current.name,
      kind: current.kind,
      ruleId,
      params: { ...current.params, threshold: 0.8 },
      channels: [{ type: "webhook", url: `${srv.origin}/hook` }],
      enabled: false,
    };
    const updated = await api("PUT", `/alerts/${alertId}`, { body: doc, role: "admin" });
    expect(updated.status, JSON.stringify(updated.body)).toBe(200);
    expect(updated.body.channels).toEqual([{ type: "webhook", url: `${srv.origin}/hook`, hasSecret: true }]);
    expect(updated.body.params.threshold).toBe(0.8);
    expect((await api("DELETE", `/alerts/${alertId}`, { role: "admin" })).status).toBe(204);
    expect((await api("GET", `/alerts/${alertId}`, { role: "admin" })).status).toBe(404);
    // Incidents outlive their alert rule.
    const incidents = await api("GET", `/alerts/incidents?status=resolved`, { role: "viewer" });
    expect(incidents.body.items.some((i: { alertName: string; alertId: string | null }) => i.alertName === alertName && i.alertId === null)).toBe(true);

    const audit = await api("GET", `/audit?entity=alert`, { role: "admin" });
    const mine = audit.body.items.filter((e: { entityId: string }) => e.entityId === alertId);
    expect(mine.map((e: { action: string }) => e.action)).toEqual(["alert.delete", "alert.update", "alert.create"]);
    const [del, upd, cre] = mine;
    expect(cre.actor).toBe("token:test-admin");
    expect(cre.after).toMatchObject({ name: alertName, kind: "failure_rate" });
    expect(upd.before.params.threshold).toBe(0.5);
    expect(upd.after.params.threshold).toBe(0.8);
    expect(upd.after.enabled).toBe(false);
    expect(del.before).toMatchObject({ name: alertName });
    expect(JSON.stringify(mine)).not.toContain("secretEnc");
    expect(JSON.stringify(mine)).not.toContain(SECRET);
  });
});
