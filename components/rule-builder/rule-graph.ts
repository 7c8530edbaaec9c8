// The canvas is a VIEW of the rule document: `ruleToGraph` lays the document out as nodes (trigger,
// optional condition, actions top to bottom) and `graphToRule` reads it back. Both are pure, so
// the round trip is tested against the same zod schema the server uses (rule-graph.test.ts).
//
// Edges are implied by order — trigger → condition → action 0 → action 1 … — and the order of
// the actions is read from the nodes' vertical positions, so dropping a dragged action between
// two others is all it takes to reorder.
import type { Edge, Node } from "@xyflow/react";

export interface DraftTrigger {
  type: string;
  [key: string]: unknown;
}

export interface DraftAction {
  type: string;
  params: Record<string, unknown>;
  name?: string;
  timeoutMs?: number;
  [key: string]: unknown;
}

export type DraftCondition = Record<string, unknown>;

/**
 * The document being edited. Looser than the schema's type on purpose: a draft may be invalid
 * (an empty title, no trigger yet) while the author works on it; the schema says what is wrong.
 */
export interface RuleDraft {
  name: string;
  description?: string | null;
  priority?: number;
  trigger: DraftTrigger | null;
  condition?: DraftCondition | null;
  actions: DraftAction[];
  retryPolicy?: Record<string, unknown>;
  execution?: unknown;
  [key: string]: unknown;
}

/** Everything of the document that is not on the canvas (name, priority, retry policy…). */
export type RuleBase = Omit<RuleDraft, "trigger" | "condition" | "actions">;

/** What a node shows besides its part of the document (issues, test results); set by the canvas. */
export interface NodeView {
  issueCount: number;
  firstIssue?: string;
  selected: boolean;
  readOnly: boolean;
  /** Dry-run outcome: undefined = not tested. */
  result?: { ok: boolean; label: string; neutral?: boolean };
  isFirst?: boolean;
  isLast?: boolean;
}

export type TriggerNodeData = { trigger: DraftTrigger; view?: NodeView };
export type ConditionNodeData = { condition: DraftCondition; view?: NodeView };
export type ActionNodeData = { action: DraftAction; index: number; view?: NodeView };

export type TriggerNode = Node<TriggerNodeData, "trigger">;
export type ConditionNode = Node<ConditionNodeData, "condition">;
export type ActionNode = Node<ActionNodeData, "action">;
export type RuleNode = TriggerNode | ConditionNode | ActionNode;

export interface RuleGraph {
  nodes: RuleNode[];
  edges: Edge[];
}

export const TRIGGER_ID = "trigger";
export const CONDITION_ID = "condition";

/** Fixed node size: positions are computed, never measured, so nothing shifts while typing. */
export const LAYOUT = { x: 0, width: 300, height: 88, gap: 40 } as const;
const STEP = LAYOUT.height + LAYOUT.gap;

/** Top of the n-th row (row 0 = trigger). */
export function rowY(row: number): number {
  return row * STEP;
}

/** The row of the first action: after the trigger, and the condition when there is one. */
export function firstActionRow(hasCondition: boolean): number {
  return hasCondition ? 2 : 1;
}

export function defaultActionIds(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `action-${i}`);
}

/** Edges implied by order: each node to the next. */
export function impliedEdges(ids: readonly string[]): Edge[] {
  const edges: Edge[] = [];
  for (let i = 1; i < ids.length; i++) {
    edges.push({ id: `e:${ids[i - 1]}->${ids[i]}`, source: ids[i - 1]!, target: ids[i]!, type: "smoothstep", selectable: false, focusable: false });
  }
  return edges;
}

export function ruleToGraph(doc: RuleDraft, options: { actionIds?: readonly string[] } = {}): RuleGraph {
  const ids = options.actionIds ?? defaultActionIds(doc.actions.length);
  if (ids.length !== doc.actions.length) throw new Error(`ruleToGraph: ${ids.length} ids for ${doc.actions.length} actions`);
  const nodes: RuleNode[] = [];
  if (doc.trigger) {
    nodes.push({ id: TRIGGER_ID, type: "trigger", position: { x: LAYOUT.x, y: rowY(0) }, data: { trigger: doc.trigger }, draggable: false, deletable: false });
  }
  const hasCondition = doc.condition !== undefined && doc.condition !== null;
  if (hasCondition) {
    nodes.push({ id: CONDITION_ID, type: "condition", position: { x: LAYOUT.x, y: rowY(1) }, data: { condition: doc.condition! }, draggable: false });
  }
  const first = firstActionRow(hasCondition);
  doc.actions.forEach((action, index) => {
    nodes.push({ id: ids[index]!, type: "action", position: { x: LAYOUT.x, y: rowY(first + index) }, data: { action, index } });
  });
  return { nodes, edges: impliedEdges(nodes.map((n) => n.id)) };
}

/** The action nodes in document order: top to bottom by position (a tie keeps the old order). */
export function orderedActionNodes(nodes: readonly RuleNode[]): ActionNode[] {
  return nodes
    .filter((n): n is ActionNode => n.type === "action")
    .map((node, seq) => ({ node, seq }))
    .sort((a, b) => a.node.position.y - b.node.position.y || a.node.data.index - b.node.data.index || a.seq - b.seq)
    .map((x) => x.node);
}

export function graphToRule(graph: Pick<RuleGraph, "nodes">, base: RuleBase): RuleDraft {
  const trigger = graph.nodes.find((n): n is TriggerNode => n.type === "trigger");
  const condition = graph.nodes.find((n): n is ConditionNode => n.type === "condition");
  const { name, description, priority, ...rest } = base;
  // Key order as people write the document (§4): name, description, priority, trigger, condition, actions, …
  const doc: Record<string, unknown> = { name };
  if (description !== undefined) doc.description = description;
  if (priority !== undefined) doc.priority = priority;
  doc.trigger = trigger ? trigger.data.trigger : null;
  if (condition) doc.condition = condition.data.condition;
  doc.actions = orderedActionNodes(graph.nodes).map((n) => n.data.action);
  for (const [key, value] of Object.entries(rest)) if (value !== undefined) doc[key] = value;
  return doc as RuleDraft;
}

/** The document minus the parts the canvas shows. */
export function ruleBase(doc: RuleDraft): RuleBase {
  const { trigger: _t, condition: _c, actions: _a, ...base } = doc;
  return base;
}

/**
 * Where a new action dropped with the pointer at flow y goes among `count` actions: before the
 * first action whose middle is below the pointer.
 */
export function insertIndexAt(y: number, count: number, hasCondition: boolean): number {
  const firstMiddle = rowY(firstActionRow(hasCondition)) + LAYOUT.height / 2;
  return Math.max(0, Math.min(count, Math.ceil((y - firstMiddle) / STEP)));
}
