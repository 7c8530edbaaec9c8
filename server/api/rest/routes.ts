// The REST API (/api/v1) as a table over the tRPC procedures: each route names the procedure it
// calls and how its input is built from path, query and body. The same table generates the
// OpenAPI description, so the documentation cannot drift from what runs.
import { z } from "zod";
import { AppError } from "../../errors";
import type { ProcedurePath } from "../permissions";
import { listRulesInput } from "../../domain/rules/read-rules";
import { listExecutionsInput } from "../../domain/executions/read-executions";
import { listAuditInput } from "../../domain/audit/list-audit";
import { deadLetterInput } from "../../domain/executions/read-executions";
import { listTemplatesInput } from "../../domain/templates/template-crud";
import { listConnectionsInput } from "../../domain/connections/list-connections";
import { listDevMessagesInput } from "../../domain/actions/email/dev-messages";
import { listNotificationsInput } from "../../domain/actions/notify/notifications";
import { dashboardInput } from "../../domain/monitoring/dashboard";
import { listAlertRulesInput } from "../../domain/alerts/alert-rules";
import { listIncidentsInput } from "../../domain/alerts/incidents";

export interface RouteInput {
  params: Record<string, string>;
  query: Record<string, string>;
  body: unknown;
}

export interface Route {
  method: "GET" | "POST" | "PUT" | "DELETE";
  path: string;
  procedure: ProcedurePath | null;
  summary: string;
  status?: number;
  input?: (r: RouteInput) => unknown;
  query?: z.ZodObject;
  body?: "rule" | "events" | "trigger" | "json" | "preview" | "contact";
  /** Shape the procedure's answer for REST (e.g. 204 has no body). */
  output?: (result: unknown) => unknown;
  /** Status decided by the result (an upsert answers 201 when it created). */
  statusOf?: (result: unknown) => number;
}

const id = (r: RouteInput) => ({ id: r.params.id });
const page = (r: RouteInput) => ({ ...(r.query.limit ? { limit: r.query.limit } : {}), ...(r.query.cursor ? { cursor: r.query.cursor } : {}) });

export const routes: Route[] = [
  { method: "GET", path: "/healthz", procedure: "system.health", summary: "Database and live workers (no token)" },
  { method: "POST", path: "/rules", procedure: "rules.create", status: 201, body: "rule", summary: "Create a rule (disabled)", input: (r) => ({ document: r.body }) },
  { method: "GET", path: "/rules", procedure: "rules.list", query: listRulesInput, summary: "List rules", input: (r) => r.query },
  { method: "GET", path: "/rules/{id}", procedure: "rules.get", summary: "Get a rule", input: id },
  { method: "PUT", path: "/rules/{id}", procedure: "rules.update", body: "rule", summary: "Update a rule (a new version)", input: (r) => ({ id: r.params.id, document: r.body }) },
  // REST callers are automated: the confirmation the browser asks for is implied (contract: 204 / rule).
  { method: "DELETE", path: "/rules/{id}", procedure: "rules.delete", status: 204, summary: "Delete a rule; its executions stay readable", input: (r) => ({ id: r.params.id, confirm: true }), output: () => null },
  { method: "POST", path: "/rules/{id}/enable", procedure: "rules.enable", summary: "Enable a rule", input: (r) => ({ id: r.params.id, confirm: true }) },
  { method: "POST", path: "/rules/{id}/disable", procedure: "rules.disable", summary: "Disable a rule", input: id },
  { method: "POST", path: "/rules/{id}/archive", procedure: "rules.archive", summary: "Archive a rule", input: id },
  { method: "POST", path: "/rules/{id}/webhook-secret", procedure: "rules.rotateWebhookSecret", summary: "Rotate a webhook rule's signing secret (shown once)", input: id },
  {
    method: "POST", path: "/rules/{id}/trigger", procedure: "rules.trigger", status: 202, body: "trigger", summary: "Run a rule now on a payload (works on a disabled rule)",
    input: (r) => ({ id: r.params.id, payload: (r.body as { payload?: unknown } | null)?.payload ?? {} }),
    output: (x) => ({ executionId: (x as { executionId: string }).executionId }),
  },
  { method: "GET", path: "/rules/{id}/versions", procedure: "rules.versions", summary: "A rule's versions, newest first", input: (r) => ({ id: r.params.id, ...page(r) }) },
  { method: "GET", path: "/rules/{id}/versions/{version}", procedure: "rules.version", summary: "One version of a rule", input: (r) => ({ id: r.params.id, version: r.params.version }) },
  { method: "GET", path: "/rules/{id}/fires", procedure: "rules.fires", summary: "A rule's fire history, newest first", input: (r) => ({ id: r.params.id, ...page(r) }) },
  { method: "POST", path: "/triggers/preview", procedure: "triggers.preview", body: "preview", summary: "Next fire times of a trigger", input: (r) => r.body },
  { method: "GET", path: "/executions", procedure: "executions.list", query: listExecutionsInput, summary: "List executions, newest first", input: (r) => r.query },
  // Before /executions/{id}: the first route that matches wins.
  { method: "GET", path: "/executions/dead-letter", procedure: "executions.deadLetter", query: deadLetterInput, summary: "Failed executions with their final error and last failed action, newest first", input: (r) => r.query },
  { method: "GET", path: "/executions/{id}", procedure: "executions.get", summary: "An execution with one entry per action attempt", input: id },
  { method: "POST", path: "/executions/{id}/cancel", procedure: "executions.cancel", summary: "Cancel a pending, running or retrying execution", input: id },
  { method: "POST", path: "/executions/{id}/retry", procedure: "executions.retry", summary: "Retry a failed or cancelled execution from the failed action", input: id },
  { method: "GET", path: "/logs", procedure: "executions.logs", summary: "Action logs of an execution", input: (r) => ({ executionId: r.query.executionId ?? "", ...page(r) }) },
  { method: "POST", path: "/events", procedure: "events.post", status: 202, body: "events", summary: "Send one event or {events:[…]} (≤ 1000)", input: (r) => ({ body: r.body }) },
  {
    method: "PUT", path: "/contacts/{externalId}", procedure: "contacts.upsert", body: "contact", summary: "Create or update a contact (200 updated, 201 created)",
    input: (r) => ({ externalId: r.params.externalId, contact: r.body }),
    output: (x) => (x as { contact: unknown }).contact,
    statusOf: (x) => ((x as { created: boolean }).created ? 201 : 200),
  },
  { method: "GET", path: "/contacts/{externalId}", procedure: "contacts.get", summary: "Get a contact", input: (r) => ({ externalId: r.params.externalId }) },
  { method: "GET", path: "/contacts", procedure: "contacts.list", summary: "List contacts", input: (r) => r.query },
  { method: "POST", path: "/hooks/{ruleId}", procedure: null, status: 202, body: "json", summary: "Webhook trigger (HMAC signature, no token)" },
  { method: "GET", path: "/templates", procedure: "templates.list", query: listTemplatesInput, summary: "List message templates", input: (r) => r.query },
  { method: "POST", path: "/templates", procedure: "templates.create", status: 201, body: "json", summary: "Create a message template", input: (r) => ({ template: r.body }) },
  // Before /templates/{id}.
  { method: "POST", path: "/templates/preview", procedure: "templates.preview", body: "json", summary: "Render a template ({templateId} or {template}) against a sample payload and contact", input: (r) => r.body },
  { method: "GET", path: "/templates/{id}", procedure: "templates.get", summary: "Get a message template", input: id },
  { method: "PUT", path: "/templates/{id}", procedure: "templates.update", body: "json", summary: "Update a message template", input: (r) => ({ id: r.params.id, template: r.body }) },
  { method: "DELETE", path: "/templates/{id}", procedure: "templates.delete", status: 204, summary: "Delete a template no rule uses", input: id, output: () => null },
  { method: "GET", path: "/connections", procedure: "connections.list", query: listConnectionsInput, summary: "List connections (settings only, never secrets)", input: (r) => r.query },
  { method: "POST", path: "/connections", procedure: "connections.create", status: 201, body: "json", summary: "Create a connection (admin); the secret is write-only", input: (r) => ({ connection: r.body }) },
  { method: "GET", path: "/connections/{id}", procedure: "connections.get", summary: "Get a connection (settings only)", input: id },
  { method: "PUT", path: "/connections/{id}", procedure: "connections.update", body: "json", summary: "Update a connection (admin); a missing secret keeps the stored one", input: (r) => ({ id: r.params.id, connection: r.body }) },
  { method: "DELETE", path: "/connections/{id}", procedure: "connections.delete", status: 204, summary: "Delete a connection no rule uses (admin)", input: id, output: () => null },
  { method: "GET", path: "/dev/messages", procedure: "devMessages.list", query: listDevMessagesInput, summary: "The dev mailbox (channel=email) or SMS outbox (channel=sms), newest first", input: (r) => r.query },
  { method: "GET", path: "/notifications", procedure: "notifications.list", query: listNotificationsInput, summary: "In-app notifications for the caller's role, newest first", input: (r) => r.query },
  { method: "POST", path: "/notifications/read", procedure: "notifications.markRead", body: "json", summary: "Mark notifications read: {ids: [...]} or {all: true}", input: (r) => r.body },
  { method: "GET", path: "/audit", procedure: "audit.list", query: listAuditInput, summary: "Audit log (admin)", input: (r) => r.query },
  // Monitoring and alerting. /alerts/incidents before /alerts/{id}: the first route that matches wins.
  { method: "GET", path: "/dashboard", procedure: "dashboard.summary", query: dashboardInput, summary: "Monitoring dashboard: executions over time, success rate, durations, queue, workers, failing rules, missed schedules (range=1h|24h|7d|30d)", input: (r) => r.query },
  { method: "GET", path: "/alerts", procedure: "alerts.list", query: listAlertRulesInput, summary: "List alert rules (admin)", input: (r) => r.query },
  { method: "POST", path: "/alerts", procedure: "alerts.create", status: 201, body: "json", summary: "Create an alert rule (admin); a webhook channel's secret is write-only", input: (r) => ({ alert: r.body }) },
  { method: "GET", path: "/alerts/incidents", procedure: "alerts.incidents", query: listIncidentsInput, summary: "Alert incidents, newest first (status=open|resolved, alertId)", input: (r) => r.query },
  { method: "GET", path: "/alerts/{id}", procedure: "alerts.get", summary: "Get an alert rule (admin)", input: id },
  { method: "PUT", path: "/alerts/{id}", procedure: "alerts.update", body: "json", summary: "Replace an alert rule (admin); a webhook channel without a secret keeps the stored one", input: (r) => ({ id: r.params.id, alert: r.body }) },
  { method: "DELETE", path: "/alerts/{id}", procedure: "alerts.delete", status: 204, summary: "Delete an alert rule (admin); its incidents stay", input: id, output: () => null },
  { method: "POST", path: "/tokens", procedure: "tokens.create", status: 201, body: "json", summary: "Create an API token (shown once)", input: (r) => r.body },
  { method: "GET", path: "/tokens", procedure: "tokens.list", summary: "List API tokens (admin)" },
  { method: "GET", path: "/users", procedure: "users.list", summary: "List users (admin)" },
  { method: "POST", path: "/users", procedure: "users.create", status: 201, body: "json", summary: "Create a user (admin)", input: (r) => r.body },
];

/** A path segment, percent-decoded once; malformed encoding ("%", "%zz") is the caller's error (400). */
function decodeSegment(seg: string): string {
  try {
    return decodeURIComponent(seg);
  } catch {
    throw new AppError("BAD_REQUEST", `the path segment '${seg.slice(0, 100)}' is not valid percent-encoding`);
  }
}

/** Matches a method and path against the table; `{name}` segments capture. */
export function matchRoute(method: string, path: string): { route: Route; params: Record<string, string> } | { allowed: string[] } | null {
  const segs = path.split("/").filter(Boolean);
  const allowed: string[] = [];
  for (const route of routes) {
    const rsegs = route.path.split("/").filter(Boolean);
    if (rsegs.length !== segs.length) continue;
    const params: Record<string, string> = {};
    let ok = true;
    for (let i = 0; i < rsegs.length; i++) {
      const m = /^\{(\w+)\}$/.exec(rsegs[i]);
      if (m) params[m[1]] = decodeSegment(segs[i]);
      else if (rsegs[i] !== segs[i]) {
        ok = false;
        break;
      }
    }
    if (!ok) continue;
    if (route.method === method) return { route, params };
    allowed.push(route.method);
  }
  return allowed.length ? { allowed } : null;
}
