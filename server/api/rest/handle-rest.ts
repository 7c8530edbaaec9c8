// /api/v1 over Web-standard Request/Response (no Next.js imports, so tests call it directly):
// authenticate the bearer token, parse the body, call the route's procedure, map errors through
// the one AppError table into {"error": {code, message, issues}}.
import { TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, errorCodes, invalidDocument, zodIssues } from "../../errors";
import { actorFromToken } from "../../auth/api-tokens";
import { logger } from "../../logger";
import { createCaller } from "../root";
import { matchRoute } from "./routes";
import { openApiDocument } from "./openapi";
import { receiveWebhook } from "../../domain/webhooks/receive-webhook";

export const MAX_BODY_BYTES = 5 * 1024 * 1024;

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  if (status === 204) return new Response(null, { status, headers });
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json; charset=utf-8", ...headers } });
}

export function errorResponse(err: unknown): Response {
  let app: AppError;
  if (err instanceof AppError) app = err;
  else if (err instanceof TRPCError) {
    const cause = err.cause;
    if (cause instanceof AppError) app = cause;
    else if (cause instanceof ZodError) app = new AppError("BAD_REQUEST", invalidDocument(cause, "request").message, zodIssues(cause));
    else {
      const code = (Object.keys(errorCodes) as (keyof typeof errorCodes)[]).find((k) => errorCodes[k].trpc === err.code) ?? "INTERNAL";
      app = new AppError(code, code === "INTERNAL" ? "Internal error" : err.message);
    }
  } else if (err instanceof ZodError) app = new AppError("BAD_REQUEST", invalidDocument(err, "request").message, zodIssues(err));
  else app = new AppError("INTERNAL", "Internal error");
  if (app.code === "INTERNAL") logger().error({ err }, "REST request failed");
  return json(app.httpStatus, { error: app.toJSON() });
}

async function readBody(req: Request): Promise<{ raw: string; json: unknown }> {
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

/** Handles a request whose path is relative to /api/v1 (e.g. "/rules/123"). */
export async function handleRest(req: Request, path: string): Promise<Response> {
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
    return errorResponse(err);
  }
}
