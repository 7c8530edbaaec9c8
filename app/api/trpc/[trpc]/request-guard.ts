// What the tRPC endpoint checks before any procedure runs (no Next.js imports: tests call it
// directly). CSRF: a mutation must come from this origin; a cross-site form or fetch carrying the
// session cookie has a foreign Origin (or none) and is refused. Size: a body over the cap is 413,
// read no further than the cap, so a huge upload cannot fill the memory.
import { MAX_BODY_BYTES } from "@/server/api/rest/handle-rest";

export const MAX_TRPC_BODY_BYTES = MAX_BODY_BYTES;

export function sameOrigin(req: Request): boolean {
  if (req.method === "GET" || req.method === "HEAD") return true;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

export function refusal(status: 403 | 413, code: string, message: string): Response {
  return Response.json({ error: { code, message } }, { status });
}

/** The request with its body read (up to `max` bytes), or a 413 answer. */
export async function capBody(req: Request, max = MAX_TRPC_BODY_BYTES): Promise<Request | Response> {
  if (req.method === "GET" || req.method === "HEAD" || !req.body) return req;
  const tooLarge = () => refusal(413, "PAYLOAD_TOO_LARGE", `request body is over ${max} bytes`);
  const declared = Number(req.headers.get("content-length") ?? NaN);
  if (Number.isFinite(declared) && declared > max) return tooLarge();
  const reader = req.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return tooLarge();
    }
    chunks.push(value);
  }
  const body = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    body.set(c, at);
    at += c.byteLength;
  }
  return new Request(req.url, { method: req.method, headers: req.headers, body, signal: req.signal });
}

/** Both checks, in order: null when the request may go on (with the returned request). */
export async function guardTrpcRequest(req: Request): Promise<{ req: Request } | { refused: Response }> {
  if (!sameOrigin(req)) return { refused: refusal(403, "FORBIDDEN", "cross-origin request refused") };
  const capped = await capBody(req);
  if (capped instanceof Response) return { refused: capped };
  return { req: capped };
}
