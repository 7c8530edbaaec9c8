// A database that cannot be reached is 503 SERVICE_UNAVAILABLE with Retry-After — never a 500 —
// on the REST API (in-process and through the web process's fast path), tRPC and the metrics
// endpoint, mapped in one place (server/errors.ts). The database here is real: the pools are
// pointed at a loopback port where nothing listens, then back; what was sent meanwhile is not
// in the database, and sending it again is accepted.
import http from "node:http";
import net from "node:net";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { TRPCError } from "@trpc/server";
import { AppError, isDatabaseUnavailable, RETRY_AFTER_SECONDS, toAppError } from "../../server/errors";
import { closeDb, pool } from "../../server/db";
import { resetEnvCache } from "../../server/env";
import { handleRest } from "../../server/api/rest/handle-rest";
import { createCaller } from "../../server/api/root";
import { actorFromToken, forgetTokenCache } from "../../server/auth/api-tokens";
import { handleMetricsRequest } from "../../server/domain/monitoring/metrics-endpoint";
import { handleIngestFastPath } from "../../server/web/ingest-fast-path";
import { signWebhook } from "../../server/domain/webhooks/verify-signature";
import { api, eventRule, tokenFor } from "../helpers/api";

describe("isDatabaseUnavailable / toAppError", () => {
  const err = (props: Record<string, unknown>, message = "x") => Object.assign(new Error(message), props);
  it.each([
    ["connection refused", err({ code: "ECONNREFUSED" })],
    ["connection reset", err({ code: "ECONNRESET" })],
    ["admin shutdown (57P01)", err({ code: "57P01" })],
    ["crash shutdown (57P02)", err({ code: "57P02" })],
    ["starting up (57P03)", err({ code: "57P03" })],
    ["connection failure (08006)", err({ code: "08006" })],
    ["too many connections (53300)", err({ code: "53300" })],
    ["Prisma cannot reach the server (P1001)", err({ code: "P1001" })],
    ["pg-pool connect timeout", new Error("timeout exceeded when trying to connect")],
    ["connection terminated", new Error("Connection terminated unexpectedly")],
    ["happy eyeballs: every address refused", new AggregateError([err({ code: "ECONNREFUSED" }), err({ code: "ECONNREFUSED" })])],
    ["wrapped in a cause", new Error("query failed", { cause: err({ code: "57P01" }) })],
  ])("%s → 503", (_name, e) => {
    expect(isDatabaseUnavailable(e)).toBe(true);
    const app = toAppError(e);
    expect(app.code).toBe("SERVICE_UNAVAILABLE");
    expect(app.httpStatus).toBe(503);
  });
  it.each([
    ["unique violation", err({ code: "23505" })],
    ["bad input syntax", err({ code: "22P02" })],
    ["a plain error", new Error("boom")],
    ["nothing", undefined],
  ])("%s → not unavailable", (_name, e) => {
    expect(isDatabaseUnavailable(e)).toBe(false);
    expect(toAppError(e).code).toBe("INTERNAL");
  });
  it("keeps an AppError as it is", () => {
    expect(toAppError(new AppError("CONFLICT", "c")).code).toBe("CONFLICT");
  });
});

/** A loopback port where nothing listens. */
async function deadPort(): Promise<number> {
  const s = net.createServer();
  await new Promise<void>((r) => s.listen(0, "127.0.0.1", () => r()));
  const port = (s.address() as net.AddressInfo).port;
  await new Promise<void>((r) => s.close(() => r()));
  return port;
}

describe("with the database unreachable", () => {
  const sfx = crypto.randomUUID().slice(0, 8);
  const realUrl = process.env.DATABASE_URL!;
  let operator: string;
  let viewer: string;
  let hookRule: string;
  let hookSecret: string;
  let fastServer: http.Server;
  let fastPort: number;

  const down = async () => {
    const u = new URL(realUrl);
    u.port = String(await deadPort());
    u.hostname = "127.0.0.1";
    process.env.DATABASE_URL = u.toString();
    resetEnvCache();
    await closeDb();
  };
  const up = async () => {
    process.env.DATABASE_URL = realUrl;
    resetEnvCache();
    await closeDb();
  };

  beforeAll(async () => {
    operator = await tokenFor("operator");
    viewer = await tokenFor("viewer");
    const created = await api("POST", "/rules", { body: { name: `hook ${sfx}`, trigger: { type: "webhook" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } });
    expect(created.status).toBe(201);
    hookRule = created.body.id;
    hookSecret = created.body.webhookSecret;
    expect((await api("POST", `/rules/${hookRule}/enable`)).status).toBe(200);
    expect((await api("POST", "/rules", { body: eventRule(`down.${sfx}`) })).status).toBe(201);
    fastServer = http.createServer((req, res) => {
      if (!handleIngestFastPath(req, res)) {
        res.statusCode = 404;
        res.end();
      }
    });
    await new Promise<void>((r) => fastServer.listen(0, "127.0.0.1", () => r()));
    fastPort = (fastServer.address() as net.AddressInfo).port;
  });
  afterAll(async () => {
    await up();
    await new Promise<void>((r) => fastServer?.close(() => r()));
  });

  const rest = async (method: string, path: string, token: string | null, body?: unknown, headers: Record<string, string> = {}) => {
    const res = await handleRest(
      new Request(`http://localhost/api/v1${path}`, {
        method,
        headers: { "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}), ...headers },
        body: body === undefined ? undefined : typeof body === "string" ? body : JSON.stringify(body),
      }),
      path.split("?")[0],
    );
    return { status: res.status, retryAfter: res.headers.get("retry-after"), body: await res.json() };
  };
  const expect503 = (r: { status: number; retryAfter: string | null; body: { error: { code: string; message: string } } }) => {
    expect(r.status).toBe(503);
    expect(r.retryAfter).toBe(String(RETRY_AFTER_SECONDS));
    expect(r.body.error.code).toBe("SERVICE_UNAVAILABLE");
    expect(r.body.error.message).toMatch(/database is unavailable.*retry/i);
  };

  it("answers 503 with Retry-After on every door, writes nothing, and accepts the same events once it is back", async () => {
    const single = { type: `down.${sfx}`, id: `down-${sfx}-1`, payload: { n: 1 } };
    const batch = { events: [{ type: `down.${sfx}`, id: `down-${sfx}-2`, payload: {} }, { type: `down.${sfx}`, id: `down-${sfx}-3`, payload: {} }] };
    const hookBody = JSON.stringify({ order: sfx });
    // The viewer's token is looked up before the outage (cached): its request reaches the procedure.
    expect(await actorFromToken(viewer)).not.toBeNull();
    await down();
    try {
      // A procedure that needs the database: tRPC maps it (SERVICE_UNAVAILABLE), REST answers 503.
      expect503(await rest("GET", "/rules", viewer));
      await expect(createCaller({ actor: { kind: "token", id: "t", name: "t", role: "viewer" } }).rules.list({})).rejects.toSatisfy(
        (e: unknown) => e instanceof TRPCError && e.code === "SERVICE_UNAVAILABLE" && (e.cause as AppError).code === "SERVICE_UNAVAILABLE",
      );
      // Token lookups that cannot be made: 503, not 401 and not 500.
      forgetTokenCache();
      expect503(await rest("POST", "/events", operator, single));
      expect503(await rest("POST", "/events", operator, batch));
      expect503(await rest("GET", "/healthz", null));
      // The webhook door.
      expect503(await rest("POST", `/hooks/${hookRule}`, null, hookBody, { "x-autoflow-signature": signWebhook(hookSecret, hookBody) }));
      // The metrics endpoint.
      const m = await handleMetricsRequest(new Request("http://localhost/api/metrics", { headers: { authorization: `Bearer ${operator}` } }));
      expect(m.status).toBe(503);
      expect(m.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      // The web process's fast path, over HTTP.
      const r = await fetch(`http://127.0.0.1:${fastPort}/api/v1/events`, {
        method: "POST",
        headers: { authorization: `Bearer ${operator}`, "content-type": "application/json" },
        body: JSON.stringify(single),
      });
      expect(r.status).toBe(503);
      expect(r.headers.get("retry-after")).toBe(String(RETRY_AFTER_SECONDS));
      expect(r.headers.get("x-content-type-options")).toBe("nosniff");
      expect((await r.json()).error.code).toBe("SERVICE_UNAVAILABLE");
    } finally {
      await up();
    }
    const written = await pool().query(`SELECT count(*)::int AS n FROM event WHERE event_id LIKE $1`, [`down-${sfx}-%`]);
    expect(written.rows[0].n).toBe(0);
    const hooked = await pool().query(`SELECT count(*)::int AS n FROM task_execution WHERE rule_id = $1`, [hookRule]);
    expect(hooked.rows[0].n).toBe(0);
    // Sent again (as a client does after Retry-After): accepted, once.
    expect((await api("POST", "/events", { body: single, role: "operator" })).body).toEqual({ accepted: 1, duplicates: 0 });
    expect((await api("POST", "/events", { body: batch, role: "operator" })).body).toEqual({ accepted: 2, duplicates: 0 });
  });
});
