import { describe, expect, it } from "vitest";
import { getPath } from "./get-path";

const ctx = {
  payload: { order: { id: "o1", items: [{ sku: "A" }, { sku: "B", qty: 0 }], note: null, paid: false } },
  contact: { tags: ["VIP", "buyer"], name: "Ann" },
  now: new Date("2024-06-15T12:00:00Z"),
};

describe("getPath", () => {
  it.each<[string, unknown]>([
    ["payload.order.id", "o1"],
    ["payload.order.items.0.sku", "A"],
    ["payload.order.items.1.qty", 0],
    ["payload.order.paid", false],
    ["payload.order.note", null],
    ["contact.tags.1", "buyer"],
    ["contact.tags.length", 2],
    ["now", ctx.now],
    ["payload.order.missing", undefined],
    ["payload.order.note.deeper", undefined],
    ["payload.order.items.2.sku", undefined],
    ["payload.order.items.-1", undefined],
    ["payload.order.items.01", undefined],
    ["payload.order.items.first", undefined],
    ["contact.name.length", undefined],
    ["missing.root", undefined],
  ])("%s", (path, expected) => {
    expect(getPath(ctx, path)).toStrictEqual(expected);
  });

  it.each(["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "payload.__proto__", "payload.constructor.name"])(
    "never reads the prototype chain: %s",
    (path) => {
      expect(getPath(ctx, path)).toBeUndefined();
    },
  );

  it("reads an own key literally named __proto__ as missing too (JSON.parse can create one)", () => {
    const hostile = JSON.parse('{"payload": {"__proto__": {"polluted": true}}}');
    expect(getPath(hostile, "payload.__proto__.polluted")).toBeUndefined();
  });

  it("accepts pre-split segments and an empty path (the object itself)", () => {
    expect(getPath(ctx, ["payload", "order", "id"])).toBe("o1");
    expect(getPath(ctx, "")).toBe(ctx);
  });

  it("returns undefined for non-object roots", () => {
    expect(getPath(null, "a")).toBeUndefined();
    expect(getPath("text", "length")).toBeUndefined();
    expect(getPath(undefined, "a.b")).toBeUndefined();
  });
});
