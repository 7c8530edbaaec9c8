import { describe, expect, it } from "vitest";
import type { Condition } from "./condition-schema";
import { evaluateCondition, shorten, type TraceNode } from "./evaluate-condition";

const now = new Date("2024-06-15T12:00:00Z");
const ctx = {
  payload: { contactId: "c1", orderId: "o-9", amount: "250", items: [{ sku: "A", qty: 2 }], nested: { a: { b: { c: { d: [1, { e: "deep" }] } } } } },
  event: { type: "order.paid", id: "e1", occurredAt: "2024-06-15T19:59:00+08:00" },
  contact: { email: "ann@example.com", phone: null, name: "Ann", tags: ["VIP", "buyer"], lastLoginAt: "2024-06-10T08:00:00Z", attributes: { plan: "pro" } },
  now,
};

const vip: Condition = { field: "contact.tags", op: "contains", value: "VIP" };
const gold: Condition = { field: "contact.tags", op: "contains", value: "Gold" };
const t: Condition = { field: "event.type", op: "eq", value: "order.paid" };
const f: Condition = { field: "event.type", op: "eq", value: "order.refunded" };

describe("evaluateCondition: results", () => {
  it.each<[string, Condition | null | undefined, boolean]>([
    ["null means always", null, true],
    ["undefined means always", undefined, true],
    ["empty all is true", { all: [] }, true],
    ["empty any is false", { any: [] }, false],
    ["not of empty any is true", { not: { any: [] } }, true],
    ["all true", { all: [t, vip] }, true],
    ["all with one false", { all: [t, gold] }, false],
    ["any with one true", { any: [f, vip] }, true],
    ["any all false", { any: [f, gold] }, false],
    ["not true", { not: vip }, false],
    ["not false", { not: gold }, true],
    ["double not", { not: { not: vip } }, true],
    ["contract example", { all: [vip, { field: "contact.lastLoginAt", op: "within_last", value: "7d" }] }, true],
    ["login older than 7d fails", { all: [vip, { field: "contact.lastLoginAt", op: "older_than", value: "7d" }] }, false],
    ["numeric string payload vs number", { field: "payload.amount", op: "gte", value: 200 }, true],
    ["array index path", { field: "payload.items.0.qty", op: "eq", value: 2 }, true],
    ["deep nesting path", { field: "payload.nested.a.b.c.d.1.e", op: "eq", value: "deep" }, true],
    ["event time with offset", { field: "event.occurredAt", op: "within_last", value: "5m" }, true],
    ["missing field with ne", { field: "contact.attributes.tier", op: "ne", value: "gold" }, true],
    ["missing field with eq", { field: "contact.attributes.tier", op: "eq", value: "gold" }, false],
    ["null field is not set", { field: "contact.phone", op: "not_exists" }, true],
    ["now compares as a date", { field: "now", op: "gt", value: "2024-01-01" }, true],
    ["actions are not there yet", { field: "actions.0.output.id", op: "exists" }, false],
    [
      "deeply nested combinators",
      { all: [{ any: [f, { not: { all: [gold, { any: [] }] } }] }, { not: { any: [f, { not: vip }] } }] },
      true,
    ],
  ])("%s", (_, cond, expected) => {
    expect(evaluateCondition(cond, ctx, now).result).toBe(expected);
  });
});

describe("evaluateCondition: trace", () => {
  it("records every node, with paths, actual values and results", () => {
    const { result, trace } = evaluateCondition({ all: [vip, { not: gold }, { field: "payload.missing", op: "exists" }] }, ctx, now);
    expect(result).toBe(false);
    expect(trace).toEqual<TraceNode>({
      kind: "all",
      path: "",
      result: false,
      children: [
        { kind: "field", path: "all.0", result: true, field: "contact.tags", op: "contains", value: "VIP", actual: ["VIP", "buyer"] },
        {
          kind: "not",
          path: "all.1",
          result: true,
          child: { kind: "field", path: "all.1.not", result: false, field: "contact.tags", op: "contains", value: "Gold", actual: ["VIP", "buyer"] },
        },
        { kind: "field", path: "all.2", result: false, field: "payload.missing", op: "exists", value: undefined, actual: undefined },
      ],
    });
  });

  it("keeps evaluating after the outcome is known, so the dry run explains every check", () => {
    const { trace } = evaluateCondition({ any: [vip, gold] }, ctx, now);
    expect(trace.kind === "any" && trace.children.map((c) => c.result)).toEqual([true, false]);
  });

  it("traces the always-true absent condition", () => {
    expect(evaluateCondition(null, ctx, now).trace).toEqual({ kind: "always", path: "", result: true });
  });

  it("shows Dates as ISO strings and shortens big values", () => {
    const { trace } = evaluateCondition({ field: "now", op: "exists" }, ctx, now);
    expect(trace.kind === "field" && trace.actual).toBe("2024-06-15T12:00:00.000Z");
    const big = { payload: { s: "x".repeat(1000), list: Array.from({ length: 50 }, (_, i) => i) } };
    const s = evaluateCondition({ field: "payload.s", op: "exists" }, big, now).trace;
    expect(s.kind === "field" && (s.actual as string).length).toBe(201);
    const l = evaluateCondition({ field: "payload.list", op: "contains", value: 49 }, big, now);
    expect(l.result).toBe(true); // shortening is for display only
    expect(l.trace.kind === "field" && (l.trace.actual as unknown[]).length).toBe(21);
  });
});

describe("evaluateCondition: malformed input never throws", () => {
  it.each<[string, unknown, string]>([
    ["unknown operator", { field: "payload.x", op: "like", value: 1 }, "unknown operator 'like'"],
    ["all not a list", { all: "x" }, "'all' is not a list"],
    ["a string node", { all: ["x"] }, "not a condition"],
    ["an empty object", { any: [{}] }, "not a condition"],
    ["an unknown operator under not", { not: { field: "payload.x", op: "like", value: 1 } }, "unknown operator 'like'"],
    ["a bad node beside a true one in any", { any: [{ field: "event.type", op: "exists" }, "x"] }, "not a condition"],
  ])("%s → false with an error in the trace", (_, cond, error) => {
    const { result, trace } = evaluateCondition(cond as Condition, ctx, now);
    expect(result).toBe(false);
    expect(JSON.stringify(trace)).toContain(error);
  });

  it("stops at absurd depth", () => {
    let node: unknown = { field: "payload.x", op: "not_exists" };
    for (let i = 0; i < 50; i++) node = { not: node };
    const { result, trace } = evaluateCondition(node as Condition, ctx, now);
    expect(result).toBe(false);
    expect(JSON.stringify(trace)).toContain("condition nested too deeply");
  });
});

describe("shorten", () => {
  it("cuts depth, lists and strings", () => {
    expect(shorten({ a: { b: { c: { d: 1 } } } })).toEqual({ a: { b: { c: "{…}" } } });
    expect(shorten([[[[1, 2]]]])).toEqual([[["[2 items]"]]]);
    expect((shorten(Array.from({ length: 22 }, () => 0)) as unknown[]).at(-1)).toBe("… 2 more");
    expect(shorten(new Date("x"))).toBe("Invalid Date");
    expect(shorten(5)).toBe(5);
  });
});
