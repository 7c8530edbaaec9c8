"use client";
// The canvas nodes. Each is memoized and sized by CSS to the layout's fixed box (rule-graph.ts
// LAYOUT), so a keystroke in one node's form re-renders that node only, and nothing moves.
import { Handle, Position, type NodeProps, type NodeTypes } from "@xyflow/react";
import { memo, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useTriggerText, triggerTypeKey, TRIGGER_TYPES } from "@/components/rules/trigger-summary";
import { cx } from "@/components/ui/cx";
import { useNodeCommands } from "./builder-context";
import { condKind, childrenOf, leafCount, leafText, type CondNode } from "./condition-model";
import { actionLabel, actionSummary } from "./labels";
import type { ActionNode, ConditionNode, NodeView, TriggerNode } from "./rule-graph";

function NodeBadges({ view }: { view?: NodeView }) {
  const { t } = useI18n();
  if (!view) return null;
  return (
    <span className="rb-node-badges">
      {view.result && (
        <span className={cx("rb-pill", view.result.neutral ? "rb-pill-neutral" : view.result.ok ? "rb-pill-ok" : "rb-pill-bad")} data-testid="node-result" data-ok={view.result.ok}>
          {view.result.label}
        </span>
      )}
      {view.issueCount > 0 && (
        <span className="rb-pill rb-pill-issue" title={view.firstIssue} data-testid="node-issues" aria-label={t("builder.node.issues", { count: view.issueCount })}>
          {view.issueCount}
        </span>
      )}
    </span>
  );
}

function NodeFrame({
  kind, view, head, body, tools, testId, index,
}: {
  kind: "trigger" | "condition" | "action";
  view?: NodeView;
  head: ReactNode;
  body: ReactNode;
  tools?: ReactNode;
  testId: string;
  index?: number;
}) {
  return (
    <div
      className={cx("rb-node", `rb-node-${kind}`, view?.selected && "rb-node-selected", view && view.issueCount > 0 && "rb-node-invalid")}
      data-testid={testId}
      data-index={index}
      data-selected={view?.selected || undefined}
    >
      {kind !== "trigger" && <Handle type="target" position={Position.Top} isConnectable={false} className="rb-handle" />}
      <div className="rb-node-head">
        <span className="rb-node-kind">{head}</span>
        <NodeBadges view={view} />
      </div>
      <div className="rb-node-body">{body}</div>
      {tools && !view?.readOnly && <div className="rb-node-tools nodrag">{tools}</div>}
      <Handle type="source" position={Position.Bottom} isConnectable={false} className="rb-handle" />
    </div>
  );
}

function ToolButton({ label, onClick, children, disabled, testId }: { label: string; onClick: () => void; children: ReactNode; disabled?: boolean; testId?: string }) {
  return (
    <button
      type="button"
      className="rb-tool nodrag"
      aria-label={label}
      title={label}
      disabled={disabled}
      data-testid={testId}
      onClick={(e) => {
        e.stopPropagation();
        onClick();
      }}
    >
      {children}
    </button>
  );
}

export const TriggerNodeView = memo(function TriggerNodeView({ data }: NodeProps<TriggerNode>) {
  const { t } = useI18n();
  const text = useTriggerText()(data.trigger);
  const type = data.trigger.type;
  const known = (TRIGGER_TYPES as readonly string[]).includes(type) ? t(triggerTypeKey[type as keyof typeof triggerTypeKey]) : type;
  return (
    <NodeFrame
      kind="trigger"
      view={data.view}
      testId="node-trigger"
      head={
        <>
          <span className="rb-node-tag">{t("builder.node.trigger")}</span> {known}
        </>
      }
      body={<span className={cx("rb-node-text", !text && "rb-node-placeholder")}>{text || t("builder.node.triggerEmpty")}</span>}
    />
  );
});

function conditionText(condition: CondNode, locale: "en" | "zh", t: ReturnType<typeof useI18n>["t"]): string {
  const kind = condKind(condition);
  if (kind === "leaf") return leafText(condition, locale);
  if (kind === "all" || kind === "any") {
    const children = childrenOf(condition);
    if (children.length === 0) return t("builder.node.conditionEmpty");
    const first = children[0];
    const head = condKind(first) === "leaf" ? leafText(first as CondNode, locale) : t("builder.node.group");
    const more = leafCount(condition) - 1;
    return more > 0 ? `${head} ${t(kind === "all" ? "builder.node.andMore" : "builder.node.orMore", { count: more })}` : head;
  }
  if (kind === "not") return `${t("builder.cond.not")} (${leafCount(condition)})`;
  return t("builder.node.conditionInvalid");
}

export const ConditionNodeView = memo(function ConditionNodeView({ data }: NodeProps<ConditionNode>) {
  const { t, locale } = useI18n();
  const commands = useNodeCommands();
  const kind = condKind(data.condition);
  const mode = kind === "all" ? t("builder.cond.all") : kind === "any" ? t("builder.cond.any") : "";
  return (
    <NodeFrame
      kind="condition"
      view={data.view}
      testId="node-condition"
      head={
        <>
          <span className="rb-node-tag">{t("builder.node.condition")}</span> {mode}
        </>
      }
      body={<span className="rb-node-text">{conditionText(data.condition, locale, t)}</span>}
      tools={
        <ToolButton label={t("builder.delete")} onClick={() => commands.removeCondition()} testId="node-delete">
          ×
        </ToolButton>
      }
    />
  );
});

export const ActionNodeView = memo(function ActionNodeView({ id, data }: NodeProps<ActionNode>) {
  const { t, locale } = useI18n();
  const commands = useNodeCommands();
  const summary = actionSummary(data.action);
  return (
    <NodeFrame
      kind="action"
      view={data.view}
      testId="node-action"
      index={data.index}
      head={
        <>
          <span className="rb-node-step">{data.index + 1}</span> {actionLabel(data.action.type, locale)}
          {data.action.name ? <span className="rb-node-name"> · {data.action.name}</span> : null}
        </>
      }
      body={<span className={cx("rb-node-text", !summary && "rb-node-placeholder")}>{summary || t("builder.node.actionEmpty")}</span>}
      tools={
        <>
          <ToolButton label={t("builder.moveUp")} disabled={data.view?.isFirst} onClick={() => commands.moveAction(id, -1)} testId="node-move-up">
            ↑
          </ToolButton>
          <ToolButton label={t("builder.moveDown")} disabled={data.view?.isLast} onClick={() => commands.moveAction(id, 1)} testId="node-move-down">
            ↓
          </ToolButton>
          <ToolButton label={t("builder.delete")} onClick={() => commands.removeAction(id)} testId="node-delete">
            ×
          </ToolButton>
        </>
      }
    />
  );
});

/** At module level, as React Flow asks: a new object per render would remount every node. */
export const nodeTypes: NodeTypes = {
  trigger: TriggerNodeView,
  condition: ConditionNodeView,
  action: ActionNodeView,
};
