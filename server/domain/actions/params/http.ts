import { z } from "zod";
import { jsonValue, strictParams, templatedUrl } from "./param-helpers";

/**
 * `http`: {method, url, headers?, body?, timeoutMs?, maxResponseBytes?}.
 * 2xx succeeds; 5xx, 429 and network errors are retried; other 4xx fail at once.
 * The response is read up to maxResponseBytes so one huge reply cannot exhaust a worker.
 */

export const httpMethods = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] as const;

export const httpLimits = {
  minTimeoutMs: 100,
  maxTimeoutMs: 120_000,
  defaultTimeoutMs: 10_000,
  defaultMaxResponseBytes: 1024 * 1024,
  maxMaxResponseBytes: 16 * 1024 * 1024,
} as const;

// RFC 9110 token characters.
const headerNamePattern = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const headersSchema = z
  .record(z.string(), z.string({ error: "header values must be text" }), { error: "'headers' must be an object of name: value" })
  .superRefine((headers, ctx) => {
    for (const [name, value] of Object.entries(headers)) {
      if (!headerNamePattern.test(name)) {
        ctx.addIssue({ code: "custom", path: [name], message: `'${name}' is not a valid header name` });
      } else if (/[\r\n\0]/.test(value)) {
        // A line break would let a header value smuggle in extra headers.
        ctx.addIssue({ code: "custom", path: [name], message: `header '${name}' must be on one line` });
      }
    }
  });

export const httpParamsSchema = strictParams("http", {
  method: z.enum(httpMethods, {
    error: (issue) =>
      issue.input === undefined ? "http needs a 'method': GET, POST, PUT, PATCH, DELETE or HEAD" : `'method' must be one of ${httpMethods.join(", ")} (upper case)`,
  }),
  url: templatedUrl(
    "http needs a 'url', such as https://example.com/hook",
    "'url' must be an http(s) address such as https://example.com/hook, or contain a template such as {{payload.callbackUrl}}",
  ),
  headers: headersSchema.optional(),
  body: jsonValue("'body' must be text or JSON").optional(),
  timeoutMs: z
    .number({ error: "'timeoutMs' must be a number of milliseconds" })
    .int({ message: "'timeoutMs' must be a whole number of milliseconds" })
    .min(httpLimits.minTimeoutMs, { message: `'timeoutMs' must be from ${httpLimits.minTimeoutMs} to ${httpLimits.maxTimeoutMs}` })
    .max(httpLimits.maxTimeoutMs, { message: `'timeoutMs' must be from ${httpLimits.minTimeoutMs} to ${httpLimits.maxTimeoutMs}` })
    .default(httpLimits.defaultTimeoutMs),
  maxResponseBytes: z
    .number({ error: "'maxResponseBytes' must be a number of bytes" })
    .int({ message: "'maxResponseBytes' must be a whole number of bytes" })
    .min(1, { message: "'maxResponseBytes' must be at least 1" })
    .max(httpLimits.maxMaxResponseBytes, { message: "'maxResponseBytes' must be at most 16 MiB (16777216)" })
    .default(httpLimits.defaultMaxResponseBytes),
}).superRefine((params, ctx) => {
  // fetch refuses a body on these; saying so now beats a failed execution later.
  if ((params.method === "GET" || params.method === "HEAD") && params.body !== undefined && params.body !== null) {
    ctx.addIssue({ code: "custom", path: ["body"], message: `a ${params.method} request has no body: use POST, PUT or PATCH` });
  }
});

export type HttpParams = z.output<typeof httpParamsSchema>;
