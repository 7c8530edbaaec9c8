// Outbound requests from the attacker's side, through the whole engine (REST → event → worker →
// action): a rule author points an action at a loopback address that is not on the allow list.
// A real server listens there (127.0.0.2) and must see NOTHING; the execution fails as a
// configuration error, not retried. Put on AUTOFLOW_HTTP_ALLOWED_HOSTS, the same call succeeds.
// The same guard covers the SMS gateway connection and the http_json threshold metric.
import crypto from "node:crypto";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { ActionError } from "../../server/domain/actions/plugin";
import { readMetric } from "../../server/domain/thresholds/metrics";
import { evaluateAlerts } from "../../server/domain/alerts/evaluate-alerts";
import { deliverPendingNotices } from "../../server/domain/alerts/deliver-notices";
import { startTestHttpServer, type TestHttpServer } from "../../server/net/test-http-server";
import { enabledRule, sendEvent, sleep, waitForExecution } from "../engine/helpers";

let worker: StartedWorker;
let srv: TestHttpServer;
const sfx = crypto.randomUUID().slice(0, 8);

function allow(list: string) {
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = list;
  resetEnvCache();
}

beforeAll(async () => {
  srv = await startTestHttpServer("127.0.0.2");
  srv.handle((req, res) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ ok: true, queue: { depth: 42 } })));
  allow("");
  worker = await withWorker();
});
afterEach(() => {
  srv.requests.length = 0;
  allow("");
});
afterAll(async () => {
  await worker?.stop();
  await srv?.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
});

const httpRule = (event: string, url: string) => ({
  name: `ssrf ${event}`,
  trigger: { type: "event", event },
  actions: [{ type: "http", params: { method: "POST", url, body: { hello: "{{payload.who}}" } } }],
  retryPolicy: { maxAttempts: 3, initialDelayMs: 100 },
});

describe("http action through the engine", () => {
  it("a loopback address not on the allow list: configuration error, one attempt, and the server sees nothing", async () => {
    const event = `ssrf.blocked.${sfx}`;
    const ruleId = await enabledRule(httpRule(event, `${srv.origin}/internal-admin`));
    const exec = await waitForExecution(ruleId, await sendEvent(event, { who: "x" }), ["success", "failed"]);
    expect(exec.status).toBe("failed");
    expect(exec.errorClass).toBe("configuration");
    expect(exec.retryCount).toBe(0);
    expect(exec.errorMessage).toBe(
      `'127.0.0.2:${srv.port}' resolves to 127.0.0.2, a loopback address; add '127.0.0.2:${srv.port}' to AUTOFLOW_HTTP_ALLOWED_HOSTS to allow it`,
    );
    expect(exec.actions).toHaveLength(1);
    expect(exec.actions[0]).toMatchObject({ status: "failed", attempt: 1, details: { errorClass: "configuration", retryable: false } });
    await sleep(500); // no retry arrives later either
    expect(srv.requests).toHaveLength(0);
  });

  it("the same address on the allow list succeeds", async () => {
    allow(`127.0.0.2:${srv.port}`);
    const event = `ssrf.allowed.${sfx}`;
    const ruleId = await enabledRule(httpRule(event, `${srv.origin}/hook`));
    const exec = await waitForExecution(ruleId, await sendEvent(event, { who: "y" }), ["success", "failed"]);
    expect(exec.status, exec.errorMessage ?? "").toBe("success");
    expect(srv.requests).toHaveLength(1);
    expect(JSON.parse(srv.requests[0].body)).toEqual({ hello: "y" });
  });

  it("other spellings of a blocked address are blocked too (decimal, IPv4-mapped IPv6, localhost, 0.0.0.0)", async () => {
    const event = `ssrf.spellings.${sfx}`;
    const urls = [
      `http://2130706434:${srv.port}/x`, // 127.0.0.2 as one number
      `http://[::ffff:127.0.0.2]:${srv.port}/x`,
      `http://localhost:${srv.port}/x`,
      `http://0.0.0.0:${srv.port}/x`,
      "http://169.254.169.254/latest/meta-data/",
    ];
    const ruleId = await enabledRule({
      name: `ssrf spellings ${sfx}`,
      trigger: { type: "event", event },
      actions: [{ type: "http", params: { method: "GET", url: "{{payload.url}}" } }],
      retryPolicy: { maxAttempts: 2, initialDelayMs: 100 },
    });
    for (const url of urls) {
      const exec = await waitForExecution(ruleId, await sendEvent(event, { url }), ["success", "failed"]);
      expect(exec.status, url).toBe("failed");
      expect(exec.errorClass, `${url}: ${exec.errorMessage}`).toBe("configuration");
    }
    expect(srv.requests).toHaveLength(0);
  });
});

describe("other outbound paths use the same guard", () => {
  it("sms through an sms_http connection on a blocked address: configuration error, the gateway sees nothing", async () => {
    const conn = await api("POST", "/connections", {
      body: { name: `ssrf-gw-${sfx}`, type: "sms_http", config: { url: `${srv.origin}/sms` }, secret: `gw-key-${sfx}` },
      role: "admin",
    });
    expect(conn.status).toBe(201);
    const event = `ssrf.sms.${sfx}`;
    const ruleId = await enabledRule({
      name: `ssrf sms ${sfx}`,
      trigger: { type: "event", event },
      actions: [{ type: "sms", params: { to: "+15550177", text: "hi", connectionId: conn.body.id } }],
    });
    const exec = await waitForExecution(ruleId, await sendEvent(event, {}), ["success", "failed"]);
    expect(exec.status).toBe("failed");
    expect(exec.errorClass).toBe("configuration");
    expect(exec.errorMessage).toContain("AUTOFLOW_HTTP_ALLOWED_HOSTS");
    expect(srv.requests).toHaveLength(0);
  });

  it("alert webhook channel (server/domain/alerts/deliver-notices.ts): blocked until allowed, then signed", async () => {
    const secret = `alert-secret-${sfx}-0123456789`;
    const created = await api("POST", "/alerts", {
      body: { name: `ssrf alert ${sfx}`, kind: "worker_count", params: { minWorkers: 1000 }, channels: [{ type: "webhook", url: `${srv.origin}/alert`, secret }] },
      role: "admin",
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    await evaluateAlerts();
    await deliverPendingNotices();
    const { rows } = await pool().query(`SELECT id, notices FROM alert_incident WHERE alert_rule_id = $1`, [created.body.id]);
    expect(rows).toHaveLength(1);
    const delivery = rows[0].notices.open.channels[0];
    expect(delivery).toMatchObject({ type: "webhook", status: "pending", attempts: 1 });
    expect(delivery.lastError).toContain("AUTOFLOW_HTTP_ALLOWED_HOSTS");
    expect(srv.requests).toHaveLength(0);

    allow(`127.0.0.2:${srv.port}`);
    // Due now (instead of after the channel's backoff).
    await pool().query(`UPDATE alert_incident SET notices = '{}'::jsonb, pending = true WHERE id = $1`, [rows[0].id]);
    await deliverPendingNotices();
    const hit = srv.requests.filter((r) => r.url === "/alert");
    expect(hit).toHaveLength(1);
    const sig = String(hit[0].headers["x-autoflow-signature"]);
    const [t, v1] = [/t=(\d+)/.exec(sig)![1], /v1=([0-9a-f]+)/.exec(sig)![1]];
    expect(v1).toBe(crypto.createHmac("sha256", secret).update(`${t}.${hit[0].body}`).digest("hex"));
    await api("DELETE", `/alerts/${created.body.id}`, { role: "admin" });
  });

  it("threshold metric http_json (server/domain/thresholds/metrics.ts) goes through guardedFetch", async () => {
    const t = { type: "threshold", metric: "http_json", url: `${srv.origin}/metrics`, jsonPath: "queue.depth", op: ">", value: 1, everySeconds: 60 } as never;
    const err = await readMetric(pool(), t).then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(ActionError);
    expect((err as ActionError).errorClass).toBe("configuration");
    expect(srv.requests).toHaveLength(0);
    allow(`127.0.0.2:${srv.port}`);
    expect(await readMetric(pool(), t)).toBe(42);
    expect(srv.requests).toHaveLength(1);
  });
});
