import { describe, expect, it } from "vitest";
import { httpParamsSchema } from "./http";

const issues = (params: unknown) =>
  httpParamsSchema.safeParse(params).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })) ?? [];

describe("http params", () => {
  it("fills the defaults: 10 s timeout, 1 MiB response", () => {
    expect(httpParamsSchema.parse({ method: "GET", url: "https://example.com" })).toEqual({
      method: "GET",
      url: "https://example.com",
      timeoutMs: 10_000,
      maxResponseBytes: 1_048_576,
    });
  });

  it.each<[string, unknown]>([
    ["every method", { method: "PATCH", url: "http://example.com/x?y=1" }],
    ["a JSON body", { method: "POST", url: "https://example.com", body: { order: "{{payload.orderId}}", n: [1, null, true] } }],
    ["a string body", { method: "PUT", url: "https://example.com", body: "raw {{payload.x}}" }],
    ["headers", { method: "DELETE", url: "https://example.com", headers: { Authorization: "Bearer {{payload.token}}", "X-A_b.c~": "1" } }],
    ["a templated url", { method: "POST", url: "{{payload.callbackUrl}}" }],
    ["a url with a template in it", { method: "POST", url: "https://{{payload.host}}/hook" }],
    ["the timeout bounds", { method: "HEAD", url: "https://example.com", timeoutMs: 100 }],
    ["the upper timeout bound", { method: "HEAD", url: "https://example.com", timeoutMs: 120_000, maxResponseBytes: 1 }],
    ["a null body on GET", { method: "GET", url: "https://example.com", body: null }],
  ])("accepts %s", (_, params) => {
    expect(issues(params)).toEqual([]);
  });

  const urlMessage = "'url' must be an http(s) address such as https://example.com/hook, or contain a template such as {{payload.callbackUrl}}";
  it.each<[string, unknown, string, string]>([
    ["a missing method", { url: "https://example.com" }, "method", "http needs a 'method': GET, POST, PUT, PATCH, DELETE or HEAD"],
    ["a lower-case method", { method: "post", url: "https://example.com" }, "method", "'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD (upper case)"],
    ["OPTIONS", { method: "OPTIONS", url: "https://example.com" }, "method", "'method' must be one of GET, POST, PUT, PATCH, DELETE, HEAD (upper case)"],
    ["a missing url", { method: "GET" }, "url", "http needs a 'url', such as https://example.com/hook"],
    ["an ftp url", { method: "GET", url: "ftp://example.com" }, "url", urlMessage],
    ["a relative url", { method: "GET", url: "/hook" }, "url", urlMessage],
    ["a javascript url", { method: "GET", url: "javascript:alert(1)" }, "url", urlMessage],
    ["a GET with a body", { method: "GET", url: "https://example.com", body: { a: 1 } }, "body", "a GET request has no body: use POST, PUT or PATCH"],
    ["a HEAD with a body", { method: "HEAD", url: "https://example.com", body: "" }, "body", "a HEAD request has no body: use POST, PUT or PATCH"],
    ["a non-JSON body", { method: "POST", url: "https://example.com", body: Number.NaN }, "body", "'body' must be text or JSON"],
    ["a bad header name", { method: "GET", url: "https://example.com", headers: { "X Bad": "1" } }, "headers.X Bad", "'X Bad' is not a valid header name"],
    ["a header with a line break", { method: "GET", url: "https://example.com", headers: { "X-A": "1\r\nX-B: 2" } }, "headers.X-A", "header 'X-A' must be on one line"],
    ["a numeric header value", { method: "GET", url: "https://example.com", headers: { "X-A": 1 } }, "headers.X-A", "header values must be text"],
    ["headers as a list", { method: "GET", url: "https://example.com", headers: ["X-A: 1"] }, "headers", "'headers' must be an object of name: value"],
    ["a tiny timeout", { method: "GET", url: "https://example.com", timeoutMs: 99 }, "timeoutMs", "'timeoutMs' must be from 100 to 120000"],
    ["a huge timeout", { method: "GET", url: "https://example.com", timeoutMs: 120_001 }, "timeoutMs", "'timeoutMs' must be from 100 to 120000"],
    ["a fractional timeout", { method: "GET", url: "https://example.com", timeoutMs: 1000.5 }, "timeoutMs", "'timeoutMs' must be a whole number of milliseconds"],
    ["a string timeout", { method: "GET", url: "https://example.com", timeoutMs: "1000" }, "timeoutMs", "'timeoutMs' must be a number of milliseconds"],
    ["a zero response cap", { method: "GET", url: "https://example.com", maxResponseBytes: 0 }, "maxResponseBytes", "'maxResponseBytes' must be at least 1"],
    ["a giant response cap", { method: "GET", url: "https://example.com", maxResponseBytes: 17 * 1024 * 1024 }, "maxResponseBytes", "'maxResponseBytes' must be at most 16 MiB (16777216)"],
  ])("rejects %s", (_, params, path, message) => {
    expect(issues(params)).toContainEqual({ path, message });
  });
});
