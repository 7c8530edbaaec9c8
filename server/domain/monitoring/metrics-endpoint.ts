// GET /api/metrics over Web-standard Request/Response (no Next.js imports, so tests call it
// directly): a bearer API token of any role, then the Prometheus text.
import { actorFromToken } from "../../auth/api-tokens";
import { logger } from "../../logger";
import { RETRY_AFTER_SECONDS, toAppError } from "../../errors";
import { renderMetrics } from "./metrics";

export const PROMETHEUS_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

function problem(status: number, code: string, message: string, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error: { code, message } }), {
    status,
    headers: { "content-type": "application/json; charset=utf-8", ...headers },
  });
}

export async function handleMetricsRequest(req: Request): Promise<Response> {
  const token = req.headers.get("authorization")?.match(/^Bearer\s+(\S+)$/i)?.[1];
  if (!token) return problem(401, "UNAUTHORIZED", "send an API token: Authorization: Bearer …", { "www-authenticate": "Bearer" });
  try {
    const actor = await actorFromToken(token);
    if (!actor) return problem(401, "UNAUTHORIZED", "the API token is not valid or was revoked", { "www-authenticate": "Bearer" });
    return new Response(await renderMetrics(), { status: 200, headers: { "content-type": PROMETHEUS_CONTENT_TYPE, "cache-control": "no-store" } });
  } catch (err) {
    // The one mapping (server/errors.ts): an unreachable database is 503 with Retry-After.
    const app = toAppError(err);
    if (app.code === "SERVICE_UNAVAILABLE") return problem(app.httpStatus, app.code, app.message, { "retry-after": String(RETRY_AFTER_SECONDS) });
    logger().error({ err }, "metrics failed");
    return problem(500, "INTERNAL", "Internal error");
  }
}
