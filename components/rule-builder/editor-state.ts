// The builder's state: the rule document being edited (with a stable id per action, so nodes
// keep their identity when actions move), and its undo/redo history — a list of documents.
// Pure: a reducer plus document operations, all tested in editor-state.test.ts.
import type { DraftAction, DraftCondition, DraftTrigger, RuleDraft } from "./rule-graph";

export interface Snapshot {
  doc: RuleDraft;
  /** One id per action, in document order. */
  ids: string[];
}

export interface HistoryState {
  past: Snapshot[];
  present: Snapshot;
  future: Snapshot[];
  /** Typing in one field merges into one undo step: the key of the last edit and when it was. */
  lastKey: string | null;
  lastAt: number;
}

export const HISTORY_LIMIT = 200;
/** Edits with the same key closer together than this are one undo step. */
export const COALESCE_MS = 1000;

export type HistoryAction =
  | { type: "apply"; next: Snapshot; key?: string; at: number }
  /** Like apply, with the next snapshot computed from the present one (`fn` must be pure). */
  | { type: "edit"; fn: (present: Snapshot) => Snapshot; key?: string; at: number }
  | { type: "undo" }
  | { type: "redo" }
  | { type: "reset"; snapshot: Snapshot };

export function initialHistory(snapshot: Snapshot): HistoryState {
  return { past: [], present: snapshot, future: [], lastKey: null, lastAt: 0 };
}

export function historyReducer(state: HistoryState, action: HistoryAction): HistoryState {
  switch (action.type) {
    case "edit":
      return historyReducer(state, { type: "apply", next: action.fn(state.present), key: action.key, at: action.at });
    case "apply": {
      if (action.next === state.present) return state;
      const merge = action.key !== undefined && action.key === state.lastKey && action.at - state.lastAt < COALESCE_MS;
      const past = merge ? state.past : [...state.past, state.present].slice(-HISTORY_LIMIT);
      return { past, present: action.next, future: [], lastKey: action.key ?? null, lastAt: action.at };
    }
    case "undo": {
      const prev = state.past[state.past.length - 1];
      if (!prev) return state;
      return { past: state.past.slice(0, -1), present: prev, future: [state.present, ...state.future], lastKey: null, lastAt: 0 };
    }
    case "redo": {
      const next = state.future[0];
      if (!next) return state;
      return { past: [...state.past, state.present], present: next, future: state.future.slice(1), lastKey: null, lastAt: 0 };
    }
    case "reset":
      return initialHistory(action.snapshot);
  }
}

// ---- ids ---------------------------------------------------------------------------

let seq = 0;
/** A new node id; unique within the page (the counter) and across reloads (the random part). */
export function newActionId(): string {
  seq += 1;
  return `a${seq.toString(36)}${Math.random().toString(36).slice(2, 7)}`;
}

export function snapshotOf(doc: RuleDraft, makeId: () => string = newActionId): Snapshot {
  return { doc, ids: doc.actions.map(() => makeId()) };
}

// ---- operations: Snapshot → Snapshot ------------------------------------------------------

export function setDoc(s: Snapshot, patch: Partial<RuleDraft>): Snapshot {
  const doc: RuleDraft = { ...s.doc };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete doc[key];
    else doc[key] = value;
  }
  return { ...s, doc };
}

export function setTrigger(s: Snapshot, trigger: DraftTrigger): Snapshot {
  return { ...s, doc: { ...s.doc, trigger } };
}

export function setCondition(s: Snapshot, condition: DraftCondition | null): Snapshot {
  const doc: RuleDraft = { ...s.doc };
  if (condition === null) delete doc.condition;
  else doc.condition = condition;
  return { ...s, doc };
}

export function insertAction(s: Snapshot, action: DraftAction, at: number, id: string = newActionId()): Snapshot {
  const index = Math.max(0, Math.min(s.doc.actions.length, at));
  const actions = [...s.doc.actions];
  actions.splice(index, 0, action);
  const ids = [...s.ids];
  ids.splice(index, 0, id);
  return { doc: { ...s.doc, actions }, ids };
}

export function removeAction(s: Snapshot, index: number): Snapshot {
  if (index < 0 || index >= s.doc.actions.length) return s;
  return { doc: { ...s.doc, actions: s.doc.actions.filter((_, i) => i !== index) }, ids: s.ids.filter((_, i) => i !== index) };
}

export function moveAction(s: Snapshot, from: number, to: number): Snapshot {
  const n = s.doc.actions.length;
  if (from < 0 || from >= n) return s;
  const target = Math.max(0, Math.min(n - 1, to));
  if (target === from) return s;
  const actions = [...s.doc.actions];
  const ids = [...s.ids];
  const [a] = actions.splice(from, 1);
  const [id] = ids.splice(from, 1);
  actions.splice(target, 0, a!);
  ids.splice(target, 0, id!);
  return { doc: { ...s.doc, actions }, ids };
}

export function updateAction(s: Snapshot, index: number, action: DraftAction): Snapshot {
  if (index < 0 || index >= s.doc.actions.length || s.doc.actions[index] === action) return s;
  const actions = [...s.doc.actions];
  actions[index] = action;
  return { ...s, doc: { ...s.doc, actions } };
}

/**
 * A whole new document (JSON import, a loaded version): ids are kept position by position, so
 * the canvas does not rebuild nodes that are still there.
 */
export function replaceDoc(s: Snapshot, doc: RuleDraft, makeId: () => string = newActionId): Snapshot {
  const ids = doc.actions.map((_, i) => s.ids[i] ?? makeId());
  return { doc, ids };
}

/** A pasted or loaded value as a draft: anything object-shaped, with the lists the builder needs. */
export function toDraft(value: unknown): RuleDraft | null {
  if (!value || typeof value !== "object" || Array.isArray(value)) return null;
  const v = value as Record<string, unknown>;
  const trigger = v.trigger && typeof v.trigger === "object" && !Array.isArray(v.trigger) && typeof (v.trigger as { type?: unknown }).type === "string"
    ? (v.trigger as DraftTrigger)
    : null;
  const actions = Array.isArray(v.actions)
    ? v.actions.map((a): DraftAction => {
        const o = a && typeof a === "object" && !Array.isArray(a) ? (a as Record<string, unknown>) : {};
        const params = o.params && typeof o.params === "object" && !Array.isArray(o.params) ? (o.params as Record<string, unknown>) : {};
        return { ...o, type: typeof o.type === "string" ? o.type : "", params } as DraftAction;
      })
    : [];
  const doc: RuleDraft = { ...v, name: typeof v.name === "string" ? v.name : "", trigger, actions };
  // null means "no condition". Anything else is kept as it is, even when it is not a condition:
  // the schema then says what is wrong, rather than the import dropping it silently.
  if (doc.condition === null) delete doc.condition;
  return doc;
}
