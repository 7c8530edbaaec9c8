// The SSRF check of one URL: resolve its host once, refuse it when ANY address is private,
// loopback, link-local or metadata (a name with one public and one private address is how
// rebinding attacks hide), and hand back exactly those addresses so the caller connects to
// them and never asks DNS again.
import dns from "node:dns/promises";
import net from "node:net";
import { ActionError, configError } from "../domain/actions/plugin";
import { blockedReason } from "./ip-ranges";

export interface PinnedAddress {
  address: string;
  family: 4 | 6;
}

/** Name → addresses. The default is the system resolver (dns.lookup, all addresses). */
export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dns.lookup(hostname, { all: true, verbatim: true });

export interface CheckedTarget {
  url: URL;
  /** `host:port` as the allow-list spells it (IPv6 in brackets, no trailing dot). */
  hostPort: string;
  /** The host to connect to, without IPv6 brackets. */
  hostname: string;
  port: number;
  addresses: PinnedAddress[];
  allowListed: boolean;
}

/** The URL without credentials or query string: query strings often carry API keys. */
export function describeUrl(url: URL): string {
  return `${url.protocol}//${url.host}${url.pathname}`;
}

function resolveError(err: unknown, host: string): ActionError {
  const code = (err as NodeJS.ErrnoException)?.code ?? "";
  // ENOTFOUND may be a typo or a DNS outage; both are worth a retry, and the log says which name.
  return new ActionError("dependency", `could not resolve '${host}' (${code || (err as Error)?.message})`, { retryable: true });
}

export async function checkTarget(
  url: URL,
  allowedHosts: readonly string[],
  signal?: AbortSignal,
  resolve: Resolver = systemResolver,
): Promise<CheckedTarget> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw configError(`only http and https URLs can be called, not '${url.protocol.replace(/:$/, "")}'`);
  }
  const host = url.hostname.toLowerCase().replace(/\.$/, "");
  const hostname = host.replace(/^\[|\]$/g, "");
  const port = url.port ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  const hostPort = `${host}:${port}`;
  const allowListed = allowedHosts.includes(host) || allowedHosts.includes(hostPort);

  let addresses: PinnedAddress[];
  const literal = net.isIP(hostname);
  if (literal) {
    addresses = [{ address: hostname, family: literal as 4 | 6 }];
  } else {
    let found: { address: string; family: number }[];
    try {
      found = await abortable(resolve(hostname), signal);
    } catch (err) {
      if (signal?.aborted) throw err;
      throw resolveError(err, hostname);
    }
    if (found.length === 0) throw resolveError(new Error("no addresses"), hostname);
    addresses = found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }

  if (!allowListed) {
    for (const { address } of addresses) {
      const reason = blockedReason(address);
      if (reason) {
        throw configError(
          `'${hostPort}' resolves to ${address}, ${reason}; add '${hostPort}' to AUTOFLOW_HTTP_ALLOWED_HOSTS to allow it`,
          { host: hostPort, address, reason },
        );
      }
    }
  }
  return { url, hostPort, hostname, port, addresses, allowListed };
}

function abortable<T>(p: Promise<T>, signal?: AbortSignal): Promise<T> {
  if (!signal) return p;
  if (signal.aborted) return Promise.reject(signal.reason);
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(signal.reason);
    signal.addEventListener("abort", onAbort, { once: true });
    p.then(resolve, reject).finally(() => signal.removeEventListener("abort", onAbort));
  });
}
