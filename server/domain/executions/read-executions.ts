// Execution lists: newest first, keyset on execution_id (monotonic with creation), each filter
// backed by an index — (rule_id, id), (status, id), created_at — so any page of 10 million rows
// costs an index range scan.
import { z } from "zod";
import { pool } from "../../db";
import { AppError } from "../../errors";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { actionLogToDto, EXECUTION_COLUMNS, executionToDto, type ActionLogRow, type ExecutionRow } from "./execution-dto";
import { isStorableInstant, STORABLE_INSTANT_MESSAGE } from "../shared/time";

const statusSchema = z.enum(["pending", "running", "retrying", "success", "failed", "skipped", "cancelled"]);

export const listExecutionsInput = z.object({
  ruleId: z.uuid().optional(),
  status: statusSchema.optional(),
  from: z.iso.datetime({ offset: true }).refine(isStorableInstant, STORABLE_INSTANT_MESSAGE).optional(),
  to: z.iso.datetime({ offset: true }).refine(isStorableInstant, STORABLE_INSTANT_MESSAGE).optional(),
  ...pageInput,
});
export type ListExecutionsInput = z.input<typeof listExecutionsInput>;

const ID = /^\d{1,19}$/;

export async function listExecutions(input: ListExecutionsInput) {
  const q = listExecutionsInput.parse(input);
  const where: string[] = [];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (q.ruleId) add("e.rule_id = ?", q.ruleId);
  if (q.status) add(`e.status = ?::"ExecutionStatus"`, q.status);
  if (q.from) add("e.created_at >= ?", q.from);
  if (q.to) add("e.created_at < ?", q.to);
  const cur = decodeCursor(q.cursor, 1);
  if (cur) add("e.execution_id < ?::bigint", String(cur[0]));
  params.push(q.limit + 1);
  const { rows } = await pool().query<ExecutionRow>(
    `SELECT ${EXECUTION_COLUMNS.split(",").map((c) => "e." + c.trim()).join(", ")}, r.name AS rule_name
       FROM task_execution e LEFT JOIN automation_rule r ON r.rule_id = e.rule_id
      ${where.length ? "WHERE " + where.join(" AND ") : ""}
      ORDER BY e.execution_id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, q.limit, (r) => {
    const { inputData: _i, outputData: _o, ...rest } = executionToDto(r);
    return rest;
  }, (r) => [r.execution_id]);
}

export async function getExecution(id: string) {
  if (!ID.test(id)) throw new AppError("NOT_FOUND", `execution ${id} not found`);
  const { rows } = await pool().query<ExecutionRow>(
    `SELECT ${EXECUTION_COLUMNS.split(",").map((c) => "e." + c.trim()).join(", ")}, r.name AS rule_name
       FROM task_execution e LEFT JOIN automation_rule r ON r.rule_id = e.rule_id WHERE e.execution_id = $1`,
    [id],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND", `execution ${id} not found`);
  const logs = await pool().query<ActionLogRow>(
    `SELECT action_log_id, execution_id, action_index, action_type, status, attempt, start_time, end_time, details
       FROM action_execution_log WHERE execution_id = $1 ORDER BY action_log_id LIMIT 1000`,
    [id],
  );
  return { ...executionToDto(rows[0]), actions: logs.rows.map(actionLogToDto) };
}

export const listLogsInput = z.object({ executionId: z.string().regex(ID, "executionId must be an execution id"), ...pageInput });

export async function listActionLogs(input: z.input<typeof listLogsInput>) {
  const q = listLogsInput.parse(input);
  const cur = decodeCursor(q.cursor, 1);
  const { rows } = await pool().query<ActionLogRow>(
    `SELECT action_log_id, execution_id, action_index, action_type, status, attempt, start_time, end_time, details
       FROM action_execution_log WHERE execution_id = $1 ${cur ? "AND action_log_id > $3::bigint" : ""}
      ORDER BY action_log_id LIMIT $2`,
    cur ? [q.executionId, q.limit + 1, String(cur[0])] : [q.executionId, q.limit + 1],
  );
  return toPage(rows, q.limit, actionLogToDto, (r) => [r.action_log_id]);
}

export const deadLetterInput = z.object({
  ruleId: z.uuid().optional(),
  errorClass: z.enum(["configuration", "runtime", "dependency"]).optional(),
  ...pageInput,
});

interface DeadLetterRow extends ExecutionRow {
  failed_index: number | null;
  failed_type: string | null;
  failed_attempt: number | null;
  failed_start: Date | null;
  failed_end: Date | null;
  failed_details: { error?: string; errorClass?: string; response?: unknown; input?: unknown } | null;
}

/**
 * The dead-letter view: executions that ended `failed`, newest first, each with its final error
 * and the last action attempt that failed (null when it failed before any action ran, e.g. an
 * invalid rule version or a timeout while suspended). Keyset on execution_id over the
 * (status, id) index; the failed action is one index lookup per row of the page.
 */
export async function listDeadLetter(input: z.input<typeof deadLetterInput> = {}) {
  const q = deadLetterInput.parse(input);
  const params: unknown[] = [];
  const where = [`e.status = 'failed'`];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replaceAll("?", `$${params.length}`));
  };
  if (q.ruleId) add("e.rule_id = ?", q.ruleId);
  if (q.errorClass) add("e.error_class = ?", q.errorClass);
  const cur = decodeCursor(q.cursor, 1);
  if (cur) add("e.execution_id < ?::bigint", String(cur[0]));
  params.push(q.limit + 1);
  const { rows } = await pool().query<DeadLetterRow>(
    `SELECT ${EXECUTION_COLUMNS.split(",").map((c) => "e." + c.trim()).join(", ")}, r.name AS rule_name,
            l.action_index AS failed_index, l.action_type AS failed_type, l.attempt AS failed_attempt,
            l.start_time AS failed_start, l.end_time AS failed_end, l.details AS failed_details
       FROM task_execution e
       LEFT JOIN automation_rule r ON r.rule_id = e.rule_id
       LEFT JOIN LATERAL (
         SELECT action_index, action_type, attempt, start_time, end_time, details FROM action_execution_log
          WHERE execution_id = e.execution_id AND status = 'failed' ORDER BY action_log_id DESC LIMIT 1
       ) l ON true
      WHERE ${where.join(" AND ")}
      ORDER BY e.execution_id DESC LIMIT $${params.length}`,
    params,
  );
  return toPage(
    rows,
    q.limit,
    (r) => {
      const { inputData: _i, outputData: _o, progress: _p, ...rest } = executionToDto(r);
      return {
        ...rest,
        failedAt: rest.endTime,
        failedAction:
          r.failed_index === null
            ? null
            : {
                actionIndex: r.failed_index,
                actionType: r.failed_type,
                attempt: r.failed_attempt,
                startTime: r.failed_start?.toISOString() ?? null,
                endTime: r.failed_end?.toISOString() ?? null,
                error: r.failed_details?.error ?? null,
                errorClass: r.failed_details?.errorClass ?? null,
                response: r.failed_details?.response ?? null,
              },
      };
    },
    (r) => [r.execution_id],
  );
}
