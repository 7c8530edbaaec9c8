// OpenAPI 3.1 generated from the route table and the same zod schemas that validate requests.
import { z } from "zod";
import { permissions, type Access } from "../permissions";
import { routes } from "./routes";
import { ruleDocumentSchema } from "../../domain/rules/rule-document";
import { postEventsSchema } from "../../domain/events/event-schema";
import { triggerSchema } from "../../domain/triggers/trigger-schema";

function schemaOf(s: z.ZodType): unknown {
  try {
    return z.toJSONSchema(s, { io: "input", unrepresentable: "any" });
  } catch {
    return { type: "object" };
  }
}

let cached: unknown;

export function openApiDocument() {
  if (cached) return cached;
  const errorSchema = {
    type: "object",
    properties: {
      error: {
        type: "object",
        properties: {
          code: { type: "string" },
          message: { type: "string" },
          issues: { type: "array", items: { type: "object", properties: { path: { type: "string" }, message: { type: "string" } } } },
        },
        required: ["code", "message"],
      },
    },
  };
  const bodies: Record<string, unknown> = {
    rule: { $ref: "#/components/schemas/RuleDocument" },
    events: schemaOf(postEventsSchema),
    trigger: { type: "object", properties: { payload: { type: "object" } } },
    preview: { type: "object", properties: { trigger: schemaOf(triggerSchema), from: { type: "string", format: "date-time" }, count: { type: "integer", minimum: 1, maximum: 100 } }, required: ["trigger"] },
    json: { type: "object" },
  };
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const access: Access | "signature" = r.procedure ? (permissions as Record<string, Access>)[r.procedure] : "signature";
    const parameters: unknown[] = [...r.path.matchAll(/\{(\w+)\}/g)].map((m) => ({ name: m[1], in: "path", required: true, schema: { type: "string" } }));
    if (r.query) {
      for (const [name, s] of Object.entries(r.query.shape)) {
        parameters.push({ name, in: "query", required: false, schema: schemaOf(s as z.ZodType) });
      }
    }
    const op: Record<string, unknown> = {
      summary: r.summary,
      operationId: r.procedure ?? "hooks.receive",
      description: access === "public" ? "No token needed." : access === "signature" ? "Authenticated by the X-Autoflow-Signature header." : `Lowest role: ${access}.`,
      security: access === "public" || access === "signature" ? [] : [{ bearer: [] }],
      parameters,
      responses: {
        [String(r.status ?? 200)]: { description: "OK" },
        default: { description: "Error", content: { "application/json": { schema: errorSchema } } },
      },
    };
    if (r.body) op.requestBody = { required: true, content: { "application/json": { schema: bodies[r.body] ?? { type: "object" } } } };
    (paths[r.path] ??= {})[r.method.toLowerCase()] = op;
  }
  cached = {
    openapi: "3.1.0",
    info: { title: "Autoflow API", version: "1.0.0", description: "Automation rules: triggers, conditions, actions, executions." },
    servers: [{ url: "/api/v1" }],
    components: {
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
      schemas: { RuleDocument: schemaOf(ruleDocumentSchema) },
    },
    paths,
  };
  return cached;
}
