"use client";
// The React Flow canvas: draws ruleToGraph(document), takes palette drops (HTML5 drag and drop)
// and reorders actions by dragging them vertically. Node objects are cached per id and rebuilt
// only when what they show changes, so React Flow and the memoized nodes skip the rest. A minimap
// (hidden on narrow screens) keeps a long rule navigable.
import {
  Background, Controls, MiniMap, Position, ReactFlow, ReactFlowProvider, useReactFlow,
  type IsValidConnection, type NodeChange, type NodeHandle, type OnNodeDrag,
} from "@xyflow/react";
import "@xyflow/react/dist/style.css";
import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { IssueIndex } from "./issue-map";
import { nodeTypes } from "./nodes";
import { readPaletteDrag, PALETTE_MIME, type PaletteItem } from "./palette";
import {
  LAYOUT, firstActionRow, impliedEdges, rowY, ruleToGraph,
  type NodeView, type RuleDraft, type RuleNode,
} from "./rule-graph";

export interface NodeResult {
  ok: boolean;
  label: string;
  /** Neither good nor bad news (a step the condition would skip). */
  neutral?: boolean;
}

const W = LAYOUT.width;
const H = LAYOUT.height;
// Handles are declared, not measured: every node has the same fixed box.
const HANDLES: NodeHandle[] = [
  { type: "target", position: Position.Top, x: W / 2 - 4, y: 0, width: 8, height: 8 },
  { type: "source", position: Position.Bottom, x: W / 2 - 4, y: H - 8, width: 8, height: 8 },
];
const MEASURED = { width: W, height: H };

// The overview in the corner (a long rule does not fit the view): each node in its kind's colour,
// red when it has problems. Styles are inline, so CSS variables work.
function miniMapColor(node: RuleNode): string {
  if (node.data.view?.issueCount) return "var(--red)";
  return node.type === "trigger" ? "var(--accent)" : node.type === "condition" ? "var(--amber)" : "var(--blue)";
}

// Narrow and tall, like the flow it shows.
const MINIMAP_SIZE = { width: 150, height: 180 };

// The document decides the edges; the author cannot draw new ones.
const noConnections: IsValidConnection = () => false;

export interface CanvasProps {
  doc: RuleDraft;
  ids: string[];
  selectedId: string | null;
  issues: IssueIndex;
  results: Map<string, NodeResult> | null;
  readOnly: boolean;
  onSelect(id: string | null): void;
  onDropItem(item: PaletteItem, flowY: number): void;
  onReorder(id: string, toIndex: number): void;
  /** Bring a node into view (after an add or a move); `nonce` repeats the request. */
  focus: { id: string; nonce: number } | null;
}

export function BuilderCanvas(props: CanvasProps) {
  return (
    <ReactFlowProvider>
      <CanvasInner {...props} />
    </ReactFlowProvider>
  );
}

/** The action slot (0…count-1) whose row is nearest to a node whose top is at flow y. */
function slotAt(y: number, count: number, hasCondition: boolean): number {
  const first = rowY(firstActionRow(hasCondition));
  return Math.max(0, Math.min(count - 1, Math.round((y - first) / (LAYOUT.height + LAYOUT.gap))));
}

type CacheEntry = { deps: unknown[]; node: RuleNode };

function sameDeps(a: unknown[], b: unknown[]) {
  return a.length === b.length && a.every((v, i) => Object.is(v, b[i]));
}

function issueSummary(messages: Record<string, string[]> | undefined, extra: string[] = []): [number, string | undefined] {
  const all = [...Object.values(messages ?? {}).flat(), ...extra];
  return [all.length, all[0]];
}

function CanvasInner({ doc, ids, selectedId, issues, results, readOnly, onSelect, onDropItem, onReorder, focus }: CanvasProps) {
  const { t } = useI18n();
  const flow = useReactFlow();
  const [drag, setDrag] = useState<{ id: string; x: number; y: number } | null>(null);
  const [dropActive, setDropActive] = useState(false);
  const cache = useRef(new Map<string, CacheEntry>());

  const graph = useMemo(() => ruleToGraph(doc, { actionIds: ids }), [doc, ids]);
  const hasCondition = doc.condition !== undefined && doc.condition !== null;

  // While an action is dragged, the others make room for it (like a sortable list), so the slot it
  // will drop into is visible; the slot is the row nearest to the dragged node.
  const dragSlot = drag ? slotAt(drag.y, ids.length, hasCondition) : -1;
  const dragRows = useMemo(() => {
    if (!drag || !ids.includes(drag.id)) return null;
    const order = ids.filter((id) => id !== drag.id);
    order.splice(dragSlot, 0, drag.id);
    const first = firstActionRow(hasCondition);
    return new Map(order.map((id, i) => [id, rowY(first + i)]));
  }, [drag?.id, dragSlot, ids, hasCondition]); // eslint-disable-line react-hooks/exhaustive-deps

  const nodes = useMemo(() => {
    const next = new Map<string, CacheEntry>();
    const count = doc.actions.length;
    const out = graph.nodes.map((base) => {
      let issueCount = 0;
      let firstIssue: string | undefined;
      let deps: unknown[];
      if (base.type === "trigger") {
        [issueCount, firstIssue] = issueSummary(issues.trigger);
        deps = [base.data.trigger];
      } else if (base.type === "condition") {
        const msgs = issues.condition.map((c) => c.message);
        [issueCount, firstIssue] = [msgs.length, msgs[0]];
        deps = [base.data.condition];
      } else {
        const ai = issues.actions.get(base.data.index);
        [issueCount, firstIssue] = issueSummary(ai?.params, Object.values(ai?.entry ?? {}).flat());
        deps = [base.data.action, base.data.index, base.data.index === 0, base.data.index === count - 1];
      }
      const result = results?.get(base.id);
      const selected = base.id === selectedId;
      const shifted = dragRows?.get(base.id);
      const position = drag && drag.id === base.id ? { x: drag.x, y: drag.y } : shifted !== undefined ? { x: base.position.x, y: shifted } : base.position;
      deps.push(issueCount, firstIssue, result?.ok, result?.label, result?.neutral, selected, readOnly, position.x, position.y);
      const hit = cache.current.get(base.id);
      if (hit && hit.node.type === base.type && sameDeps(hit.deps, deps)) {
        next.set(base.id, hit);
        return hit.node;
      }
      const view: NodeView = {
        issueCount,
        firstIssue,
        selected,
        readOnly,
        result,
        isFirst: base.type === "action" ? base.data.index === 0 : undefined,
        isLast: base.type === "action" ? base.data.index === count - 1 : undefined,
      };
      const node = {
        ...base,
        position,
        data: { ...base.data, view },
        selected,
        draggable: base.type === "action" && !readOnly,
        deletable: false,
        width: W,
        height: H,
        measured: MEASURED,
        handles: HANDLES,
        ariaLabel: undefined,
      } as RuleNode;
      next.set(base.id, { deps, node });
      return node;
    });
    cache.current = next;
    return out;
  }, [graph, doc.actions.length, issues, results, selectedId, readOnly, drag, dragRows]);

  const edgeKey = graph.nodes.map((n) => n.id).join(" ");
  // eslint-disable-next-line react-hooks/exhaustive-deps
  const edges = useMemo(() => impliedEdges(edgeKey === "" ? [] : edgeKey.split(" ")), [edgeKey]);

  const onNodesChange = useCallback(
    (changes: NodeChange<RuleNode>[]) => {
      for (const c of changes) {
        if (c.type === "position" && c.dragging && c.position) setDrag({ id: c.id, x: c.position.x, y: c.position.y });
        else if (c.type === "select" && c.selected) onSelect(c.id);
      }
    },
    [onSelect],
  );

  const onNodeDragStop: OnNodeDrag<RuleNode> = useCallback(
    (_e, node) => {
      setDrag(null);
      if (node.type !== "action") return;
      const to = slotAt(node.position.y, ids.length, hasCondition);
      if (to !== ids.indexOf(node.id)) onReorder(node.id, to);
    },
    [ids, hasCondition, onReorder],
  );

  // The flow grows downwards, so the view starts at the top: the trigger near the top edge, as
  // large as fits (zoom 0.75–1), centered horizontally. Controls' "fit" shows everything.
  const wrapRef = useRef<HTMLDivElement>(null);
  const rows = graph.nodes.length;
  // A hidden canvas (the JSON tab is open) has no size: align when it shows again.
  const alignPending = useRef(false);
  const topAlign = useCallback(() => {
    const el = wrapRef.current;
    if (!el) return;
    const w = el.clientWidth;
    const h = el.clientHeight;
    if (w === 0 || h === 0) {
      alignPending.current = true;
      return;
    }
    alignPending.current = false;
    const height = Math.max(1, rows) * (H + LAYOUT.gap) - LAYOUT.gap;
    const zoom = Math.max(0.75, Math.min(1, (h - 64) / height, (w - 48) / W));
    void flow.setViewport({ x: (w - W * zoom) / 2 - LAYOUT.x * zoom, y: 32, zoom });
  }, [flow, rows]);

  useEffect(() => {
    const el = wrapRef.current;
    if (!el || typeof ResizeObserver === "undefined") return;
    const ro = new ResizeObserver(() => {
      if (alignPending.current) topAlign();
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [topAlign]);

  const hadNodes = useRef(rows > 0);
  useEffect(() => {
    if (rows > 0 && !hadNodes.current) topAlign();
    hadNodes.current = rows > 0;
  }, [rows, topAlign]);

  // After an add or a move, scroll the canvas just enough to show that node.
  useEffect(() => {
    const el = wrapRef.current;
    const node = focus && graph.nodes.find((n) => n.id === focus.id);
    if (!el || !node || el.clientWidth === 0) return;
    const vp = flow.getViewport();
    const margin = 24;
    const top = node.position.y * vp.zoom + vp.y;
    const bottom = (node.position.y + H) * vp.zoom + vp.y;
    const left = node.position.x * vp.zoom + vp.x;
    const right = (node.position.x + W) * vp.zoom + vp.x;
    const dy = top < margin ? margin - top : bottom > el.clientHeight - margin ? el.clientHeight - margin - bottom : 0;
    const dx = left < margin ? margin - left : right > el.clientWidth - margin ? el.clientWidth - margin - right : 0;
    if (dx !== 0 || dy !== 0) void flow.setViewport({ x: vp.x + dx, y: vp.y + dy, zoom: vp.zoom }, { duration: 200 });
    // Only a new request moves the view, not every edit.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [focus]);

  const onDragOver = useCallback(
    (e: DragEvent) => {
      if (readOnly || !e.dataTransfer.types.includes(PALETTE_MIME)) return;
      e.preventDefault();
      e.dataTransfer.dropEffect = "copy";
      setDropActive(true);
    },
    [readOnly],
  );

  const onDrop = useCallback(
    (e: DragEvent) => {
      setDropActive(false);
      if (readOnly) return;
      const item = readPaletteDrag(e.dataTransfer);
      if (!item) return;
      e.preventDefault();
      const p = flow.screenToFlowPosition({ x: e.clientX, y: e.clientY });
      onDropItem(item, p.y);
    },
    [flow, onDropItem, readOnly],
  );

  return (
    <div
      ref={wrapRef}
      className={dropActive ? "rb-canvas rb-canvas-drop" : "rb-canvas"}
      data-testid="canvas"
      onDragOver={onDragOver}
      onDragLeave={() => setDropActive(false)}
      onDrop={onDrop}
    >
      <ReactFlow<RuleNode>
        nodes={nodes}
        edges={edges}
        nodeTypes={nodeTypes}
        onNodesChange={onNodesChange}
        onNodeDragStop={onNodeDragStop}
        onNodeClick={(_e, node) => onSelect(node.id)}
        onPaneClick={() => onSelect(null)}
        isValidConnection={noConnections}
        nodesConnectable={false}
        nodesDraggable={!readOnly}
        elementsSelectable
        deleteKeyCode={null}
        selectionKeyCode={null}
        multiSelectionKeyCode={null}
        panOnScroll
        zoomOnDoubleClick={false}
        minZoom={0.1}
        maxZoom={1.5}
        onInit={topAlign}
        proOptions={{ hideAttribution: true }}
        defaultEdgeOptions={{ type: "smoothstep" }}
      >
        <Background gap={20} size={1} />
        <Controls showInteractive={false} fitViewOptions={{ padding: 0.15, maxZoom: 1 }} />
        {graph.nodes.length > 0 && (
          <MiniMap<RuleNode>
            pannable
            zoomable
            className="rb-minimap"
            style={MINIMAP_SIZE}
            nodeColor={miniMapColor}
            nodeBorderRadius={6}
            ariaLabel={t("builder.canvas.minimap")}
          />
        )}
      </ReactFlow>
      {graph.nodes.length === 0 && (
        <div className="rb-canvas-empty" data-testid="canvas-empty">
          <p className="rb-canvas-empty-title">{t("builder.canvas.emptyTitle")}</p>
          <p className="muted small">{readOnly ? t("builder.canvas.emptyReadOnly") : t("builder.canvas.emptyHint")}</p>
        </div>
      )}
    </div>
  );
}
