// http: one request to a URL the rule names, through the outbound guard (no private addresses
// unless allowed). The idempotency key goes along as `Idempotency-Key`, the same on every
// attempt, so a receiver that honours it applies a retried call once.
import type { ActionPlugin } from "../plugin";
import { actionParamsSchemas, type HttpParams } from "../params";
import { httpLimits } from "../params/http";
import { guardedFetch } from "../../../net/outbound-guard";
import { describeUrl } from "../../../net/check-target";
import { errorForStatus } from "../../../net/http-status-error";
import { responseOutput } from "./http-response";

export const USER_AGENT = "Autoflow/1.0 (+automation rules)";

/** The request the action sends, also what a dry run shows. */
export function buildRequest(p: HttpParams, idempotencyKey: string) {
  const headers: Record<string, string> = { "user-agent": USER_AGENT };
  for (const [k, v] of Object.entries(p.headers ?? {})) headers[k.toLowerCase()] = v;
  // Ours, whatever the rule wrote: the contract promises this header carries the action's key.
  headers["idempotency-key"] = idempotencyKey;
  let body: string | undefined;
  if (p.body !== undefined && p.body !== null) {
    if (typeof p.body === "string") {
      body = p.body;
      headers["content-type"] ??= "text/plain; charset=utf-8";
    } else {
      body = JSON.stringify(p.body);
      headers["content-type"] ??= "application/json";
    }
  }
  return { method: p.method, url: p.url, headers, body };
}

export const httpAction: ActionPlugin<HttpParams> = {
  type: "http",
  version: 1,
  displayName: "HTTP request",
  paramsSchema: actionParamsSchemas.http as never,
  // The attempt's own cap sits above the largest per-request timeoutMs, so the params' timeout
  // (with its clearer message) is the one that fires.
  defaultTimeoutMs: httpLimits.maxTimeoutMs + 5_000,
  async run(p, ctx) {
    const req = buildRequest(p, ctx.idempotencyKey);
    if (ctx.dryRun) return { output: { wouldSend: req } };
    // Long calls show where they are in the execution detail while they run.
    ctx.progress(0, `waiting for ${req.method} ${describeUrl(new URL(req.url))}`);
    const res = await guardedFetch(req.url, {
      method: req.method,
      headers: req.headers,
      body: req.body,
      timeoutMs: p.timeoutMs ?? httpLimits.defaultTimeoutMs,
      maxResponseBytes: p.maxResponseBytes ?? httpLimits.defaultMaxResponseBytes,
      signal: ctx.signal,
    });
    ctx.progress(1, `answered ${res.status}`);
    if (res.status < 200 || res.status > 299) throw errorForStatus(`${req.method} ${describeUrl(new URL(res.url))}`, res);
    return { output: responseOutput(res) };
  },
};
