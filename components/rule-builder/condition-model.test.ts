import { describe, expect, it } from "vitest";
import { castScalar, condKind, leafCount, leafText, parseList, valueForOperator } from "./condition-model";
import { insertVariable, samplePayload, templateVarsFor } from "./template-vars";

describe("condition model", () => {
  it("tells the four shapes apart", () => {
    expect(condKind({ all: [] })).toBe("all");
    expect(condKind({ any: [] })).toBe("any");
    expect(condKind({ not: { field: "now", op: "exists" } })).toBe("not");
    expect(condKind({ field: "now", op: "exists" })).toBe("leaf");
    expect(condKind("x")).toBe("invalid");
    expect(leafCount({ all: [{ field: "a", op: "eq", value: 1 }, { not: { any: [{ field: "b", op: "exists" }, { field: "c", op: "exists" }] } }] })).toBe(3);
  });

  it("turns typed text into values", () => {
    expect(castScalar("42", "number")).toBe(42);
    expect(castScalar("x", "number")).toBe("x");
    expect(castScalar("true", "boolean")).toBe(true);
    expect(castScalar("", "null")).toBe(null);
    expect(parseList("VIP, Gold ,", false)).toEqual(["VIP", "Gold"]);
    expect(parseList("1, 2, x", true)).toEqual([1, 2, "x"]);
  });

  it("adapts the value when the operator changes", () => {
    expect(valueForOperator("VIP", "eq", "exists")).toBeUndefined();
    expect(valueForOperator("VIP", "eq", "in")).toEqual(["VIP"]);
    expect(valueForOperator(["a", "b"], "in", "eq")).toBe("a");
    expect(valueForOperator("VIP", "eq", "contains")).toBe("VIP");
    expect(valueForOperator("VIP", "eq", "within_last")).toBe("");
  });

  it("summarises a rule in the UI language", () => {
    expect(leafText({ field: "contact.tags", op: "contains", value: "VIP" }, "en")).toBe('contact.tags contains "VIP"');
    expect(leafText({ field: "contact.tags", op: "exists" }, "zh")).toBe("contact.tags 有值");
  });
});

describe("template variables", () => {
  it("offers only earlier actions' outputs", () => {
    expect(templateVarsFor(0).some((v) => v.group === "actions")).toBe(false);
    expect(templateVarsFor(2).filter((v) => v.group === "actions").map((v) => v.path)).toEqual(["actions.0.output", "actions.1.output"]);
  });

  it("inserts at the caret, replacing the selection", () => {
    expect(insertVariable("Hi !", "contact.name", 3, 3)).toEqual({ text: "Hi {{contact.name}}!", caret: 19 });
    expect(insertVariable("Hi XX", "now", 3, 5)).toEqual({ text: "Hi {{now}}", caret: 10 });
  });

  it("builds a sample payload from what the rule reads", () => {
    expect(samplePayload({ a: "{{payload.orderId}} {{ payload.contactId }}", c: { field: "payload.total" } })).toEqual({
      orderId: "sample-orderId",
      contactId: "c-1001",
      total: "sample-total",
    });
  });
});
