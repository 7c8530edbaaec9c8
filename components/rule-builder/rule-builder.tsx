"use client";
// The visual rule builder: palette, canvas and inspector over ONE rule document, with undo/redo,
// save (a new version), test (dry run), enable/disable, the JSON view and version history.
// The document is the state; the canvas and every form are views of it.
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useCallback, useDeferredValue, useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { pretty, ruleToDocument } from "@/components/rules/rule-document";
import type { RuleDetail } from "@/components/rules/types";
import { triggerTypeKey, TRIGGER_TYPES } from "@/components/rules/trigger-summary";
import { Button } from "@/components/ui/button";
import { cx } from "@/components/ui/cx";
import { IconPlay } from "@/components/ui/icons";
import { Alert } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";
import { ruleDocumentSchema } from "@/server/domain/rules/rule-document";
import { ActionInspector, type DryRunStep } from "./action-inspector";
import { BuilderCanvas, type NodeResult } from "./builder-canvas";
import { NodeCommandsContext, useStableCommands } from "./builder-context";
import { ConditionEditor } from "./condition-editor";
import { defaultAction, defaultCondition, defaultTrigger } from "./defaults";
import {
  historyReducer, initialHistory, insertAction, moveAction, newActionId, removeAction, replaceDoc, setCondition, setDoc, setTrigger,
  snapshotOf, toDraft, updateAction, type Snapshot,
} from "./editor-state";
import { HistoryTab } from "./history-tab";
import { indexIssues, type Issue } from "./issue-map";
import { JsonTab } from "./json-tab";
import { actionLabel } from "./labels";
import { Palette, type PaletteItem } from "./palette";
import { CONDITION_ID, TRIGGER_ID, insertIndexAt, type DraftAction, type RuleDraft } from "./rule-graph";
import { SettingsPanel } from "./settings-panel";
import { TestPanel, type DryRunResult } from "./test-panel";
import { TriggerInspector } from "./trigger-inspector";
import { samplePayload } from "./template-vars";
import { useUnsavedGuard } from "./use-unsaved-guard";
import "./rule-builder.css";

type SavedRule = RuleDetail & { webhookSecret?: string };

export interface RuleBuilderProps {
  /** Absent for a new rule (save creates it). */
  ruleId?: string;
  status?: string;
  version?: number;
  initial: RuleDraft;
  canEdit: boolean;
  onSaved(rule: SavedRule): void;
}

/** The document of a saved rule as the builder edits it. */
export function draftOfRule(rule: Parameters<typeof ruleToDocument>[0]): RuleDraft {
  return toDraft(ruleToDocument(rule)) ?? { name: rule.name, trigger: null, actions: [] };
}

function isEditable(el: EventTarget | null): boolean {
  if (!(el instanceof HTMLElement)) return false;
  return el.isContentEditable || el.tagName === "INPUT" || el.tagName === "TEXTAREA" || el.tagName === "SELECT";
}

function dedupe(issues: Issue[]): Issue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const k = `${i.path}\u0000${i.message}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

function validate(doc: RuleDraft): Issue[] {
  const r = ruleDocumentSchema.safeParse(doc);
  return r.success ? [] : r.error.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

type Tab = "canvas" | "json" | "history";

/**
 * A failed save, kept small: the issues are marked on their nodes and fields, so the banner only
 * counts them; the list unfolds on demand and each entry opens its node.
 */
function ErrorBanner({ error, onClose, onPick }: { error: unknown; onClose(): void; onPick(path: string): void }) {
  const { t } = useI18n();
  const info = errorInfo(error);
  return (
    <div className="alert alert-error rb-errors" role="alert" data-testid="rule-errors">
      <div className="alert-body">
        <p className="alert-title">{t("rule.saveFailed")}</p>
        <p className="alert-message" data-testid="rule-error-message">
          {info.issues.length > 0 ? t("builder.errors.marked", { count: info.issues.length }) : info.message}
        </p>
        {info.issues.length > 0 && (
          <details className="rb-errors-list">
            <summary>{t("builder.errors.show")}</summary>
            <ul className="issue-list">
              {info.issues.map((issue, i) => (
                <li key={i} data-testid="rule-error-issue" data-path={issue.path}>
                  <button type="button" className="rb-issue-link" onClick={() => onPick(issue.path)}>
                    <code className="issue-path">{issue.path || t("rule.wholeDocument")}</code>
                    <span>{issue.message}</span>
                  </button>
                </li>
              ))}
            </ul>
          </details>
        )}
      </div>
      <button type="button" className="alert-close" onClick={onClose} aria-label={t("common.dismiss")}>
        ×
      </button>
    </div>
  );
}

export function RuleBuilder({ ruleId, status, version, initial, canEdit, onSaved }: RuleBuilderProps) {
  const { t, locale } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const readOnly = !canEdit;
  const rootRef = useRef<HTMLDivElement>(null);

  const [history, dispatch] = useReducer(historyReducer, initial, (d) => initialHistory(snapshotOf(d)));
  const { doc, ids } = history.present;
  const docJson = useMemo(() => JSON.stringify(doc), [doc]);
  const initialJson = useMemo(() => JSON.stringify(initial), [initial]);
  const [baseline, setBaseline] = useState(initialJson);
  const dirty = docJson !== baseline;

  // A newer version arrived from the server (saved elsewhere, rolled back): follow it unless there
  // are unsaved edits here.
  useEffect(() => {
    if (initialJson !== baseline && !dirty) {
      dispatch({ type: "reset", snapshot: snapshotOf(initial) });
      setBaseline(initialJson);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [initialJson]);

  const edit = useCallback((fn: (s: Snapshot) => Snapshot, key?: string) => dispatch({ type: "edit", fn, key, at: Date.now() }), []);

  const [selected, setSelected] = useState<string | null>(null);
  const [side, setSide] = useState<"inspect" | "test">("inspect");
  const [tab, setTab] = useState<Tab>("canvas");
  const [focus, setFocus] = useState<{ id: string; nonce: number } | null>(null);
  const selectedId = selected === TRIGGER_ID ? (doc.trigger ? selected : null) : selected === CONDITION_ID ? (doc.condition !== undefined ? selected : null) : selected && ids.includes(selected) ? selected : null;

  // ---- validation: the server's schema, client-side, plus what the server said last time ----------
  const deferredDoc = useDeferredValue(doc);
  const localIssues = useMemo(() => validate(deferredDoc), [deferredDoc]);
  const [serverError, setServerError] = useState<{ error: unknown; doc: RuleDraft; from: "save" | "test" } | null>(null);
  const serverIssues = useMemo(() => (serverError && serverError.doc === doc ? errorInfo(serverError.error).issues : []), [serverError, doc]);
  // A new rule does not greet its author with a wall of errors: a part's issues show once it has
  // been edited, and all of them after the first save or test. Server issues always show.
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [attempted, setAttempted] = useState(ruleId !== undefined);
  const touch = useCallback((part: string) => setTouched((cur) => (cur.has(part) ? cur : new Set(cur).add(part))), []);
  const issues = useMemo(() => {
    const shown = attempted
      ? localIssues
      : localIssues.filter((i) => {
          const [head, index] = i.path.split(".");
          if (head === "trigger") return touched.has(TRIGGER_ID);
          if (head === "condition") return touched.has(CONDITION_ID);
          if (head === "actions") return index !== undefined && /^\d+$/.test(index) && touched.has(ids[Number(index)] ?? "");
          return touched.has(i.path.split(".")[0] ?? "");
        });
    return indexIssues(dedupe([...shown, ...serverIssues]));
  }, [attempted, localIssues, serverIssues, touched, ids]);

  // ---- save ----------------------------------------------------------------------------------
  const create = useMutation(trpc.rules.create.mutationOptions());
  const update = useMutation(trpc.rules.update.mutationOptions());
  const saving = create.isPending || update.isPending;
  const [savedVersion, setSavedVersion] = useState<number | null>(null);

  const save = useCallback(() => {
    if (readOnly || saving) return;
    setAttempted(true);
    const sent = doc;
    setSavedVersion(null);
    const onSuccess = (rule: SavedRule) => {
      const saved = draftOfRule(rule);
      // The server fills in defaults (timezone, retry policy…): show what was stored.
      dispatch({ type: "edit", fn: (s) => (s.doc === sent ? replaceDoc(s, saved) : s), at: Date.now() });
      setBaseline(JSON.stringify(saved));
      setServerError(null);
      setSavedVersion(rule.version);
      void queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
      onSaved(rule);
    };
    const onError = (error: unknown) => setServerError({ error, doc: sent, from: "save" });
    if (ruleId) update.mutate({ id: ruleId, document: sent }, { onSuccess: (r) => onSuccess(r as SavedRule), onError });
    else create.mutate({ document: sent }, { onSuccess: (r) => onSuccess(r as SavedRule), onError });
  }, [readOnly, saving, doc, ruleId, update, create, queryClient, trpc, onSaved]);

  useUnsavedGuard(dirty && !readOnly, t("builder.unsavedConfirm"));

  // ---- enable / disable ---------------------------------------------------------------------------
  const invalidateRules = () => queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
  const enable = useMutation(trpc.rules.enable.mutationOptions({ onSuccess: invalidateRules }));
  const disable = useMutation(trpc.rules.disable.mutationOptions({ onSuccess: invalidateRules }));
  const statusError = enable.error ?? disable.error;
  const onEnable = () => {
    if (!ruleId) return;
    enable.mutate(
      { id: ruleId },
      {
        onSuccess: (r) => {
          // Rules that may message many people ask first; the answer says how many.
          const ask = r as { needsConfirmation?: boolean; message?: string };
          if (ask?.needsConfirmation && window.confirm(ask.message ?? t("builder.enableConfirm"))) enable.mutate({ id: ruleId, confirm: true });
        },
      },
    );
  };

  // ---- test (dry run) --------------------------------------------------------------------------
  const [payloadText, setPayloadText] = useState(() => pretty(samplePayload(initial)));
  const [payloadError, setPayloadError] = useState<string | null>(null);
  const [test, setTest] = useState<{ doc: RuleDraft; ids: string[]; result: DryRunResult } | null>(null);
  const dryRun = useMutation(trpc.rules.dryRun.mutationOptions());
  const runTest = () => {
    setAttempted(true);
    setSide("test");
    setTab("canvas");
    setPayloadError(null);
    let payload: unknown;
    try {
      payload = JSON.parse(payloadText || "{}");
    } catch (e) {
      setPayloadError(t("builder.invalidJson", { message: e instanceof Error ? e.message : String(e) }));
      return;
    }
    if (!payload || typeof payload !== "object" || Array.isArray(payload)) {
      setPayloadError(t("run.payloadObject"));
      return;
    }
    const sent = { doc, ids };
    const event = doc.trigger?.type === "event" && typeof doc.trigger.event === "string" && doc.trigger.event ? { type: doc.trigger.event } : undefined;
    dryRun.mutate(
      { document: doc, payload: payload as Record<string, unknown>, event },
      {
        onSuccess: (result) => {
          setTest({ ...sent, result: result as DryRunResult });
          if (serverError?.from === "test") setServerError(null);
        },
        onError: (error) => setServerError({ error, doc: sent.doc, from: "test" }),
      },
    );
  };
  const results = useMemo(() => {
    if (!test) return null;
    const map = new Map<string, NodeResult>();
    if (test.doc.condition !== undefined) {
      map.set(CONDITION_ID, { ok: test.result.condition.result, label: test.result.condition.result ? t("builder.test.true") : t("builder.test.false") });
    }
    for (const step of test.result.steps) {
      const id = test.ids[step.index];
      if (id) map.set(id, { ok: step.ok, neutral: step.ok && !step.wouldRun, label: step.ok ? (step.wouldRun ? "✓" : t("builder.test.skipped")) : `✗ ${step.issues.length}` });
    }
    return map;
  }, [test, t]);
  const stepsById = useMemo(() => {
    const map = new Map<string, DryRunStep>();
    if (test) for (const s of test.result.steps) if (test.ids[s.index]) map.set(test.ids[s.index]!, s);
    return map;
  }, [test]);

  // ---- node operations ---------------------------------------------------------------------------
  const select = useCallback((id: string | null) => {
    setSelected(id);
    if (id) setSide("inspect");
  }, []);

  const addItem = useCallback(
    (item: PaletteItem, at?: number) => {
      if (readOnly) return;
      const nonce = Date.now();
      if (item.kind === "trigger") {
        if (doc.trigger?.type !== item.type) edit((s) => setTrigger(s, defaultTrigger(item.type)));
        select(TRIGGER_ID);
        setFocus({ id: TRIGGER_ID, nonce });
        return;
      }
      if (item.kind === "condition") {
        if (doc.condition === undefined) edit((s) => setCondition(s, defaultCondition()));
        select(CONDITION_ID);
        setFocus({ id: CONDITION_ID, nonce });
        return;
      }
      const id = newActionId();
      const after = selectedId ? ids.indexOf(selectedId) : -1;
      const index = at ?? (after >= 0 ? after + 1 : doc.actions.length);
      edit((s) => insertAction(s, defaultAction(item.type), index, id));
      select(id);
      setFocus({ id, nonce });
    },
    [readOnly, doc.trigger, doc.condition, doc.actions.length, edit, select, selectedId, ids],
  );

  const onDropItem = useCallback(
    (item: PaletteItem, flowY: number) => addItem(item, item.kind === "action" ? insertIndexAt(flowY, doc.actions.length, doc.condition !== undefined) : undefined),
    [addItem, doc.actions.length, doc.condition],
  );

  const onReorder = useCallback((id: string, to: number) => edit((s) => moveAction(s, s.ids.indexOf(id), to)), [edit]);

  const removeNode = useCallback(
    (id: string) => {
      if (readOnly) return;
      if (id === CONDITION_ID) edit((s) => setCondition(s, null));
      else if (id !== TRIGGER_ID) edit((s) => removeAction(s, s.ids.indexOf(id)));
      setSelected((cur) => (cur === id ? null : cur));
    },
    [edit, readOnly],
  );

  const commands = useStableCommands({
    select: (id) => select(id),
    moveAction: (id, delta) => {
      edit((s) => moveAction(s, s.ids.indexOf(id), s.ids.indexOf(id) + delta));
      setFocus({ id, nonce: Date.now() });
    },
    removeAction: (id) => removeNode(id),
    removeCondition: () => removeNode(CONDITION_ID),
  });

  // ---- keyboard: Ctrl/⌘+S save, Ctrl/⌘+Z undo, Ctrl/⌘+Shift+Z (or Ctrl+Y) redo, Delete, Escape ----
  const keys = useRef({ save, readOnly, selectedId, removeNode, select });
  useEffect(() => {
    keys.current = { save, readOnly, selectedId, removeNode, select };
  });
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const root = rootRef.current;
      const target = e.target as Node | null;
      const inside = !!root && !!target && (root.contains(target) || target === document.body);
      if (!inside) return;
      const mod = e.ctrlKey || e.metaKey;
      const k = e.key.toLowerCase();
      const { save: doSave, readOnly: ro, selectedId: sel, removeNode: remove, select: choose } = keys.current;
      if (mod && k === "s") {
        e.preventDefault();
        doSave();
      } else if (mod && k === "z" && !ro) {
        e.preventDefault();
        dispatch({ type: e.shiftKey ? "redo" : "undo" });
      } else if (mod && k === "y" && !ro) {
        e.preventDefault();
        dispatch({ type: "redo" });
      } else if ((e.key === "Delete" || (e.key === "Backspace" && e.metaKey)) && !ro && sel && !isEditable(e.target)) {
        e.preventDefault();
        remove(sel);
      } else if (e.key === "Escape" && !isEditable(e.target)) {
        choose(null);
      }
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);

  // ---- the inspector -------------------------------------------------------------------------------
  const selectedIndex = selectedId && selectedId !== TRIGGER_ID && selectedId !== CONDITION_ID ? ids.indexOf(selectedId) : -1;
  let inspectorTitle: ReactNode = t("builder.settings");
  let inspector: ReactNode;
  if (selectedId === TRIGGER_ID && doc.trigger) {
    const type = doc.trigger.type;
    inspectorTitle = `${t("builder.node.trigger")} · ${(TRIGGER_TYPES as readonly string[]).includes(type) ? t(triggerTypeKey[type as keyof typeof triggerTypeKey]) : type}`;
    inspector = <TriggerInspector trigger={doc.trigger} onChange={(next, key) => (touch(TRIGGER_ID), edit((s) => setTrigger(s, next), key))} errors={issues.trigger} readOnly={readOnly} />;
  } else if (selectedId === CONDITION_ID && doc.condition !== undefined) {
    inspectorTitle = t("builder.node.condition");
    inspector = (
      <ConditionEditor
        condition={doc.condition as Record<string, unknown>}
        onChange={(next, key) => (touch(CONDITION_ID), edit((s) => setCondition(s, next), key))}
        issues={issues}
        readOnly={readOnly}
        trace={test?.result.condition.trace}
      />
    );
  } else if (selectedIndex >= 0) {
    const action = doc.actions[selectedIndex]!;
    inspectorTitle = `${selectedIndex + 1}. ${actionLabel(action.type, locale)}`;
    inspector = (
      <ActionInspector
        key={selectedId!}
        action={action}
        index={selectedIndex}
        count={doc.actions.length}
        onChange={(next: DraftAction, key) => (touch(selectedId!), edit((s) => updateAction(s, s.ids.indexOf(selectedId!), next), key))}
        onMove={(delta) => commands.moveAction(selectedId!, delta)}
        onRemove={() => removeNode(selectedId!)}
        issues={issues.actions.get(selectedIndex)}
        readOnly={readOnly}
        step={stepsById.get(selectedId!)}
      />
    );
  } else {
    inspector = <SettingsPanel doc={doc} onChange={(patch, key) => (Object.keys(patch).forEach(touch), edit((s) => setDoc(s, patch), key))} issues={issues.settings} readOnly={readOnly} />;
  }

  const canUndo = history.past.length > 0;
  const canRedo = history.future.length > 0;
  const undoLabel = `${t("builder.undo")} (Ctrl+Z)`;
  const redoLabel = `${t("builder.redo")} (Ctrl+Shift+Z)`;
  const listIssues = issues.actionList;

  return (
    <div ref={rootRef} className={cx("rb", readOnly && "rb-readonly")} data-testid="builder" data-dirty={dirty || undefined} data-readonly={readOnly || undefined}>
      <div className="rb-bar">
        <div className="rb-name">
          <label htmlFor="rb-rule-name" className="sr-only">
            {t("builder.field.name")}
          </label>
          <input
            id="rb-rule-name"
            className="input rb-name-input"
            value={doc.name}
            placeholder={t("builder.namePlaceholder")}
            readOnly={readOnly}
            aria-invalid={issues.settings.name ? true : undefined}
            onChange={(e) => {
              touch("name");
              edit((s) => setDoc(s, { name: e.target.value }), "name");
            }}
            data-testid="rule-name"
          />
          {issues.settings.name && (
            <p className="field-error rb-name-error" data-testid="rule-name-error">
              {issues.settings.name[0]}
            </p>
          )}
        </div>
        <div className="rb-bar-status" aria-live="polite">
          {dirty && !readOnly ? (
            <span className="dirty-dot" data-testid="builder-dirty">
              {t("rule.unsaved")}
            </span>
          ) : savedVersion !== null ? (
            <span className="rb-saved small" data-testid="builder-saved">
              {t("rule.saved", { version: savedVersion })}
            </span>
          ) : issues.total > 0 ? (
            <span className="text-danger small" data-testid="builder-issue-count">
              {t("builder.issueCount", { count: issues.total })}
            </span>
          ) : null}
        </div>
        <div className="rb-bar-actions">
          {!readOnly && (
            <>
              <Button size="sm" variant="ghost" disabled={!canUndo} onClick={() => dispatch({ type: "undo" })} aria-label={undoLabel} title={undoLabel} data-testid="builder-undo">
                ↶<span className="rb-hide-narrow"> {t("builder.undo")}</span>
              </Button>
              <Button size="sm" variant="ghost" disabled={!canRedo} onClick={() => dispatch({ type: "redo" })} aria-label={redoLabel} title={redoLabel} data-testid="builder-redo">
                ↷<span className="rb-hide-narrow"> {t("builder.redo")}</span>
              </Button>
              <Button size="sm" icon={<IconPlay />} loading={dryRun.isPending} onClick={runTest} data-testid="builder-test">
                {t("builder.test")}
              </Button>
            </>
          )}
          {ruleId && !readOnly && status !== undefined &&
            (status === "enabled" ? (
              <Button size="sm" loading={disable.isPending} onClick={() => disable.mutate({ id: ruleId })} data-testid="builder-disable">
                {t("rule.disable")}
              </Button>
            ) : (
              <Button
                size="sm"
                loading={enable.isPending}
                disabled={dirty}
                title={dirty ? t("builder.saveFirst") : undefined}
                onClick={onEnable}
                data-testid="builder-enable"
              >
                {t("rule.enable")}
              </Button>
            ))}
          {!readOnly && (
            <Button size="sm" variant="primary" loading={saving} disabled={!dirty && !!ruleId} onClick={save} title="Ctrl+S" data-testid="builder-save">
              {ruleId ? t("rule.save") : t("rule.create")}
            </Button>
          )}
        </div>
      </div>

      <div className="rb-tabs" role="tablist" aria-label={t("builder.views")}>
        {(["canvas", "json", ...(ruleId ? (["history"] as const) : [])] as Tab[]).map((id) => (
          <button
            key={id}
            type="button"
            role="tab"
            aria-selected={tab === id}
            className={cx("tab", tab === id && "tab-active")}
            onClick={() => setTab(id)}
            data-testid={id === "canvas" ? "builder-canvas-tab" : `builder-${id}-tab`}
          >
            {t(id === "canvas" ? "builder.tab.canvas" : id === "json" ? "builder.tab.json" : "builder.tab.history")}
            {id === "history" && version !== undefined && <span className="tab-count">{version}</span>}
          </button>
        ))}
      </div>

      {serverError?.from === "save" && (
        <ErrorBanner
          error={serverError.error}
          onClose={() => setServerError(null)}
          onPick={(path) => {
            const [head, index] = path.split(".");
            setTab("canvas");
            if (head === "trigger") select(TRIGGER_ID);
            else if (head === "condition") select(CONDITION_ID);
            else if (head === "actions" && index !== undefined && ids[Number(index)]) select(ids[Number(index)]!);
            else select(null);
          }}
        />
      )}
      {statusError && (
        <Alert tone="error" onClose={() => (enable.reset(), disable.reset())} data-testid="builder-status-error">
          {errorInfo(statusError).message}
        </Alert>
      )}
      {readOnly && (
        <p className="muted small rb-readonly-note" data-testid="builder-readonly">
          {t("builder.readOnly")}
        </p>
      )}

      <div className="rb-main" hidden={tab !== "canvas"}>
        {!readOnly && <Palette hasCondition={doc.condition !== undefined} onAdd={addItem} />}
        <NodeCommandsContext.Provider value={commands}>
          <BuilderCanvas
            doc={doc}
            ids={ids}
            selectedId={selectedId}
            issues={issues}
            results={results}
            readOnly={readOnly}
            onSelect={select}
            onDropItem={onDropItem}
            onReorder={onReorder}
            focus={focus}
          />
        </NodeCommandsContext.Provider>
        <aside className="rb-side">
          <div className="rb-side-tabs" role="tablist" aria-label={t("builder.panels")}>
            <button type="button" role="tab" aria-selected={side === "inspect"} className={cx("tab", side === "inspect" && "tab-active")} onClick={() => setSide("inspect")} data-testid="builder-inspect-tab">
              {t("builder.inspector")}
            </button>
            {!readOnly && (
              <button type="button" role="tab" aria-selected={side === "test"} className={cx("tab", side === "test" && "tab-active")} onClick={() => setSide("test")} data-testid="builder-test-tab">
                {t("builder.testPanel")}
                {test && <span className={cx("rb-dot", test.result.steps.every((s) => s.ok) ? "rb-dot-ok" : "rb-dot-bad")} aria-hidden />}
              </button>
            )}
          </div>
          <div className="rb-side-body">
            {side === "inspect" || readOnly ? (
              <section className="rb-inspector" data-testid="inspector" data-kind={selectedId === TRIGGER_ID ? "trigger" : selectedId === CONDITION_ID ? "condition" : selectedIndex >= 0 ? "action" : "settings"}>
                <header className="rb-inspector-head">
                  <h3 className="rb-inspector-title">{inspectorTitle}</h3>
                  {selectedId && (
                    <button type="button" className="btn btn-ghost btn-sm" onClick={() => select(null)} data-testid="inspector-close">
                      {t("builder.showSettings")}
                    </button>
                  )}
                </header>
                {!selectedId && listIssues.length > 0 && (
                  <div className="field-error">
                    {listIssues.map((m, i) => (
                      <p key={i}>{m}</p>
                    ))}
                  </div>
                )}
                {!selectedId && !doc.trigger && !readOnly && <p className="muted small">{t("builder.startHint")}</p>}
                {inspector}
              </section>
            ) : (
              <TestPanel
                payload={payloadText}
                onPayload={setPayloadText}
                payloadError={payloadError}
                onRun={runTest}
                running={dryRun.isPending}
                result={test?.result ?? null}
                error={serverError?.from === "test" ? errorInfo(serverError.error).message : null}
                stale={!!test && test.doc !== doc}
                hasCondition={doc.condition !== undefined}
                readOnly={readOnly}
              />
            )}
          </div>
        </aside>
      </div>

      {tab === "json" && <JsonTab doc={doc} readOnly={readOnly} onSave={save} onImport={(d) => edit((s) => replaceDoc(s, d), "json")} />}
      {tab === "history" && ruleId && (
        <HistoryTab
          ruleId={ruleId}
          currentVersion={version ?? 0}
          draft={doc}
          dirty={dirty}
          canEdit={!readOnly}
          onLoad={(d) => {
            edit((s) => replaceDoc(s, d));
            setTab("canvas");
          }}
          onRolledBack={(rule) => {
            const saved = draftOfRule(rule);
            dispatch({ type: "edit", fn: (s) => replaceDoc(s, saved), at: Date.now() });
            setBaseline(JSON.stringify(saved));
            onSaved(rule);
          }}
        />
      )}
    </div>
  );
}
