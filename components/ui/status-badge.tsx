"use client";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { Badge, type BadgeTone } from "./badge";

export const EXECUTION_STATUSES = ["pending", "running", "retrying", "success", "failed", "skipped", "cancelled"] as const;
export type ExecutionStatus = (typeof EXECUTION_STATUSES)[number];
export const FINAL_EXECUTION_STATUSES: readonly string[] = ["success", "failed", "skipped", "cancelled"];

const executionTone: Record<ExecutionStatus, BadgeTone> = {
  success: "green",
  failed: "red",
  running: "blue",
  retrying: "amber",
  pending: "grey",
  skipped: "slate",
  cancelled: "strike",
};

export const executionStatusKey: Record<ExecutionStatus, MessageKey> = {
  pending: "status.pending",
  running: "status.running",
  retrying: "status.retrying",
  success: "status.success",
  failed: "status.failed",
  skipped: "status.skipped",
  cancelled: "status.cancelled",
};

/** Execution (and action attempt) status with its colour; unknown statuses show as they come. */
export function StatusBadge({ status, ...rest }: { status: string; "data-testid"?: string }) {
  const { t } = useI18n();
  const known = (EXECUTION_STATUSES as readonly string[]).includes(status) ? (status as ExecutionStatus) : null;
  return (
    <Badge
      tone={known ? executionTone[known] : "neutral"}
      dot
      className={known === "running" || known === "retrying" ? "badge-live" : undefined}
      data-status={status}
      data-testid={rest["data-testid"] ?? "execution-status"}
    >
      {known ? t(executionStatusKey[known]) : status}
    </Badge>
  );
}

export const RULE_STATUSES = ["enabled", "disabled", "archived"] as const;
export type RuleStatus = (typeof RULE_STATUSES)[number];

export const ruleStatusKey: Record<RuleStatus, MessageKey> = {
  enabled: "ruleStatus.enabled",
  disabled: "ruleStatus.disabled",
  archived: "ruleStatus.archived",
};

const ruleTone: Record<RuleStatus, BadgeTone> = { enabled: "green", disabled: "grey", archived: "slate" };

export function RuleStatusBadge({ status }: { status: string }) {
  const { t } = useI18n();
  const known = (RULE_STATUSES as readonly string[]).includes(status) ? (status as RuleStatus) : null;
  return (
    <Badge tone={known ? ruleTone[known] : "neutral"} dot data-status={status} data-testid="rule-status">
      {known ? t(ruleStatusKey[known]) : status}
    </Badge>
  );
}
