import { describe, expect, it } from "vitest";
import { z } from "zod";
import { actionParamsSchemas, actionTypes } from "@/server/domain/actions/params";
import { cronTriggerSchema, thresholdTriggerSchema } from "@/server/domain/triggers/trigger-schema";
import { describeSchema, objectFields } from "./schema-fields";

const byName = (schema: z.ZodType) => Object.fromEntries(objectFields(schema).map((f) => [f.name, f]));

describe("describeSchema", () => {
  it("describes every action's params as an object form", () => {
    for (const type of actionTypes) expect(describeSchema(actionParamsSchemas[type]).kind).toBe("object");
  });

  it("reads the email params: required, optional and refined strings", () => {
    const f = byName(actionParamsSchemas.email);
    expect(Object.keys(f)).toEqual(["to", "subject", "text", "html", "from", "connectionId", "templateId"]);
    expect(f.to).toMatchObject({ optional: false, spec: { kind: "string" } });
    expect(f.subject).toMatchObject({ optional: true, spec: { kind: "string" } });
  });

  it("reads enums, records, defaults with their values, and JSON values", () => {
    const f = byName(actionParamsSchemas.http);
    expect(f.method!.spec).toEqual({ kind: "enum", options: ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"] });
    expect(f.headers).toMatchObject({ optional: true, spec: { kind: "record", value: { kind: "string" } } });
    expect(f.body).toMatchObject({ optional: true, spec: { kind: "json" } });
    expect(f.timeoutMs).toMatchObject({ optional: true, defaultValue: 10_000, spec: { kind: "number", int: true, min: 100, max: 120_000 } });
  });

  it("reads string lists, pipes and custom values", () => {
    expect(byName(actionParamsSchemas.update_contact).addTags!.spec).toEqual({ kind: "stringArray" });
    expect(byName(actionParamsSchemas.update_contact).set!.spec).toEqual({ kind: "record", value: { kind: "json" } });
    expect(byName(actionParamsSchemas.publish).routingKey!.spec.kind).toBe("string");
    expect(byName(actionParamsSchemas.publish).exchange).toMatchObject({ optional: true, defaultValue: "" });
    expect(byName(actionParamsSchemas.emit_event).payload).toMatchObject({ optional: true, spec: { kind: "json" } });
  });

  it("reads trigger schemas (literal type, defaults, enums)", () => {
    const cron = byName(cronTriggerSchema);
    expect(cron.type!.spec).toEqual({ kind: "literal", value: "cron" });
    expect(cron.timezone).toMatchObject({ optional: true, defaultValue: "UTC" });
    expect(cron.misfirePolicy!.spec).toEqual({ kind: "enum", options: ["fire_once", "fire_all", "skip"] });
    const th = byName(thresholdTriggerSchema);
    expect(th.url!.spec).toMatchObject({ kind: "string", format: "url" });
    expect(th.value!.spec).toMatchObject({ kind: "number", int: false });
  });

  it("handles booleans, nullables, unions and arrays of objects", () => {
    const s = z.object({ a: z.boolean(), b: z.string().nullable(), c: z.union([z.literal("x"), z.literal("y")]), d: z.array(z.object({})), e: z.unknown() });
    const f = byName(s);
    expect(f.a!.spec).toEqual({ kind: "boolean" });
    expect(f.b).toMatchObject({ nullable: true, spec: { kind: "string" } });
    expect(f.c!.spec).toEqual({ kind: "enum", options: ["x", "y"] });
    expect(f.d!.spec).toEqual({ kind: "json" });
    expect(f.e!.spec).toEqual({ kind: "json" });
  });
});
