import { describe, expect, it } from "vitest";
import {
  COALESCE_MS, HISTORY_LIMIT, historyReducer, initialHistory, insertAction, moveAction, removeAction, replaceDoc, setCondition, setDoc,
  toDraft, updateAction, type Snapshot,
} from "./editor-state";
import type { RuleDraft } from "./rule-graph";

const base: RuleDraft = {
  name: "r",
  trigger: { type: "event", event: "a" },
  actions: [
    { type: "notify", params: { title: "0", body: "b" } },
    { type: "notify", params: { title: "1", body: "b" } },
    { type: "notify", params: { title: "2", body: "b" } },
  ],
};
const snap: Snapshot = { doc: base, ids: ["x", "y", "z"] };
const titles = (s: Snapshot) => s.doc.actions.map((a) => a.params.title);

describe("document operations", () => {
  it("inserts, removes and moves actions together with their ids", () => {
    const ins = insertAction(snap, { type: "delay", params: { seconds: 1 } }, 1, "n");
    expect(ins.ids).toEqual(["x", "n", "y", "z"]);
    expect(ins.doc.actions[1]!.type).toBe("delay");
    expect(insertAction(snap, { type: "delay", params: {} }, 99, "n").ids).toEqual(["x", "y", "z", "n"]);

    const rm = removeAction(snap, 0);
    expect(rm.ids).toEqual(["y", "z"]);
    expect(titles(rm)).toEqual(["1", "2"]);
    expect(removeAction(snap, 7)).toBe(snap);

    const mv = moveAction(snap, 0, 2);
    expect(mv.ids).toEqual(["y", "z", "x"]);
    expect(titles(mv)).toEqual(["1", "2", "0"]);
    expect(moveAction(snap, 1, 1)).toBe(snap);
    expect(moveAction(snap, 2, -5).ids).toEqual(["z", "x", "y"]);
  });

  it("keeps untouched actions by reference (memoized nodes do not redraw)", () => {
    const next = updateAction(snap, 1, { type: "notify", params: { title: "new", body: "b" } });
    expect(next.doc.actions[0]).toBe(snap.doc.actions[0]);
    expect(next.doc.actions[2]).toBe(snap.doc.actions[2]);
    expect(next.ids).toBe(snap.ids);
  });

  it("sets and clears document keys and the condition", () => {
    expect(setDoc(snap, { name: "n", description: "d" }).doc).toMatchObject({ name: "n", description: "d" });
    expect("description" in setDoc(setDoc(snap, { description: "d" }), { description: undefined }).doc).toBe(false);
    const withCond = setCondition(snap, { all: [] });
    expect(withCond.doc.condition).toEqual({ all: [] });
    expect("condition" in setCondition(withCond, null).doc).toBe(false);
  });

  it("keeps ids position by position when a whole document replaces the draft", () => {
    let n = 0;
    const next = replaceDoc(snap, { ...base, actions: [...base.actions, ...base.actions] }, () => `new${n++}`);
    expect(next.ids).toEqual(["x", "y", "z", "new0", "new1", "new2"]);
  });

  it("reads pasted JSON as a draft", () => {
    expect(toDraft([])).toBeNull();
    expect(toDraft("x")).toBeNull();
    const d = toDraft({ name: 3, actions: [{ type: "notify" }, 5], condition: null, extra: true })!;
    expect(d.name).toBe("");
    expect(d.trigger).toBeNull();
    expect(d.actions).toEqual([{ type: "notify", params: {} }, { type: "", params: {} }]);
    expect("condition" in d).toBe(false);
    expect(d.extra).toBe(true);
    expect(toDraft({ name: "a", trigger: { type: "webhook" }, actions: [], condition: "weird" })!.condition).toBe("weird");
  });
});

describe("undo / redo history", () => {
  const s1 = setDoc(snap, { name: "1" });
  const s2 = setDoc(s1, { name: "2" });

  it("undoes and redoes whole documents", () => {
    let h = initialHistory(snap);
    h = historyReducer(h, { type: "apply", next: s1, at: 0 });
    h = historyReducer(h, { type: "apply", next: s2, at: 5000 });
    expect(h.present).toBe(s2);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(s1);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(snap);
    expect(historyReducer(h, { type: "undo" })).toBe(h);
    h = historyReducer(h, { type: "redo" });
    expect(h.present).toBe(s1);
    // A new edit drops the redo branch.
    h = historyReducer(h, { type: "apply", next: s2, at: 9000 });
    expect(h.future).toEqual([]);
    expect(historyReducer(h, { type: "redo" })).toBe(h);
  });

  it("merges fast edits of one field into one step", () => {
    let h = initialHistory(snap);
    h = historyReducer(h, { type: "apply", next: s1, key: "name", at: 1000 });
    h = historyReducer(h, { type: "apply", next: s2, key: "name", at: 1000 + COALESCE_MS - 1 });
    expect(h.past).toHaveLength(1);
    h = historyReducer(h, { type: "undo" });
    expect(h.present).toBe(snap);
    h = initialHistory(snap);
    h = historyReducer(h, { type: "apply", next: s1, key: "name", at: 1000 });
    h = historyReducer(h, { type: "apply", next: s2, key: "title", at: 1001 });
    expect(h.past).toHaveLength(2);
  });

  it("keeps at most HISTORY_LIMIT steps", () => {
    let h = initialHistory(snap);
    for (let i = 0; i < HISTORY_LIMIT + 20; i++) h = historyReducer(h, { type: "apply", next: setDoc(snap, { name: String(i) }), at: i * 10_000 });
    expect(h.past).toHaveLength(HISTORY_LIMIT);
  });
});
