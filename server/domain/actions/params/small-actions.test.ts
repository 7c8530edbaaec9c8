import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { delayParamsSchema } from "./delay";
import { emitEventParamsSchema } from "./emit-event";
import { notifyParamsSchema } from "./notify";
import { publishParamsSchema } from "./publish";

const issuesOf = (schema: z.ZodType, params: unknown) =>
  schema.safeParse(params).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })) ?? [];

describe("notify params", () => {
  it("accepts title and body, with or without a role", () => {
    expect(issuesOf(notifyParamsSchema, { title: "New order", body: "{{payload.orderId}}" })).toEqual([]);
    expect(issuesOf(notifyParamsSchema, { title: "t", body: "b", role: "admin" })).toEqual([]);
  });

  it.each<[unknown, string, string]>([
    [{ body: "b" }, "title", "notify needs a 'title'"],
    [{ title: "t" }, "body", "notify needs a 'body'"],
    [{ title: "x".repeat(201), body: "b" }, "title", "at most 200 characters"],
    [{ title: "t", body: "b", role: "owner" }, "role", "'role' must be one of viewer, operator, editor, admin"],
  ])("rejects %j", (params, path, message) => {
    expect(issuesOf(notifyParamsSchema, params)).toContainEqual({ path, message });
  });
});

describe("publish params", () => {
  it("defaults the exchange to the default exchange", () => {
    expect(publishParamsSchema.parse({ routingKey: "orders", message: "hi" })).toEqual({ exchange: "", routingKey: "orders", message: "hi" });
  });

  it.each<[string, unknown]>([
    ["a JSON message", { exchange: "events", routingKey: "order.paid", message: { id: "{{payload.orderId}}" } }],
    ["an empty routing key on a named exchange (fanout)", { exchange: "broadcast", routingKey: "", message: null, connectionId: "c" }],
    ["a list message", { routingKey: "q", message: [1, "2"] }],
  ])("accepts %s", (_, params) => {
    expect(issuesOf(publishParamsSchema, params)).toEqual([]);
  });

  it.each<[unknown, string, string]>([
    [{ message: "m" }, "routingKey", "publish needs a 'routingKey'"],
    [{ routingKey: "", message: "m" }, "routingKey", "with the default exchange, 'routingKey' is the queue's name and cannot be empty"],
    [{ routingKey: "q" }, "message", "publish needs a 'message': text or JSON"],
    [{ routingKey: "q", message: () => 1 }, "message", "'message' must be text or JSON"],
    [{ routingKey: "é".repeat(128), message: "m" }, "routingKey", "'routingKey' is at most 255 bytes"],
    [{ exchange: 5, routingKey: "q", message: "m" }, "exchange", "'exchange' must be text"],
  ])("rejects %j", (params, path, message) => {
    expect(issuesOf(publishParamsSchema, params)).toContainEqual({ path, message });
  });
});

describe("emit_event params", () => {
  it("defaults the payload to {}", () => {
    expect(emitEventParamsSchema.parse({ type: "order.paid" })).toEqual({ type: "order.paid", payload: {} });
  });

  it("accepts templated types and payloads", () => {
    expect(issuesOf(emitEventParamsSchema, { type: "{{payload.kind}}.done", payload: { id: "{{payload.id}}", n: 1 } })).toEqual([]);
    expect(issuesOf(emitEventParamsSchema, { type: "user:signed_up-v2" })).toEqual([]);
  });

  it.each<[unknown, string, string]>([
    [{}, "type", "emit_event needs a 'type', such as order.paid"],
    [{ type: " " }, "type", "emit_event needs a 'type', such as order.paid"],
    [{ type: "order paid" }, "type", "'type' uses letters, digits and . _ : - only, such as order.paid"],
    [{ type: "a", payload: [1] }, "payload", "'payload' must be a JSON object, such as {\"orderId\": \"{{payload.orderId}}\"}"],
    [{ type: "a", payload: "x" }, "payload", "'payload' must be a JSON object, such as {\"orderId\": \"{{payload.orderId}}\"}"],
  ])("rejects %j", (params, path, message) => {
    expect(issuesOf(emitEventParamsSchema, params)).toContainEqual({ path, message });
  });
});

describe("delay params", () => {
  it.each([1, 60, 2_592_000])("accepts %i seconds", (seconds) => {
    expect(delayParamsSchema.parse({ seconds })).toEqual({ seconds });
  });

  const message = "'seconds' must be a whole number from 1 to 2592000 (30 days)";
  it.each<[unknown, string]>([
    [{}, "delay needs 'seconds'"],
    [{ seconds: 0 }, message],
    [{ seconds: 2_592_001 }, message],
    [{ seconds: 1.5 }, message],
    [{ seconds: "60" }, message],
    [{ seconds: -5 }, message],
  ])("rejects %j", (params, expected) => {
    expect(issuesOf(delayParamsSchema, params)).toEqual([{ path: "seconds", message: expected }]);
  });
});
