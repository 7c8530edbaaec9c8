import { describe, expect, it } from "vitest";
import { conditionLimits, conditionSchema, fieldPathSchema } from "./condition-schema";

const leaf = (i = 0) => ({ field: `payload.f${i}`, op: "exists" });

/** {not: {not: ... leaf}} with `depth` nodes on the path, the leaf included. */
function nested(depth: number): unknown {
  let node: unknown = leaf();
  for (let i = 1; i < depth; i++) node = { not: node };
  return node;
}

function issuesOf(input: unknown): { path: string; message: string }[] {
  const result = conditionSchema.safeParse(input);
  return result.success ? [] : result.error.issues.map((i) => ({ path: i.path.join("."), message: i.message }));
}

describe("conditionSchema: accepts", () => {
  it.each<[string, unknown]>([
    ["the contract example", {
      all: [
        { field: "contact.tags", op: "contains", value: "VIP" },
        { field: "contact.lastLoginAt", op: "within_last", value: "7d" },
      ],
    }],
    ["a bare leaf", { field: "payload.amount", op: "gt", value: 100 }],
    ["exists without value", { field: "contact.email", op: "exists" }],
    ["eq null", { field: "contact.phone", op: "eq", value: null }],
    ["an object value", { field: "payload.address", op: "eq", value: { city: "SH" } }],
    ["empty all and any", { all: [{ all: [] }, { any: [] }] }],
    ["not of any", { not: { any: [{ field: "event.type", op: "in", value: ["a", "b"] }] } }],
    ["every context root", { all: ["payload.x", "event.type", "contact.name", "now", "actions.0.output.id"].map((field) => ({ field, op: "exists" })) }],
    ["array indices in paths", { field: "payload.items.0.sku", op: "starts_with", value: "A-" }],
  ])("%s", (_, input) => {
    const result = conditionSchema.safeParse(input);
    expect(result.error?.issues ?? []).toEqual([]);
    expect(result.data).toEqual(input);
  });
});

describe("conditionSchema: rejects, saying where and why", () => {
  it.each<[string, unknown, string, RegExp]>([
    ["not an object", "contact.email", "", /a condition is an object/],
    ["null", null, "", /a condition is an object/],
    ["an array", [leaf()], "", /a condition is an object/],
    ["empty object", {}, "", /empty condition/],
    ["two shapes at once", { all: [], any: [] }, "", /one thing, not 'all' and 'any'/],
    ["field beside all", { all: [], field: "payload.x", op: "exists" }, "", /one thing, not 'all' and 'field'/],
    ["op inside all", { all: [], op: "eq" }, "op", /'op' belongs beside 'field'/],
    ["value inside not", { not: leaf(), value: 1 }, "value", /'value' belongs beside 'field'/],
    ["an unknown key", { all: [], Field: "x" }, "", /unknown key 'Field'/],
    ["a typo in a leaf", { field: "payload.x", op: "eq", vaule: 1 }, "", /unknown key 'vaule'/],
    ["all not a list", { all: leaf() }, "all", /'all' is a list of conditions/],
    ["any not a list", { any: "x" }, "any", /'any' is a list of conditions/],
    ["op without field", { op: "eq", value: 1 }, "field", /'op' needs a 'field'/],
    ["field without op", { field: "payload.x" }, "op", /choose an operator for 'payload.x'/],
    ["unknown operator", { all: [{ field: "payload.x", op: "equals", value: 1 }] }, "all.0.op", /unknown operator 'equals'/],
    ["unknown root", { any: [leaf(), { field: "order.total", op: "exists" }] }, "any.1.field", /must start with one of payload, event, contact, now, actions/],
    ["empty segment", { field: "payload..x", op: "exists" }, "field", /not a dot path/],
    ["whitespace in a path", { field: "payload.order id", op: "exists" }, "field", /not a dot path/],
    ["prototype path", { field: "payload.__proto__.x", op: "exists" }, "field", /reserved name/],
    ["non-string field", { field: 3, op: "exists" }, "field", /dot path such as contact.email/],
    ["missing eq value", { not: { field: "payload.x", op: "eq" } }, "not.value", /'eq' needs a value/],
    ["bad gt value", { field: "payload.x", op: "gt", value: "lots" }, "value", /'gt' compares with a number or an ISO 8601 date/],
    ["bad duration", { field: "contact.lastLoginAt", op: "within_last", value: "a week" }, "value", /not a duration/],
    ["a value on exists", { field: "payload.x", op: "exists", value: true }, "value", /'exists' takes no value/],
    ["empty in list", { field: "payload.x", op: "in", value: [] }, "value", /at least one value/],
  ])("%s", (_, input, path, message) => {
    const issues = issuesOf(input);
    expect(issues.length).toBeGreaterThan(0);
    expect(issues).toContainEqual({ path, message: expect.stringMatching(message) });
  });

  it("rejects field paths longer than the limit", () => {
    const long = `payload.${"a".repeat(conditionLimits.maxFieldLength)}`;
    expect(fieldPathSchema.safeParse(long).error?.issues[0]?.message).toMatch(/at most 200 characters/);
  });
});

describe("conditionSchema: limits", () => {
  it("allows exactly the maximum depth and rejects one more", () => {
    expect(issuesOf(nested(conditionLimits.maxDepth))).toEqual([]);
    expect(issuesOf(nested(conditionLimits.maxDepth + 1))).toEqual([
      { path: Array(conditionLimits.maxDepth).fill("not").join("."), message: "conditions nest at most 10 levels deep" },
    ]);
  });

  it("counts depth through all and any too", () => {
    let node: unknown = leaf();
    for (let i = 1; i <= conditionLimits.maxDepth; i++) node = i % 2 ? { all: [node] } : { any: [leaf(), node] };
    expect(issuesOf(node)[0]?.message).toBe("conditions nest at most 10 levels deep");
  });

  it("answers a hostile, very deep document with an issue, not a stack overflow", () => {
    expect(issuesOf(nested(200_000))).toHaveLength(1);
  });

  it("allows exactly the maximum number of leaves, counted across the whole tree", () => {
    const half = Array.from({ length: conditionLimits.maxLeaves / 2 }, (_, i) => leaf(i));
    expect(issuesOf({ all: [{ any: half }, { not: { all: half } }] })).toEqual([]);
    expect(issuesOf({ all: [{ any: half }, { all: [...half, leaf()] }] })).toEqual([
      { path: "", message: "a condition checks at most 100 fields" },
    ]);
  });

  it("rejects a list longer than the leaf limit before walking it", () => {
    const many = Array.from({ length: 1_000_000 }, () => ({ all: [] }));
    expect(issuesOf({ any: many })).toEqual([{ path: "any", message: "'any' holds at most 100 conditions" }]);
  });
});
