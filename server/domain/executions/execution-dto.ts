import { iso } from "../shared/time";

export const EXECUTION_COLUMNS = `execution_id, rule_id, rule_version, trigger_event_id, status, priority, scheduled_time, start_time,
  end_time, input_data, output_data, error_message, error_class, retry_count, next_action, attempt, next_attempt_at,
  cancel_requested, dry_run, progress, created_at`;

export interface ExecutionRow {
  execution_id: string;
  rule_id: string;
  rule_version: number;
  trigger_event_id: string | null;
  status: string;
  priority: number;
  scheduled_time: Date | null;
  start_time: Date | null;
  end_time: Date | null;
  input_data: unknown;
  output_data: unknown;
  error_message: string | null;
  error_class: string | null;
  retry_count: number;
  next_action: number;
  attempt: number;
  next_attempt_at: Date | null;
  cancel_requested: boolean;
  dry_run: boolean;
  progress: unknown;
  created_at: Date;
  rule_name?: string | null;
}

export function executionToDto(r: ExecutionRow) {
  return {
    id: r.execution_id,
    ruleId: r.rule_id,
    ruleName: r.rule_name ?? null,
    ruleVersion: r.rule_version,
    triggerEventId: r.trigger_event_id,
    status: r.status as "pending" | "running" | "retrying" | "success" | "failed" | "skipped" | "cancelled",
    priority: r.priority,
    scheduledTime: iso(r.scheduled_time),
    startTime: iso(r.start_time),
    endTime: iso(r.end_time),
    inputData: r.input_data ?? null,
    outputData: r.output_data ?? null,
    errorMessage: r.error_message,
    errorClass: r.error_class,
    retryCount: r.retry_count,
    nextAction: r.next_action,
    attempt: r.attempt,
    nextAttemptAt: iso(r.next_attempt_at),
    cancelRequested: r.cancel_requested,
    dryRun: r.dry_run,
    progress: r.progress ?? null,
    createdAt: iso(r.created_at)!,
  };
}

export type ExecutionDto = ReturnType<typeof executionToDto>;

export interface ActionLogRow {
  action_log_id: string;
  execution_id: string;
  action_index: number;
  action_type: string;
  status: string;
  attempt: number;
  start_time: Date;
  end_time: Date | null;
  details: unknown;
}

export function actionLogToDto(r: ActionLogRow) {
  return {
    id: r.action_log_id,
    executionId: r.execution_id,
    actionIndex: r.action_index,
    actionType: r.action_type,
    status: r.status,
    attempt: r.attempt,
    startTime: iso(r.start_time),
    endTime: iso(r.end_time),
    details: r.details ?? null,
  };
}
