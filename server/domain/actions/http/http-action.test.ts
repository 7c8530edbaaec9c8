// The http plugin against a real server on 127.0.0.2. Retrying is the engine's job; here each
// attempt is one plugin call with the same context, as the engine makes it.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { resetEnvCache } from "../../../env";
import { closeDb } from "../../../db";
import { ActionError } from "../plugin";
import { startTestHttpServer, type TestHttpServer } from "../../../net/test-http-server";
import { httpAction } from "./http-action";
import { testRunContext } from "./test-run-context";

let srv: TestHttpServer;
let other: TestHttpServer; // 127.0.0.3: never on the allow list

const params = (p: Record<string, unknown>) => httpAction.paramsSchema.parse(p);
const run = (p: Record<string, unknown>, ctx = testRunContext()) => httpAction.run(params(p), ctx);

async function failure(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

function allow(...hosts: string[]) {
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = hosts.join(",");
  resetEnvCache();
}

beforeAll(async () => {
  srv = await startTestHttpServer("127.0.0.2");
  other = await startTestHttpServer("127.0.0.3");
});
afterAll(async () => {
  await srv.close();
  await other.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
  await closeDb();
});
afterEach(() => {
  srv.requests.length = 0;
  other.requests.length = 0;
  srv.handle((_q, res) => res.end("ok"));
  allow(`127.0.0.2:${srv.port}`);
});

describe("http action", () => {
  test("503, 503, 200: retryable dependency errors, then success, one Idempotency-Key throughout", async () => {
    allow(`127.0.0.2:${srv.port}`);
    const answers = [503, 503, 200];
    srv.handle((_q, res) => {
      const status = answers.shift()!;
      if (status === 200) res.writeHead(200, { "content-type": "application/json", "x-request-id": "r-1", "set-cookie": "s=1" }).end('{"ok":true,"id":42}');
      else res.writeHead(status).end("try later");
    });
    const ctx = testRunContext();
    const p = { method: "POST", url: `${srv.origin}/hook?x=1`, body: { orderId: "A1" }, headers: { "X-Trace": "t" } };
    for (let attempt = 1; attempt <= 2; attempt++) {
      const err = await failure(run(p, { ...ctx, attempt }));
      expect(err.errorClass).toBe("dependency");
      expect(err.retryable).toBe(true);
      expect(err.message).toBe(`POST ${srv.origin}/hook answered 503 Service Unavailable`);
      expect(err.details).toMatchObject({ status: 503, body: "try later" });
    }
    const result = await run(p, { ...ctx, attempt: 3 });
    expect(result.output).toEqual({
      status: 200,
      headers: { "content-type": "application/json", "x-request-id": "r-1" },
      body: { ok: true, id: 42 },
      url: `${srv.origin}/hook?x=1`,
      redirects: 0,
    });
    expect(srv.requests).toHaveLength(3);
    for (const r of srv.requests) {
      expect(r.headers["idempotency-key"]).toBe(ctx.idempotencyKey);
      expect(r.headers["content-type"]).toBe("application/json");
      expect(r.headers["x-trace"]).toBe("t");
      expect(JSON.parse(r.body)).toEqual({ orderId: "A1" });
    }
  });

  test("400 fails at once (not retryable); 429 is retryable", async () => {
    srv.handle((_q, res) => res.writeHead(400, { "content-type": "application/json" }).end('{"error":"bad field"}'));
    const bad = await failure(run({ method: "PUT", url: `${srv.origin}/x` }));
    expect(bad.errorClass).toBe("runtime");
    expect(bad.retryable).toBe(false);
    expect(bad.details).toMatchObject({ status: 400, body: '{"error":"bad field"}' });

    srv.handle((_q, res) => res.writeHead(429, { "retry-after": "7" }).end());
    const limited = await failure(run({ method: "GET", url: `${srv.origin}/x` }));
    expect(limited.errorClass).toBe("dependency");
    expect(limited.retryable).toBe(true);
    expect(limited.details).toMatchObject({ status: 429, retryAfter: "7" });
  });

  test("the rule cannot replace the Idempotency-Key", async () => {
    const ctx = testRunContext();
    await run({ method: "POST", url: srv.origin, body: "plain", headers: { "idempotency-key": "mine" } }, ctx);
    expect(srv.requests[0].headers["idempotency-key"]).toBe(ctx.idempotencyKey);
    expect(srv.requests[0].headers["content-type"]).toBe("text/plain; charset=utf-8");
    expect(srv.requests[0].body).toBe("plain");
  });

  test("a host that is not allowed is refused as configuration (not retried); allowing it works", async () => {
    allow();
    const err = await failure(run({ method: "GET", url: `${srv.origin}/` }));
    expect(err.errorClass).toBe("configuration");
    expect(err.retryable).toBe(false);
    expect(err.message).toContain(`add '127.0.0.2:${srv.port}' to AUTOFLOW_HTTP_ALLOWED_HOSTS`);
    expect(srv.requests).toHaveLength(0);
    allow(`127.0.0.2:${srv.port}`);
    expect((await run({ method: "GET", url: `${srv.origin}/` })).output).toMatchObject({ status: 200, body: "ok" });
  });

  test("a redirect to a disallowed loopback address is refused", async () => {
    srv.handle((_q, res) => res.writeHead(302, { location: `${other.origin}/admin` }).end());
    const err = await failure(run({ method: "GET", url: `${srv.origin}/go` }));
    expect(err.errorClass).toBe("configuration");
    expect(err.message).toContain("127.0.0.3, a loopback address");
    expect(other.requests).toHaveLength(0);
  });

  test("a response over maxResponseBytes is refused; text over 64 KiB is truncated", async () => {
    srv.handle((_q, res) => res.end("z".repeat(2000)));
    const err = await failure(run({ method: "GET", url: srv.origin, maxResponseBytes: 1000 }));
    expect(err.errorClass).toBe("runtime");
    expect(err.message).toContain("larger than 1000 bytes");

    srv.handle((_q, res) => res.writeHead(200, { "content-type": "text/plain" }).end("é".repeat(40_000)));
    const out = (await run({ method: "GET", url: srv.origin })).output as { body: string; truncated?: boolean };
    expect(out.truncated).toBe(true);
    expect(Buffer.byteLength(out.body)).toBeLessThanOrEqual(64 * 1024 + 3);
  });

  test("timeoutMs and the context's signal both stop the call", async () => {
    srv.handle(() => {});
    const slow = await failure(run({ method: "GET", url: srv.origin, timeoutMs: 150 }));
    expect(slow.errorClass).toBe("dependency");
    expect(slow.retryable).toBe(true);

    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new ActionError("runtime", "cancelled")), 50);
    const cancelled = await failure(run({ method: "GET", url: srv.origin }, testRunContext({ signal: ctl.signal })));
    expect(cancelled.message).toBe("cancelled");
  });

  test("a dry run shows the request and sends nothing", async () => {
    const ctx = testRunContext({ dryRun: true });
    const result = await run({ method: "POST", url: `${srv.origin}/x`, body: { a: 1 } }, ctx);
    expect(result.output).toEqual({
      wouldSend: {
        method: "POST",
        url: `${srv.origin}/x`,
        headers: { "user-agent": expect.any(String), "idempotency-key": ctx.idempotencyKey, "content-type": "application/json" },
        body: '{"a":1}',
      },
    });
    expect(srv.requests).toHaveLength(0);
  });
});
