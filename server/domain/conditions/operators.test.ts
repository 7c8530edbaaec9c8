import { describe, expect, it } from "vitest";
import { operatorNames, operators, operatorsForFieldType, type OperatorName } from "./operators";

const now = new Date("2024-06-15T12:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const missing = undefined;

// [operator, field value, condition value, expected]
type Case = [OperatorName, unknown, unknown, boolean];

const cases: Case[] = [
  // eq / ne
  ["eq", "VIP", "VIP", true],
  ["eq", "vip", "VIP", false],
  ["eq", 100, "100", true],
  ["eq", "100", 100, true],
  ["eq", "100", 101, false],
  ["eq", true, true, true],
  ["eq", true, "true", false],
  ["eq", null, null, true],
  ["eq", missing, null, false],
  ["eq", missing, "x", false],
  ["eq", ["a", "b"], ["a", "b"], true],
  ["eq", ["a", "b"], ["b", "a"], false],
  ["eq", { city: "SH", zip: "200000" }, { zip: "200000", city: "SH" }, true],
  ["eq", "2024-06-15T20:00:00+08:00", "2024-06-15T12:00:00Z", true],
  ["ne", "VIP", "Gold", true],
  ["ne", "VIP", "VIP", false],
  ["ne", 100, "100", false],
  ["ne", missing, "x", true],
  ["ne", missing, null, true],
  ["ne", null, null, false],
  ["ne", null, "x", true],
  ["ne", { a: 1 }, { a: 2 }, true],

  // ordering
  ["gt", 10, 9, true],
  ["gt", 9, 9, false],
  ["gt", "10", 9, true],
  ["gt", 10, "9", true],
  ["gt", "10", "9", true],
  ["gt", "abc", 9, false],
  ["gt", missing, 0, false],
  ["gt", null, -1, false],
  ["gt", true, 0, false],
  ["gt", [10], 9, false],
  ["gt", "2024-06-15T12:00:01Z", "2024-06-15T12:00:00Z", true],
  ["gt", "2024-06-15T19:00:00+08:00", "2024-06-15T12:00:00Z", false], // 11:00Z, earlier despite the bigger wall-clock hour
  ["gt", now, "2024-06-15", true],
  ["gt", now.getTime(), "2024-06-15", true],
  ["gte", 9, 9, true],
  ["gte", 8.99, 9, false],
  ["gte", "2024-06-15T20:00:00+08:00", "2024-06-15T12:00:00Z", true],
  ["gte", missing, 0, false],
  ["lt", 1, 2, true],
  ["lt", 2, 2, false],
  ["lt", "-5", 0, true],
  ["lt", "2024-06-14", now.toISOString(), true],
  ["lt", "", 1, false],
  ["lt", missing, 1, false],
  ["lte", 2, 2, true],
  ["lte", 3, 2, false],
  ["lte", "2024-06-15T12:00:00Z", now.toISOString(), true],
  ["lte", "b", "c", false], // text is not ordered

  // in / not_in
  ["in", "Gold", ["VIP", "Gold"], true],
  ["in", "Silver", ["VIP", "Gold"], false],
  ["in", 2, ["1", "2"], true],
  ["in", ["buyer", "VIP"], ["VIP", "Gold"], true], // an array field: any element
  ["in", ["buyer"], ["VIP", "Gold"], false],
  ["in", [], ["VIP"], false],
  ["in", null, [null], true],
  ["in", missing, ["x"], false],
  ["in", "x", "x", false], // a non-list value is never matched
  ["not_in", "Silver", ["VIP", "Gold"], true],
  ["not_in", "Gold", ["VIP", "Gold"], false],
  ["not_in", ["buyer"], ["VIP"], true],
  ["not_in", ["buyer", "VIP"], ["VIP"], false],
  ["not_in", [], ["VIP"], true],
  ["not_in", missing, ["x"], true],
  ["not_in", null, ["x"], true],

  // contains / not_contains
  ["contains", ["VIP", "buyer"], "VIP", true],
  ["contains", ["vip"], "VIP", false],
  ["contains", [1, 2], "2", true],
  ["contains", [{ id: 1 }], { id: 1 }, true],
  ["contains", [["a"]], ["a"], true],
  ["contains", ["a", "b"], ["a"], false], // element equality, not subset
  ["contains", "hello world", "lo w", true],
  ["contains", "hello", "Hello", false],
  ["contains", "order 42", 42, true],
  ["contains", "abc", true, false],
  ["contains", 12345, "23", false],
  ["contains", { VIP: true }, "VIP", false],
  ["contains", missing, "VIP", false],
  ["contains", null, "VIP", false],
  ["not_contains", ["buyer"], "VIP", true],
  ["not_contains", ["VIP"], "VIP", false],
  ["not_contains", "hello", "xyz", true],
  ["not_contains", "hello", "ell", false],
  ["not_contains", missing, "VIP", true],
  ["not_contains", null, "VIP", true],

  // starts_with / ends_with
  ["starts_with", "+8613800000000", "+86", true],
  ["starts_with", "13800000000", "+86", false],
  ["starts_with", "Ann", "an", false],
  ["starts_with", 8613800, "86", false],
  ["starts_with", missing, "a", false],
  ["ends_with", "ann@example.com", "@example.com", true],
  ["ends_with", "ann@example.org", "@example.com", false],
  ["ends_with", ["x.com"], ".com", false],
  ["ends_with", null, "a", false],

  // exists / not_exists
  ["exists", "x", undefined, true],
  ["exists", "", undefined, true],
  ["exists", 0, undefined, true],
  ["exists", false, undefined, true],
  ["exists", [], undefined, true],
  ["exists", null, undefined, false],
  ["exists", missing, undefined, false],
  ["not_exists", missing, undefined, true],
  ["not_exists", null, undefined, true],
  ["not_exists", "", undefined, false],
  ["not_exists", 0, undefined, false],

  // within_last / older_than
  ["within_last", hoursAgo(1), "2h", true],
  ["within_last", hoursAgo(3), "2h", false],
  ["within_last", hoursAgo(2), "2h", true], // the boundary belongs to within_last
  ["within_last", hoursAgo(2).toISOString(), "2h", true],
  ["within_last", "2024-06-15T19:30:00+08:00", "1h", true], // 11:30Z: 30 minutes ago
  ["within_last", "2024-06-15T03:30:00-08:00", "1h", true], // 11:30Z
  ["within_last", "2024-06-15T02:30:00-08:00", "1h", false], // 10:30Z: 90 minutes ago
  ["within_last", "2024-06-15T12:30:00", "1h", true], // no offset = UTC: in the future, still "recent"
  ["within_last", hoursAgo(24 * 6).getTime(), "7d", true], // epoch ms
  ["within_last", hoursAgo(24 * 8).getTime(), "1w", false],
  ["within_last", hoursAgo(-1), "1h", true], // future dates count as recent (clock skew)
  ["within_last", missing, "7d", false],
  ["within_last", null, "7d", false],
  ["within_last", "not a date", "7d", false],
  ["within_last", "2024-02-30", "10000d", false],
  ["within_last", hoursAgo(1), "bogus", false],
  ["within_last", true, "7d", false],
  ["older_than", hoursAgo(3), "2h", true],
  ["older_than", hoursAgo(1), "2h", false],
  ["older_than", hoursAgo(2), "2h", false],
  ["older_than", "2024-06-01", "7d", true],
  ["older_than", "2024-06-15T19:30:00+08:00", "1h", false],
  ["older_than", "2024-06-15T10:00:00Z", "90m", true],
  ["older_than", hoursAgo(-48), "1d", false],
  ["older_than", missing, "7d", false],
  ["older_than", null, "7d", false],
  ["older_than", "garbage", "7d", false],
  ["older_than", hoursAgo(100), 7, false],
];

describe("operators: evaluate", () => {
  it.each(cases)("%s(%j, %j) → %s", (op, fieldValue, value, expected) => {
    expect(operators[op].evaluate(fieldValue, value, now)).toBe(expected);
  });

  it("has at least one true and one false case for every operator", () => {
    for (const op of operatorNames) {
      const outcomes = new Set(cases.filter((c) => c[0] === op).map((c) => c[3]));
      expect([op, [...outcomes].sort()]).toEqual([op, [false, true]]);
    }
  });

  it("ne, not_in and not_contains are exact negations of eq, in and contains", () => {
    const samples: unknown[] = [undefined, null, "", "VIP", 1, "1", true, [], ["VIP"], { a: 1 }, new Date(0)];
    const pairs: [OperatorName, OperatorName, unknown][] = [
      ["eq", "ne", "VIP"],
      ["in", "not_in", ["VIP", 1]],
      ["contains", "not_contains", "VIP"],
      ["exists", "not_exists", undefined],
    ];
    for (const [pos, neg, value] of pairs) {
      for (const s of samples) {
        expect(operators[neg].evaluate(s, value, now)).toBe(!operators[pos].evaluate(s, value, now));
      }
    }
  });

  it("never throws, whatever it is given", () => {
    const weird: unknown[] = [undefined, null, Number.NaN, -0, "", {}, [], [[[]]], Object.create(null), new Date("x"), () => 1, Symbol("s"), 10n];
    for (const op of operatorNames) {
      for (const a of weird) {
        for (const b of weird) {
          expect(() => operators[op].evaluate(a, b, now)).not.toThrow();
          expect(typeof operators[op].evaluate(a, b, now)).toBe("boolean");
        }
      }
      expect(operators[op].evaluate("2024-01-01", "1d", new Date("invalid"))).toBeTypeOf("boolean");
    }
  });
});

describe("operators: validateValue", () => {
  const valid: [OperatorName, unknown][] = [
    ["eq", "x"],
    ["eq", null],
    ["eq", ["a"]],
    ["ne", 0],
    ["gt", 5],
    ["gt", "5"],
    ["gte", "2024-01-01T00:00:00+08:00"],
    ["lt", -1.5],
    ["lte", "2024-01-01"],
    ["in", ["a", 1]],
    ["not_in", [null]],
    ["contains", "VIP"],
    ["not_contains", 3],
    ["starts_with", "+86"],
    ["ends_with", ".com"],
    ["exists", undefined],
    ["not_exists", null],
    ["within_last", "7d"],
    ["older_than", "1h30m"],
  ];
  it.each(valid)("%s accepts %j", (op, value) => {
    expect(operators[op].validateValue.safeParse(value).success).toBe(true);
  });

  const invalid: [OperatorName, unknown, RegExp][] = [
    ["eq", undefined, /'eq' needs a value/],
    ["contains", undefined, /'contains' needs a value/],
    ["gt", "abc", /'gt' compares with a number or an ISO 8601 date/],
    ["gt", true, /'gt' compares with a number/],
    ["lte", undefined, /'lte' compares with a number/],
    ["in", "VIP", /'in' needs a list/],
    ["not_in", [], /'not_in' needs at least one value/],
    ["in", Array.from({ length: 1001 }, (_, i) => i), /at most 1000/],
    ["starts_with", "", /'starts_with' needs a text value/],
    ["ends_with", 5, /'ends_with' needs a text value/],
    ["exists", "x", /'exists' takes no value/],
    ["not_exists", false, /'not_exists' takes no value/],
    ["within_last", "7 days", /not a duration/],
    ["older_than", 7, /'older_than' needs a duration/],
  ];
  it.each(invalid)("%s rejects %j", (op, value, message) => {
    const result = operators[op].validateValue.safeParse(value);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });
});

describe("operators: metadata", () => {
  it("lists exactly the contract's operators", () => {
    expect(Object.keys(operators).sort()).toEqual(
      "eq ne gt gte lt lte in not_in contains not_contains starts_with ends_with exists not_exists within_last older_than".split(" ").sort(),
    );
    expect([...operatorNames].sort()).toEqual(Object.keys(operators).sort());
  });

  it("labels every operator in English and Chinese", () => {
    for (const op of operatorNames) {
      expect(operators[op].label.en.length).toBeGreaterThan(1);
      expect(operators[op].label.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it("offers operators by field type", () => {
    expect(operatorsForFieldType("date")).toEqual(["eq", "ne", "gt", "gte", "lt", "lte", "exists", "not_exists", "within_last", "older_than"]);
    expect(operatorsForFieldType("array")).toEqual(["eq", "ne", "in", "not_in", "contains", "not_contains", "exists", "not_exists"]);
    expect(operatorsForFieldType("boolean")).toEqual(["eq", "ne", "in", "not_in", "exists", "not_exists"]);
    expect(operatorsForFieldType("any")).toEqual([...operatorNames]);
  });
});
