import { describe, expect, it } from "vitest";
import { compareValues, parseIsoDate, toNumber, toTime, valuesEqual } from "./compare-values";

describe("toNumber", () => {
  it.each<[unknown, number | undefined]>([
    [5, 5],
    [-1.5, -1.5],
    ["42", 42],
    [" 3.5 ", 3.5],
    ["1e3", 1000],
    [".5", 0.5],
    ["", undefined],
    ["  ", undefined],
    ["0x10", undefined],
    ["12abc", undefined],
    ["Infinity", undefined],
    [Number.NaN, undefined],
    [Number.POSITIVE_INFINITY, undefined],
    [true, undefined],
    [null, undefined],
  ])("%j → %j", (input, expected) => {
    expect(toNumber(input)).toBe(expected);
  });
});

describe("parseIsoDate", () => {
  const utcMidnight = Date.UTC(2024, 0, 1);
  it.each<[string, number | undefined]>([
    ["2024-01-01", utcMidnight],
    ["2024-01-01T00:00:00Z", utcMidnight],
    ["2024-01-01T00:00:00.000Z", utcMidnight],
    ["2024-01-01T00:00:00", utcMidnight], // no offset = UTC, on every server
    ["2024-01-01 00:00:00", utcMidnight],
    ["2024-01-01T08:00:00+08:00", utcMidnight],
    ["2024-01-01T08:00:00+0800", utcMidnight],
    ["2024-01-01T08:00:00+08", utcMidnight],
    ["2023-12-31T19:00:00-05:00", utcMidnight],
    ["2024-01-01T05:30:00+05:30", utcMidnight],
    ["2024-01-01T00:00:00.1234567Z", utcMidnight + 123],
    ["2024-02-29", Date.UTC(2024, 1, 29)],
    ["2023-02-29", undefined],
    ["2024-02-30", undefined],
    ["2024-13-01", undefined],
    ["2024-01-01T25:00:00Z", undefined],
    ["01/02/2024", undefined],
    ["yesterday", undefined],
    ["2024", undefined],
  ])("%s", (text, expected) => {
    expect(parseIsoDate(text)).toBe(expected);
  });
});

describe("toTime", () => {
  it("reads Dates, ISO strings and epoch milliseconds", () => {
    expect(toTime(new Date(1000))).toBe(1000);
    expect(toTime("1970-01-01T00:00:01Z")).toBe(1000);
    expect(toTime(1000)).toBe(1000);
    expect(toTime(new Date("nope"))).toBeUndefined();
    expect(toTime("1000")).toBeUndefined();
    expect(toTime(null)).toBeUndefined();
  });
});

describe("compareValues", () => {
  it.each<[unknown, unknown, number | undefined]>([
    [2, 1, 1],
    [1, 2, -1],
    [2, 2, 0],
    ["10", 9, 1],
    ["10", "9", 1], // numeric strings compare as numbers, not text
    ["2024-01-02", "2024-01-01T23:59:59Z", 1],
    ["2024-01-01T08:00:00+08:00", "2024-01-01T00:00:00Z", 0],
    [new Date("2024-01-01T00:00:00Z"), "2023-12-31", 1],
    [Date.UTC(2024, 0, 1), "2024-01-01", 0],
    ["b", "a", undefined],
    [true, false, undefined],
    [undefined, 1, undefined],
    [null, 0, undefined],
    ["2024-01-01", "abc", undefined],
  ])("%j vs %j", (a, b, expected) => {
    expect(compareValues(a, b)).toBe(expected);
  });
});

describe("valuesEqual", () => {
  it.each<[unknown, unknown, boolean]>([
    ["a", "a", true],
    ["a", "A", false],
    [1, "1", true],
    ["1.0", 1, true],
    ["1.0", "1", false], // two strings compare as text unless both are dates
    [true, "true", false],
    [0, false, false],
    [null, null, true],
    [null, undefined, false],
    [undefined, undefined, false],
    [[1, 2], [1, 2], true],
    [[1, 2], [2, 1], false],
    [[1, 2], [1, 2, 3], false],
    [{ a: 1, b: [1, { c: 2 }] }, { b: [1, { c: 2 }], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, b: undefined }, { a: 1 }, true],
    [{ a: 1 }, [1], false],
    ["2024-01-01T08:00:00+08:00", "2024-01-01T00:00:00Z", true],
    [new Date("2024-01-01T00:00:00Z"), "2024-01-01", true],
    [new Date("2024-01-01T00:00:00Z"), Date.UTC(2024, 0, 1), true],
    ["2024-01-01", "2024-01-02", false],
  ])("%j eq %j → %s", (a, b, expected) => {
    expect(valuesEqual(a, b)).toBe(expected);
    expect(valuesEqual(b, a)).toBe(expected);
  });

  it("gives up (false) on absurdly deep structures instead of overflowing the stack", () => {
    let a: unknown = 1;
    let b: unknown = 1;
    for (let i = 0; i < 10_000; i++) {
      a = [a];
      b = [b];
    }
    expect(valuesEqual(a, b)).toBe(false);
    expect(valuesEqual([[[1]]], [[[1]]])).toBe(true);
  });
});
