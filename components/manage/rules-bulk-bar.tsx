"use client";
// Bulk enable / disable / archive for the rules list (editor+). There is no bulk API: one call per
// rule, all at once, and a summary of what worked and what did not.
import "./manage.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC, useTRPCClient } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Alert } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";
import { ConfirmDialog } from "./dialog";

export type BulkAction = "enable" | "disable" | "archive";

export interface BulkOutcome {
  action: BulkAction;
  ok: number;
  failed: { id: string; name: string; message: string }[];
}

/** Enabling a rule that could message many people may answer "confirm first" instead. */
interface EnableAsk {
  id: string;
  name: string;
  message: string;
}
function askOf(result: unknown): string | null {
  const r = result as { needsConfirmation?: unknown; message?: unknown } | null;
  return r && r.needsConfirmation === true ? (typeof r.message === "string" ? r.message : "") : null;
}

export function RulesBulkBar({
  selected, names, onClear, onDone,
}: {
  selected: string[];
  /** id → name, for messages. */
  names: Map<string, string>;
  onClear: () => void;
  onDone: (outcome: BulkOutcome) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const [confirmArchive, setConfirmArchive] = useState(false);
  const [asks, setAsks] = useState<{ asks: EnableAsk[]; okSoFar: number; failedSoFar: BulkOutcome["failed"] } | null>(null);
  const run = useMutation({
    mutationFn: async ({ action, ids, confirm }: { action: BulkAction; ids: string[]; confirm?: boolean }) => {
      // `confirm` is for servers whose enable asks first; others ignore the extra field.
      const call = (id: string): Promise<unknown> =>
        action === "enable"
          ? client.rules.enable.mutate((confirm ? { id, confirm: true } : { id }) as { id: string })
          : action === "disable"
            ? client.rules.disable.mutate({ id })
            : client.rules.archive.mutate({ id });
      const results = await Promise.allSettled(ids.map((id) => call(id)));
      const name = (id: string) => names.get(id) ?? id;
      const failed: BulkOutcome["failed"] = [];
      const pendingAsks: EnableAsk[] = [];
      results.forEach((r, i) => {
        if (r.status === "rejected") failed.push({ id: ids[i], name: name(ids[i]), message: errorInfo(r.reason).message });
        else {
          const ask = askOf(r.value);
          if (ask !== null) pendingAsks.push({ id: ids[i], name: name(ids[i]), message: ask });
        }
      });
      return { action, ok: results.length - failed.length - pendingAsks.length, failed, asks: pendingAsks };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() }),
    onSuccess: (r) => {
      setConfirmArchive(false);
      const okSoFar = r.ok + (asks?.okSoFar ?? 0);
      const failedSoFar = [...(asks?.failedSoFar ?? []), ...r.failed];
      if (r.asks.length > 0) {
        setAsks({ asks: r.asks, okSoFar, failedSoFar });
        return;
      }
      setAsks(null);
      onDone({ action: r.action, ok: okSoFar, failed: failedSoFar });
    },
  });
  const start = (action: BulkAction) => {
    setAsks(null);
    run.mutate({ action, ids: selected });
  };
  const busy = run.isPending ? run.variables?.action : null;
  return (
    <div className="m-bulk-bar" role="region" aria-label={t("bulk.label")} data-testid="rules-bulk-bar">
      <span className="m-bulk-count" aria-live="polite" data-testid="rules-bulk-count">
        {t("bulk.selected", { count: selected.length })}
      </span>
      <div className="row">
        <Button size="sm" onClick={() => start("enable")} loading={busy === "enable"} disabled={run.isPending} data-testid="bulk-enable">
          {t("rule.enable")}
        </Button>
        <Button size="sm" onClick={() => start("disable")} loading={busy === "disable"} disabled={run.isPending} data-testid="bulk-disable">
          {t("rule.disable")}
        </Button>
        <Button size="sm" variant="danger" onClick={() => setConfirmArchive(true)} disabled={run.isPending} data-testid="bulk-archive">
          {t("bulk.archive")}
        </Button>
        <Button size="sm" variant="ghost" onClick={onClear} disabled={run.isPending} data-testid="bulk-clear">
          {t("bulk.clear")}
        </Button>
      </div>
      <ConfirmDialog
        open={confirmArchive}
        onClose={() => setConfirmArchive(false)}
        onConfirm={() => start("archive")}
        busy={busy === "archive"}
        title={t("bulk.archiveTitle", { count: selected.length })}
        body={t("bulk.archiveBody")}
        confirmLabel={t("bulk.archive")}
      />
      <ConfirmDialog
        open={asks !== null}
        onClose={() => {
          // Not confirmed: report what was done, and the rules left disabled.
          if (asks) {
            onDone({
              action: "enable",
              ok: asks.okSoFar,
              failed: [...asks.failedSoFar, ...asks.asks.map((a) => ({ id: a.id, name: a.name, message: t("bulk.notConfirmed") }))],
            });
          }
          setAsks(null);
        }}
        onConfirm={() => asks && run.mutate({ action: "enable", ids: asks.asks.map((a) => a.id), confirm: true })}
        busy={busy === "enable"}
        title={t("bulk.confirmEnableTitle", { count: asks?.asks.length ?? 0 })}
        body={
          <ul className="issue-list" data-testid="bulk-enable-asks">
            {asks?.asks.map((a) => (
              <li key={a.id}>
                <strong>{a.name}</strong>
                <span>{a.message}</span>
              </li>
            ))}
          </ul>
        }
        confirmLabel={t("bulk.confirmEnable")}
      />
    </div>
  );
}

/** The summary after a bulk action. */
export function BulkOutcomeAlert({ outcome, onClose }: { outcome: BulkOutcome; onClose: () => void }) {
  const { t } = useI18n();
  const verb = outcome.action === "enable" ? t("bulk.done.enable") : outcome.action === "disable" ? t("bulk.done.disable") : t("bulk.done.archive");
  return (
    <Alert
      tone={outcome.failed.length === 0 ? "success" : outcome.ok === 0 ? "error" : "warning"}
      title={t("bulk.result", { ok: outcome.ok, verb })}
      onClose={onClose}
      data-testid="rules-bulk-result"
    >
      {outcome.failed.length > 0 && (
        <ul className="issue-list">
          {outcome.failed.map((f) => (
            <li key={f.id}>
              <strong>{f.name}</strong>
              <span>{f.message}</span>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
