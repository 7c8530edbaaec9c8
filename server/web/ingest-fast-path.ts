// The web process's fast path for the two doors other systems push traffic through one request at
// a time: POST /api/v1/events and POST /api/v1/hooks/{ruleId}. They are answered by restAnswer —
// the function app/api/v1/[...path]/route.ts calls, so the same body limits and JSON parsing,
// token, permission table, procedure and error mapping — and the answer is written straight to
// Node's response, without Next.js's request pipeline (routing, Web Request/Response and stream
// conversions, tracing), which cost ~0.9 ms of CPU per request (bench/profile.ts, one event per
// request × 20): more than everything else the request does. Answers are the same as Next's:
// status, JSON body, security headers; only Next's `Vary: rsc, …` (about its page router) is
// not sent. No Next.js imports: server/web/serve.ts mounts it, tests call it on a bare server.
import type http from "node:http";
import { AppError } from "../errors";
import { MAX_BODY_BYTES, restAnswer, type RestAnswer, type RestRequest } from "../api/rest/handle-rest";
import { securityHeaders } from "./security-headers.mjs";

/** The /api/v1 path the fast path answers, or null (Next answers: its redirects and 404s stay as they are). */
export function fastPath(method: string | undefined, url: string | undefined): string | null {
  if (method !== "POST" || !url) return null;
  const q = url.indexOf("?");
  const pathname = q < 0 ? url : url.slice(0, q);
  // Exactly these shapes; anything else (trailing slash, encoded characters, other routes) is Next's.
  if (pathname === "/api/v1/events") return "/events";
  const m = /^\/api\/v1\/hooks\/([A-Za-z0-9-]{1,64})$/.exec(pathname);
  return m ? `/hooks/${m[1]}` : null;
}

const BASE_HEADERS: Record<string, string> = Object.fromEntries(securityHeaders.map((h) => [h.key, h.value]));

/** The request as restAnswer reads it; the body is read on demand, never past MAX_BODY_BYTES. */
function restRequest(req: http.IncomingMessage): RestRequest {
  return {
    method: req.method ?? "GET",
    url: `http://localhost${req.url ?? "/"}`,
    headers: {
      get(name: string) {
        const v = req.headers[name.toLowerCase()];
        return v === undefined ? null : Array.isArray(v) ? v.join(", ") : v;
      },
    },
    text: () =>
      new Promise<string>((resolve, reject) => {
        const chunks: Buffer[] = [];
        let size = 0;
        let settled = false;
        const fail = (err: unknown) => {
          if (settled) return;
          settled = true;
          reject(err);
        };
        req.on("data", (c: Buffer) => {
          if (settled) return;
          size += c.length;
          // Read no further than the cap (Node discards the rest once the answer is sent).
          if (size > MAX_BODY_BYTES) fail(new AppError("PAYLOAD_TOO_LARGE", `request body is over ${MAX_BODY_BYTES} bytes`));
          else chunks.push(c);
        });
        req.once("end", () => {
          if (settled) return;
          settled = true;
          const text = (chunks.length === 1 ? chunks[0] : Buffer.concat(chunks)).toString("utf8");
          // As the Fetch API's text() does: UTF-8, a leading byte-order mark dropped.
          resolve(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
        });
        req.once("error", fail);
        req.once("close", () => {
          if (!settled) fail(new AppError("BAD_REQUEST", "the request body was cut off"));
        });
      }),
  };
}

function send(res: http.ServerResponse, a: RestAnswer): void {
  const headers: Record<string, string | number> = { ...BASE_HEADERS, ...a.headers };
  if (a.body !== null) headers["content-length"] = Buffer.byteLength(a.body);
  res.writeHead(a.status, headers);
  res.end(a.body ?? undefined);
}

/** Answers the request when it is one of the fast-path doors (returns true), else leaves it alone. */
export function handleIngestFastPath(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const restPath = fastPath(req.method, req.url);
  if (!restPath) return false;
  restAnswer(restRequest(req), restPath)
    .then((a) => send(res, a))
    .catch((err: unknown) => {
      // restAnswer maps every error itself; this is a failure to write the answer.
      console.error(`Failed to answer ${req.method} ${req.url}`, err);
      if (!res.headersSent) send(res, { status: 500, headers: { "content-type": "application/json; charset=utf-8" }, body: JSON.stringify({ error: { code: "INTERNAL", message: "Internal error" } }) });
      else res.destroy();
    });
  return true;
}
