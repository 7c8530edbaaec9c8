// Real servers on loopback addresses; every "refused" case also checks that the server saw nothing.
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { resetEnvCache } from "../env";
import { ActionError } from "../domain/actions/plugin";
import { guardedFetch } from "./outbound-guard";
import { startTestHttpServer, type TestHttpServer } from "./test-http-server";

let a: TestHttpServer; // 127.0.0.2, the "allowed" host in most tests
let b: TestHttpServer; // 127.0.0.3, never allowed: redirects must not reach it

beforeAll(async () => {
  a = await startTestHttpServer("127.0.0.2");
  b = await startTestHttpServer("127.0.0.3");
});
afterAll(async () => {
  await a.close();
  await b.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
});
afterEach(() => {
  a.requests.length = 0;
  b.requests.length = 0;
  a.handle((_q, res) => res.end("ok"));
  b.handle((_q, res) => res.end("ok"));
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
});

async function refusal(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

describe("the private-address guard", () => {
  test("refuses a loopback address that is not on the allow list, and says how to allow it", async () => {
    const err = await refusal(guardedFetch(`${a.origin}/x`, { allowedHosts: [] }));
    expect(err.errorClass).toBe("configuration");
    expect(err.retryable).toBe(false);
    expect(err.message).toBe(
      `'127.0.0.2:${a.port}' resolves to 127.0.0.2, a loopback address; add '127.0.0.2:${a.port}' to AUTOFLOW_HTTP_ALLOWED_HOSTS to allow it`,
    );
    expect(a.requests).toHaveLength(0);
  });

  test("reads AUTOFLOW_HTTP_ALLOWED_HOSTS (host:port, case-insensitive) when no list is passed", async () => {
    await refusal(guardedFetch(`${a.origin}/x`));
    process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `example.org, 127.0.0.2:${a.port}`;
    resetEnvCache();
    const res = await guardedFetch(`${a.origin}/x`);
    expect(res.status).toBe(200);
    expect(res.text()).toBe("ok");
    expect(a.requests).toHaveLength(1);
  });

  test("a bare host on the list allows every port; host:port allows only that port", async () => {
    expect((await guardedFetch(`${a.origin}/`, { allowedHosts: ["127.0.0.2"] })).status).toBe(200);
    const err = await refusal(guardedFetch(`${a.origin}/`, { allowedHosts: [`127.0.0.2:${a.port + 1}`] }));
    expect(err.errorClass).toBe("configuration");
  });

  test("refuses IPv4-mapped IPv6 and the metadata address", async () => {
    const mapped = await refusal(guardedFetch(`http://[::ffff:127.0.0.2]:${a.port}/`, { allowedHosts: [`127.0.0.2:${a.port}`] }));
    expect(mapped.message).toContain("a loopback address");
    const meta = await refusal(guardedFetch("http://169.254.169.254/latest/meta-data/", { allowedHosts: [] }));
    expect(meta.message).toContain("the cloud metadata address");
    expect(meta.errorClass).toBe("configuration");
  });

  test("refuses a name when ANY of its addresses is private", async () => {
    const resolver = async () => [
      { address: "93.184.215.14", family: 4 },
      { address: "10.0.0.7", family: 4 },
    ];
    const err = await refusal(guardedFetch("http://mixed.example.test/", { allowedHosts: [], resolver }));
    expect(err.message).toContain("'mixed.example.test:80' resolves to 10.0.0.7, a private address");
  });

  test("connects to the checked address, not to a second lookup (no DNS rebinding)", async () => {
    let lookups = 0;
    // The name exists only in this resolver: if the socket resolved it again, the call would fail.
    const resolver = async () => {
      lookups++;
      return [{ address: "127.0.0.2", family: 4 }];
    };
    const res = await guardedFetch(`http://pinned.example.test:${a.port}/p`, {
      allowedHosts: [`pinned.example.test:${a.port}`],
      resolver,
    });
    expect(res.status).toBe(200);
    expect(lookups).toBe(1);
    expect(res.remoteAddress).toBe("127.0.0.2");
    expect(a.requests[0].headers.host).toBe(`pinned.example.test:${a.port}`);
  });

  test("only http and https", async () => {
    const err = await refusal(guardedFetch("file:///etc/passwd"));
    expect(err.errorClass).toBe("configuration");
    expect(err.message).toContain("not 'file'");
  });
});

describe("redirects", () => {
  test("a redirect to a loopback address that is not allowed is refused before it is followed", async () => {
    a.handle((_q, res) => res.writeHead(302, { location: `${b.origin}/internal` }).end());
    const err = await refusal(guardedFetch(`${a.origin}/start`, { allowedHosts: [`127.0.0.2:${a.port}`] }));
    expect(err.errorClass).toBe("configuration");
    expect(err.message).toContain(`'127.0.0.3:${b.port}' resolves to 127.0.0.3, a loopback address`);
    expect(a.requests).toHaveLength(1);
    expect(b.requests).toHaveLength(0);
  });

  test("follows allowed redirects, turns 303 into GET, drops credentials across origins", async () => {
    a.handle((_q, res) => res.writeHead(303, { location: `${b.origin}/done` }).end());
    b.handle((_q, res) => res.end("landed"));
    const res = await guardedFetch(`${a.origin}/start`, {
      method: "POST",
      body: "x=1",
      headers: { Authorization: "Bearer secret", "X-Api-Key": "k", "Idempotency-Key": "1:0" },
      sensitiveHeaders: ["x-api-key"],
      allowedHosts: ["127.0.0.2", "127.0.0.3"],
    });
    expect(res.status).toBe(200);
    expect(res.text()).toBe("landed");
    expect(res.redirects).toBe(1);
    expect(a.requests[0].headers.authorization).toBe("Bearer secret");
    expect(b.requests[0].method).toBe("GET");
    expect(b.requests[0].body).toBe("");
    expect(b.requests[0].headers.authorization).toBeUndefined();
    expect(b.requests[0].headers["x-api-key"]).toBeUndefined();
    expect(b.requests[0].headers["idempotency-key"]).toBe("1:0");
  });

  test("307 keeps the method and body", async () => {
    a.handle((q, res) => (q.url === "/start" ? res.writeHead(307, { location: "/again" }).end() : res.end(q.body)));
    const res = await guardedFetch(`${a.origin}/start`, { method: "PUT", body: "payload", allowedHosts: ["127.0.0.2"] });
    expect(res.text()).toBe("payload");
    expect(a.requests.map((r) => r.method)).toEqual(["PUT", "PUT"]);
  });

  test("at most 5 redirects", async () => {
    a.handle((q, res) => res.writeHead(302, { location: `/r${a.requests.length}` }).end());
    const err = await refusal(guardedFetch(`${a.origin}/r0`, { allowedHosts: ["127.0.0.2"] }));
    expect(err.errorClass).toBe("runtime");
    expect(err.retryable).toBe(false);
    expect(err.message).toContain("more than 5 redirects");
    expect(a.requests).toHaveLength(6);
  });
});

describe("limits", () => {
  test("a response over the size cap is refused, with or without Content-Length", async () => {
    a.handle((_q, res) => res.end("x".repeat(5000)));
    const declared = await refusal(guardedFetch(a.origin, { allowedHosts: ["127.0.0.2"], maxResponseBytes: 1000 }));
    expect(declared.message).toContain("larger than 1000 bytes");
    expect(declared.retryable).toBe(false);

    a.handle((_q, res) => {
      res.writeHead(200, { "content-type": "text/plain" }); // chunked: no length up front
      for (let i = 0; i < 10; i++) res.write("y".repeat(500));
      res.end();
    });
    const streamed = await refusal(guardedFetch(a.origin, { allowedHosts: ["127.0.0.2"], maxResponseBytes: 1000 }));
    expect(streamed.message).toContain("larger than 1000 bytes");

    const fits = await guardedFetch(a.origin, { allowedHosts: ["127.0.0.2"], maxResponseBytes: 5000 });
    expect(fits.body.length).toBe(5000);
  });

  test("times out as a retryable dependency error", async () => {
    a.handle(() => {}); // never answers
    const started = Date.now();
    const err = await refusal(guardedFetch(a.origin, { allowedHosts: ["127.0.0.2"], timeoutMs: 200 }));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(err.errorClass).toBe("dependency");
    expect(err.retryable).toBe(true);
    expect(err.message).toContain("within 200 ms");
  });

  test("the caller's signal aborts the call with its reason", async () => {
    a.handle(() => {});
    const ctl = new AbortController();
    setTimeout(() => ctl.abort(new ActionError("runtime", "cancelled")), 50);
    const err = await refusal(guardedFetch(a.origin, { allowedHosts: ["127.0.0.2"], signal: ctl.signal }));
    expect(err.message).toBe("cancelled");
  });

  test("a refused connection is a retryable dependency error", async () => {
    const closed = await startTestHttpServer("127.0.0.2");
    const port = closed.port;
    await closed.close();
    const err = await refusal(guardedFetch(`http://127.0.0.2:${port}/`, { allowedHosts: ["127.0.0.2"] }));
    expect(err.errorClass).toBe("dependency");
    expect(err.message).toContain("ECONNREFUSED");
  });
});
