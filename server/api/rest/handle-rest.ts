// /api/v1 (no Next.js imports, so tests call it directly): authenticate the bearer token, parse
// the body, call the route's procedure, map errors through the one AppError table into
// {"error": {code, message, issues}}. `restAnswer` does the work on anything request-shaped and
// answers plain {status, headers, body}; `handleRest` wraps it in Web-standard Request/Response
// for the Next.js route (app/api/v1/[...path]/route.ts), and the web process's fast path for the
// ingest doors (server/web/ingest-fast-path.ts) writes the same answer straight to Node's response.
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, errorCodes, invalidDocument, isDatabaseUnavailable, RETRY_AFTER_SECONDS, toAppError, zodIssues } from "../../errors";
import { actorFromToken } from "../../auth/api-tokens";
import { logger } from "../../logger";
import { createCaller } from "../root";
import { matchRoute } from "./routes";
import { openApiDocument } from "./openapi";
import { receiveWebhook } from "../../domain/webhooks/receive-webhook";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

/** What restAnswer needs of a request: a Web `Request` has it, and so does the fast path's adapter. */
export interface RestRequest {
  method: string;
  url: string;
  headers: { get(name: string): string | null };
  text(): Promise<string>;
}

/** A REST answer: the status, headers and the serialised body (null for 204). */
export interface RestAnswer {
  status: number;
  headers: Record<string, string>;
  body: string | null;
}

const JSON_TYPE = { "content-type": "application/json; charset=utf-8" };

function json(status: number, body: unknown, headers: Record<string, string> = {}): RestAnswer {
  if (status === 204) return { status, headers, body: null };
  return { status, headers: { ...JSON_TYPE, ...headers }, body: JSON.stringify(body) };
}

function toResponse(a: RestAnswer): Response {
  return new Response(a.body, { status: a.status, headers: a.headers });
}

export function errorAnswer(err: unknown): RestAnswer {
  const app = toRestAppError(err);
  if (app.code === "INTERNAL") logger().error({ err }, "REST request failed");
  return json(app.httpStatus, { error: app.toJSON() }, app.code === "SERVICE_UNAVAILABLE" ? { "retry-after": String(RETRY_AFTER_SECONDS) } : {});
}

export function errorResponse(err: unknown): Response {
  return toResponse(errorAnswer(err));
}

function toRestAppError(err: unknown): AppError {
  if (err instanceof TRPCError) {
    const cause = err.cause;
    if (cause instanceof AppError) return cause;
    if (cause instanceof ZodError) return new AppError("BAD_REQUEST", invalidDocument(cause, "request").message, zodIssues(cause));
    if (cause && isDatabaseUnavailable(cause)) return toAppError(cause);
    const code = (Object.keys(errorCodes) as (keyof typeof errorCodes)[]).find((k) => errorCodes[k].trpc === err.code) ?? "INTERNAL";
    return code === "INTERNAL" ? toAppError(cause ?? err) : new AppError(code, err.message);
  }
  if (err instanceof ZodError) return new AppError("BAD_REQUEST", invalidDocument(err, "request").message, zodIssues(err));
  return toAppError(err);
}

async function readBody(req: RestRequest): Promise<{ raw: string; json: unknown }> {
  const len = Number(req.headers.get("content-length") ?? 0);
  if (len > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `request body is over ${MAX_BODY_BYTES} bytes`);
  const raw = await req.text();
  if (Buffer.byteLength(raw) > MAX_BODY_BYTES) throw new AppError("PAYLOAD_TOO_LARGE", `request body is over ${MAX_BODY_BYTES} bytes`);
  if (!raw.trim()) return { raw, json: undefined };
  try {
    return { raw, json: JSON.parse(raw) };
  } catch {
    throw new AppError("BAD_REQUEST", "request body is not valid JSON");
  }
}

/** Handles a request whose path is relative to /api/v1 (e.g. "/rules/123"). Never throws. */
export async function restAnswer(req: RestRequest, path: string): Promise<RestAnswer> {
  try {
    if (req.method === "GET" && path === "/openapi.json") return json(200, openApiDocument());
    const match = matchRoute(req.method, path);
    if (!match) throw new AppError("NOT_FOUND", `no route ${req.method} /api/v1${path}; see /api/v1/openapi.json`);
    if ("allowed" in match) {
      return json(405, { error: { code: "METHOD_NOT_ALLOWED", message: `use ${match.allowed.join(" or ")} for /api/v1${path}` } }, { allow: match.allowed.join(", ") });
    }
    const { route, params } = match;
    const body = route.body ? await readBody(req) : { raw: "", json: undefined };

    if (route.procedure === null) {
      // Webhooks: the signature, not a token, authenticates.
      const r = await receiveWebhook(params.ruleId, body.raw, req.headers.get("x-autoflow-signature"));
      return json(route.status ?? 200, r);
    }

    const auth = req.headers.get("authorization");
    const token = auth?.match(/^Bearer\s+(\S+)$/i)?.[1];
    const actor = token ? await actorFromToken(token) : null;
    if (token && !actor) throw new AppError("UNAUTHORIZED", "the API token is not valid or was revoked");

    const url = new URL(req.url);
    const query = Object.fromEntries(url.searchParams.entries());
    const input = route.input ? route.input({ params, query, body: body.json }) : undefined;
    const caller = createCaller({ actor });
    const fn = route.procedure.split(".").reduce<any>((o, k) => o[k], caller);
    const result = await fn(input);
    const out = route.output ? route.output(result) : result;
    return json(route.statusOf ? route.statusOf(result) : route.status ?? 200, out);
  } catch (err) {
    return errorAnswer(err);
  }
}

/** Handles a request whose path is relative to /api/v1 (e.g. "/rules/123"). */
export async function handleRest(req: Request, path: string): Promise<Response> {
  return toResponse(await restAnswer(req, path));
}
