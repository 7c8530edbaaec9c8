// Every call Autoflow makes to a URL that a rule author typed goes through here. Rule authors are
// not admins: without this guard an http action could read the cloud metadata service, the
// database port or an admin page on the private network (SSRF).
//
// Why node:http and not fetch: fetch resolves the name itself, after our check, so a name that
// answers "public" to the check and "127.0.0.1" to the connect (DNS rebinding) would get through.
// Here the socket's `lookup` returns the addresses we checked, and redirects are followed by hand
// so every hop is checked the same way.
import http from "node:http";
import https from "node:https";
import type { LookupFunction } from "node:net";
import { env } from "../env";
import { ActionError } from "../domain/actions/plugin";
import { checkTarget, describeUrl, type CheckedTarget, type PinnedAddress, type Resolver } from "./check-target";

export interface GuardedFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  /** One deadline for the whole call, redirects included. */
  timeoutMs?: number;
  /** The body is read up to this size; a larger response is refused, not truncated. */
  maxResponseBytes?: number;
  signal?: AbortSignal;
  /** `host[:port]` entries that may resolve to private addresses; default AUTOFLOW_HTTP_ALLOWED_HOSTS. */
  allowedHosts?: readonly string[];
  maxRedirects?: number;
  /** Headers dropped when a redirect leaves the origin (credentials must not follow it). */
  sensitiveHeaders?: readonly string[];
  /** Name resolution; default the system resolver. The connection always uses its answer. */
  resolver?: Resolver;
}

export interface GuardedResponse {
  status: number;
  statusText: string;
  /** Lower-cased names; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: Buffer;
  /** The URL that answered (after redirects). */
  url: string;
  redirects: number;
  remoteAddress: string | null;
  text(): string;
  json(): unknown;
}

export const DEFAULT_TIMEOUT_MS = 30_000;
export const DEFAULT_MAX_RESPONSE_BYTES = 1024 * 1024;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
const ALWAYS_SENSITIVE = ["authorization", "cookie", "proxy-authorization"];

export async function guardedFetch(input: string | URL, init: GuardedFetchInit = {}): Promise<GuardedResponse> {
  const timeoutMs = init.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const maxBytes = init.maxResponseBytes ?? DEFAULT_MAX_RESPONSE_BYTES;
  const maxRedirects = init.maxRedirects ?? 5;
  const allowedHosts = init.allowedHosts ?? env().AUTOFLOW_HTTP_ALLOWED_HOSTS;
  const sensitive = new Set([...ALWAYS_SENSITIVE, ...(init.sensitiveHeaders ?? []).map((h) => h.toLowerCase())]);

  const timeout = AbortSignal.timeout(timeoutMs);
  const signal = init.signal ? AbortSignal.any([init.signal, timeout]) : timeout;
  const abortError = () =>
    timeout.aborted && !init.signal?.aborted
      ? new ActionError("dependency", `no complete answer within ${timeoutMs} ms`, { retryable: true })
      : init.signal?.reason instanceof Error
        ? init.signal.reason
        : new ActionError("dependency", "the request was aborted", { retryable: true });

  let url = parseUrl(input);
  let method = (init.method ?? "GET").toUpperCase();
  let body = init.body;
  let headers = { ...lowerKeys(init.headers ?? {}) };

  for (let hop = 0; ; hop++) {
    let target: CheckedTarget;
    try {
      target = await checkTarget(url, allowedHosts, signal, init.resolver);
    } catch (err) {
      throw signal.aborted ? abortError() : err;
    }
    const res = await send(target, method, headers, body, maxBytes, signal, abortError);
    const location = res.headers.location;
    if (!REDIRECTS.has(res.status) || !location) return { ...res, redirects: hop };
    if (hop >= maxRedirects) {
      throw new ActionError("runtime", `more than ${maxRedirects} redirects, last to ${location}`, { retryable: false });
    }
    const next = new URL(location, url);
    // Browsers' rules: 303 (and 301/302 after a POST) become a GET without a body.
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === "POST")) {
      if (method !== "HEAD") method = "GET";
      body = undefined;
      delete headers["content-type"];
      delete headers["content-length"];
    }
    if (next.origin !== url.origin) {
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !sensitive.has(k)));
    }
    url = next;
  }
}

function publicUrl(url: URL): string {
  const u = new URL(url);
  u.username = "";
  u.password = "";
  return u.toString();
}

function parseUrl(input: string | URL): URL {
  try {
    return new URL(String(input));
  } catch {
    throw new ActionError("configuration", `'${String(input).slice(0, 200)}' is not a valid URL`, { retryable: false });
  }
}

function lowerKeys(h: Record<string, string>): Record<string, string> {
  return Object.fromEntries(Object.entries(h).map(([k, v]) => [k.toLowerCase(), String(v)]));
}

/** A `lookup` that answers with the checked addresses only: the socket cannot go elsewhere. */
function pinnedLookup(addresses: PinnedAddress[]): LookupFunction {
  return ((_host: string, options: { all?: boolean }, cb: (...args: unknown[]) => void) => {
    if (options?.all) cb(null, addresses.map((a) => ({ address: a.address, family: a.family })));
    else cb(null, addresses[0].address, addresses[0].family);
  }) as unknown as LookupFunction;
}

function send(
  target: CheckedTarget,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  maxBytes: number,
  signal: AbortSignal,
  abortError: () => Error,
): Promise<Omit<GuardedResponse, "redirects">> {
  const { url } = target;
  const what = `${method} ${describeUrl(url)}`;
  const payload = body === undefined ? undefined : typeof body === "string" ? Buffer.from(body) : Buffer.from(body);
  const outHeaders: Record<string, string> = { "accept-encoding": "identity", ...headers };
  if (payload) outHeaders["content-length"] = String(payload.length);

  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(abortError());
    let settled = false;
    const finish = (err: Error | null, value?: Omit<GuardedResponse, "redirects">) => {
      if (settled) return;
      settled = true;
      signal.removeEventListener("abort", onAbort);
      if (err) {
        req.destroy();
        reject(err);
      } else resolve(value!);
    };
    const onAbort = () => finish(abortError());

    const mod = url.protocol === "https:" ? https : http;
    const req = mod.request({
      protocol: url.protocol,
      hostname: target.hostname,
      port: target.port,
      path: `${url.pathname}${url.search}`,
      method,
      headers: outHeaders,
      auth: url.username ? `${decodeURIComponent(url.username)}:${decodeURIComponent(url.password)}` : undefined,
      lookup: pinnedLookup(target.addresses),
      // No shared agent: a pooled socket could have been opened for another check's addresses.
      agent: false,
    });
    signal.addEventListener("abort", onAbort, { once: true });

    req.on("error", (err: NodeJS.ErrnoException) => {
      if (signal.aborted) return finish(abortError());
      finish(new ActionError("dependency", `${what} failed: ${err.code ?? err.message}`, { retryable: true }));
    });
    req.on("response", (res) => {
      const tooLarge = () =>
        new ActionError("runtime", `${what}: the response is larger than ${maxBytes} bytes`, {
          retryable: false,
          details: { status: res.statusCode, maxResponseBytes: maxBytes },
        });
      const status = res.statusCode ?? 0;
      const remoteAddress = res.socket?.remoteAddress ?? null;
      const headersOut: Record<string, string> = {};
      for (const [k, v] of Object.entries(res.headers)) {
        if (v !== undefined) headersOut[k] = Array.isArray(v) ? v.join(", ") : v;
      }
      const answer = (buf: Buffer) => ({
        status,
        statusText: res.statusMessage ?? "",
        headers: headersOut,
        body: buf,
        url: publicUrl(url),
        remoteAddress,
        text: () => buf.toString("utf8"),
        json: () => JSON.parse(buf.toString("utf8")) as unknown,
      });
      // A redirect's body is never used: stop reading it and follow the Location.
      if (REDIRECTS.has(status) && headersOut.location) {
        res.destroy();
        return finish(null, answer(Buffer.alloc(0)));
      }
      const declared = Number(res.headers["content-length"]);
      if (Number.isFinite(declared) && declared > maxBytes) return finish(tooLarge());
      const chunks: Buffer[] = [];
      let size = 0;
      res.on("data", (chunk: Buffer) => {
        size += chunk.length;
        if (size > maxBytes) return finish(tooLarge());
        chunks.push(chunk);
      });
      res.on("error", (err: NodeJS.ErrnoException) => {
        if (signal.aborted) return finish(abortError());
        finish(new ActionError("dependency", `${what}: the response broke off (${err.code ?? err.message})`, { retryable: true }));
      });
      res.on("close", () => {
        if (!res.complete) finish(new ActionError("dependency", `${what}: the response broke off`, { retryable: true }));
      });
      res.on("end", () => finish(null, answer(Buffer.concat(chunks))));
    });
    req.end(payload);
  });
}
