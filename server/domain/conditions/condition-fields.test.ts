import { describe, expect, it } from "vitest";
import { conditionSchema } from "./condition-schema";
import { contextFields, findContextField, isOpenFieldPath, operatorsForField } from "./condition-fields";

describe("contextFields", () => {
  it("lists the catalogue the builder offers", () => {
    expect(contextFields.map((f) => `${f.path}:${f.type}`)).toEqual([
      "payload.*:any",
      "event.type:string",
      "event.id:string",
      "event.occurredAt:date",
      "contact.email:string",
      "contact.phone:string",
      "contact.name:string",
      "contact.tags:array",
      "contact.lastLoginAt:date",
      "contact.attributes.*:any",
      "now:date",
    ]);
  });

  it("labels every field in both languages", () => {
    for (const f of contextFields) {
      expect(f.label.en).not.toBe("");
      expect(f.label.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("only offers paths the condition schema accepts", () => {
    for (const f of contextFields) {
      const path = isOpenFieldPath(f.path) ? f.path.replace("*", "x") : f.path;
      expect(conditionSchema.safeParse({ field: path, op: "exists" }).success).toBe(true);
    }
  });
});

describe("findContextField and operatorsForField", () => {
  it.each<[string, string | undefined]>([
    ["contact.tags", "contact.tags"],
    ["payload.order.total", "payload.*"],
    ["contact.attributes.plan", "contact.attributes.*"],
    ["payload", undefined],
    ["contact.unknown", undefined],
  ])("%s → %s", (path, expected) => {
    expect(findContextField(path)?.path).toBe(expected);
  });

  it("offers date operators for dates and list operators for tags", () => {
    expect(operatorsForField("contact.lastLoginAt")).toContain("within_last");
    expect(operatorsForField("contact.tags")).not.toContain("within_last");
    expect(operatorsForField("contact.tags")).toContain("contains");
    expect(operatorsForField("contact.email")).toContain("ends_with");
    expect(operatorsForField("payload.anything")).toHaveLength(16);
  });
});
