// The web process answers POST /api/v1/events and POST /api/v1/hooks/{ruleId} on a fast path
// (server/web/ingest-fast-path.ts) instead of through Next.js. It must answer exactly what the
// Next route (handleRest) answers: the same status and body for good, bad, unauthorised,
// forbidden, malformed, oversized and hostile requests, with the security headers; and only those
// two routes may take it.
import http from "node:http";
import type net from "node:net";
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRest, MAX_BODY_BYTES } from "../../server/api/rest/handle-rest";
import { fastPath, handleIngestFastPath } from "../../server/web/ingest-fast-path";
import { securityHeaders } from "../../server/web/security-headers.mjs";
import { signWebhook } from "../../server/domain/webhooks/verify-signature";
import { api, tokenFor } from "../helpers/api";

let server: http.Server;
let port: number;
beforeAll(async () => {
  server = http.createServer((req, res) => {
    if (!handleIngestFastPath(req, res)) {
      res.statusCode = 404;
      res.end("not the fast path");
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
  port = (server.address() as net.AddressInfo).port;
});
afterAll(async () => {
  await new Promise<void>((r) => server?.close(() => r()));
});

interface Answer {
  status: number;
  body: unknown;
  headers: Record<string, string>;
}

/** The same request over HTTP to the fast path (raw bytes, so chunked and BOM bodies can be sent). */
function overHttp(path: string, body: Buffer | string | null, headers: Record<string, string>, opts: { chunked?: boolean } = {}): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const buf = body === null ? null : Buffer.isBuffer(body) ? body : Buffer.from(body);
    const req = http.request(
      { host: "127.0.0.1", port, method: "POST", path, headers: { ...headers, ...(buf && !opts.chunked ? { "content-length": String(buf.length) } : {}) } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () => {
          const text = Buffer.concat(chunks).toString();
          resolve({ status: res.statusCode!, body: text ? JSON.parse(text) : null, headers: res.headers as Record<string, string> });
        });
      },
    );
    req.on("error", reject);
    if (buf && opts.chunked) {
      // in pieces, without a content-length
      for (let i = 0; i < buf.length; i += 1 << 20) req.write(buf.subarray(i, i + (1 << 20)));
    } else if (buf) req.write(buf);
    req.end();
  });
}

/** The same request through handleRest, as the Next route serves it. */
async function inProcess(path: string, body: Buffer | string | null, headers: Record<string, string>): Promise<Omit<Answer, "headers">> {
  const res = await handleRest(new Request(`http://localhost${path}`, { method: "POST", headers, body: body === null ? undefined : typeof body === "string" ? body : new Uint8Array(body) }), path.replace(/^\/api\/v1/, "").split("?")[0]);
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : null };
}

describe("the ingest fast path answers as the Next route does", () => {
  const sfx = crypto.randomUUID().slice(0, 8);
  let operator: string;
  let viewer: string;
  const json = (token?: string) => ({ "content-type": "application/json", ...(token ? { authorization: `Bearer ${token}` } : {}) });
  beforeAll(async () => {
    operator = await tokenFor("operator");
    viewer = await tokenFor("viewer");
  });

  it("events: accepted, duplicate, batch, refusals and bad input", async () => {
    // Pairs of equivalent requests: each goes once over HTTP and once in-process (with its own
    // event ids where ids matter, so both are first deliveries).
    const cases: { name: string; body: (k: string) => Buffer | string | null; headers: () => Record<string, string>; path?: string }[] = [
      { name: "one event", body: (k) => JSON.stringify({ type: `fp.${sfx}`, id: `fp-${sfx}-${k}-1`, payload: { n: 1 } }), headers: () => json(operator) },
      { name: "a batch", body: (k) => JSON.stringify({ events: [1, 2, 3].map((i) => ({ type: `fp.${sfx}`, id: `fp-${sfx}-${k}-b${i}`, payload: {} })) }), headers: () => json(operator) },
      { name: "a query string", path: "/api/v1/events?x=1", body: (k) => JSON.stringify({ type: `fp.${sfx}`, id: `fp-${sfx}-${k}-q`, payload: {} }), headers: () => json(operator) },
      { name: "a byte-order mark", body: (k) => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify({ type: `fp.${sfx}`, id: `fp-${sfx}-${k}-bom`, payload: {} }))]), headers: () => json(operator) },
      { name: "no token", body: () => JSON.stringify({ type: "x" }), headers: () => json() },
      { name: "a bad token", body: () => JSON.stringify({ type: "x" }), headers: () => json("af_not-a-token") },
      { name: "a viewer", body: () => JSON.stringify({ type: "x" }), headers: () => json(viewer) },
      { name: "malformed JSON", body: () => "{not json", headers: () => json(operator) },
      { name: "an invalid event", body: () => JSON.stringify({ payload: {} }), headers: () => json(operator) },
      { name: "no body", body: () => null, headers: () => json(operator) },
      { name: "a NUL character", body: () => JSON.stringify({ type: "x", payload: { s: "a\u0000b" } }), headers: () => json(operator) },
      { name: "over 1000 events", body: () => JSON.stringify({ events: Array.from({ length: 1001 }, () => ({ type: "x" })) }), headers: () => json(operator) },
      { name: "a declared length over the cap", body: () => Buffer.alloc(MAX_BODY_BYTES + 10, 0x20), headers: () => json(operator) },
    ];
    for (const c of cases) {
      const path = c.path ?? "/api/v1/events";
      const viaHttp = await overHttp(path, c.body("h"), c.headers());
      const viaNext = await inProcess(path, c.body("n"), c.headers());
      expect({ status: viaHttp.status, body: viaHttp.body }, c.name).toEqual(viaNext);
      for (const h of securityHeaders) expect(viaHttp.headers[h.key.toLowerCase()], `${c.name}: ${h.key}`).toBe(h.value);
      expect(viaHttp.headers["content-type"]).toBe("application/json; charset=utf-8");
      expect(Number(viaHttp.headers["content-length"])).toBeGreaterThan(0);
    }
    // The same id again over HTTP: a duplicate.
    const again = await overHttp("/api/v1/events", JSON.stringify({ type: `fp.${sfx}`, id: `fp-${sfx}-h-1`, payload: {} }), json(operator));
    expect(again).toMatchObject({ status: 202, body: { accepted: 0, duplicates: 1 } });
  });

  it("a chunked body over the cap is 413, read no further than the cap", async () => {
    const r = await overHttp("/api/v1/events", Buffer.alloc(MAX_BODY_BYTES + (2 << 20), 0x20), json(operator), { chunked: true });
    expect(r.status).toBe(413);
    expect((r.body as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
  });

  it("webhooks: a good signature runs the rule (a replay returns the same execution), a bad one is 401", async () => {
    const created = await api("POST", "/rules", { body: { name: `fp hook ${sfx}`, trigger: { type: "webhook" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } });
    const id = created.body.id as string;
    await api("POST", `/rules/${id}/enable`);
    const body = JSON.stringify({ order: 7 });
    const sig = signWebhook(created.body.webhookSecret, body);
    const ok = await overHttp(`/api/v1/hooks/${id}`, body, { "content-type": "application/json", "x-autoflow-signature": sig });
    expect(ok.status).toBe(202);
    const replay = await inProcess(`/api/v1/hooks/${id}`, body, { "content-type": "application/json", "x-autoflow-signature": sig });
    expect(replay).toEqual({ status: 202, body: ok.body });
    const bad = { "content-type": "application/json", "x-autoflow-signature": signWebhook("wrong-secret", body) };
    expect(await overHttp(`/api/v1/hooks/${id}`, body, bad).then((r) => ({ status: r.status, body: r.body }))).toEqual(await inProcess(`/api/v1/hooks/${id}`, body, bad));
    const unknown = `/api/v1/hooks/${crypto.randomUUID()}`;
    expect(await overHttp(unknown, body, bad).then((r) => ({ status: r.status, body: r.body }))).toEqual(await inProcess(unknown, body, bad));
  });

  it("takes only POST /api/v1/events and POST /api/v1/hooks/{id}, exactly", () => {
    expect(fastPath("POST", "/api/v1/events")).toBe("/events");
    expect(fastPath("POST", "/api/v1/events?a=1")).toBe("/events");
    expect(fastPath("POST", "/api/v1/hooks/0b8a2c1e-6d7f-4a35-9b7e-2f1f3c4d5e6f")).toBe("/hooks/0b8a2c1e-6d7f-4a35-9b7e-2f1f3c4d5e6f");
    for (const [m, u] of [
      ["GET", "/api/v1/events"],
      ["PUT", "/api/v1/events"],
      ["POST", "/api/v1/events/"],
      ["POST", "/api/v1//events"],
      ["POST", "/api/v1/Events"],
      ["POST", "/api/v1/rules"],
      ["POST", "/api/v1/hooks/"],
      ["POST", "/api/v1/hooks/a%2Fb"],
      ["POST", "/api/v1/hooks/a/b"],
      ["POST", "/api/trpc/events.post"],
    ]) expect(fastPath(m, u), `${m} ${u}`).toBeNull();
  });
});
