import { describe, expect, it } from "vitest";
import { diffHunks, diffLines, diffStats } from "./line-diff";

const ops = (a: string, b: string) => diffLines(a, b).map((l) => `${l.op === "same" ? " " : l.op === "add" ? "+" : "-"}${l.text}`);

describe("diffLines", () => {
  it("finds added, removed and kept lines", () => {
    expect(ops("a\nb\nc", "a\nc\nd")).toEqual([" a", "-b", " c", "+d"]);
    expect(ops("", "x")).toEqual(["+x"]);
    expect(ops("x", "")).toEqual(["-x"]);
    expect(ops("same\ntext", "same\ntext")).toEqual([" same", " text"]);
  });

  it("numbers lines on both sides", () => {
    const d = diffLines("a\nb\nc", "a\nX\nc");
    expect(d).toEqual([
      { op: "same", text: "a", oldNo: 1, newNo: 1 },
      { op: "add", text: "X", newNo: 2 },
      { op: "remove", text: "b", oldNo: 2 },
      { op: "same", text: "c", oldNo: 3, newNo: 3 },
    ]);
    expect(diffStats(d)).toEqual({ added: 1, removed: 1 });
  });

  it("diffs two pretty JSON documents", () => {
    const a = JSON.stringify({ name: "r", actions: [{ type: "notify" }] }, null, 2);
    const b = JSON.stringify({ name: "r2", actions: [{ type: "notify" }, { type: "delay" }] }, null, 2);
    const d = diffLines(a, b);
    expect(d.filter((l) => l.op === "remove").map((l) => l.text.trim())).toContain('"name": "r",');
    expect(d.filter((l) => l.op === "add").map((l) => l.text.trim())).toContain('"type": "delay"');
    expect(d.filter((l) => l.op !== "remove").map((l) => l.text)).toEqual(b.split("\n"));
    expect(d.filter((l) => l.op !== "add").map((l) => l.text)).toEqual(a.split("\n"));
  });

  it("folds long unchanged runs", () => {
    const a = Array.from({ length: 40 }, (_, i) => `l${i}`).join("\n");
    const b = a.replace("l20", "L20");
    const { hunks, skippedAfter } = diffHunks(diffLines(a, b), 2);
    expect(hunks).toHaveLength(1);
    expect(hunks[0]!.skippedBefore).toBe(18);
    expect(hunks[0]!.lines.map((l) => l.text)).toEqual(["l18", "l19", "L20", "l20", "l21", "l22"]);
    expect(skippedAfter).toBe(17);
  });
});
