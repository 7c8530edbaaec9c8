// Execution lists: newest first, keyset on execution_id (monotonic with creation), each filter
// backed by an index — (rule_id, id), (status, id), created_at — so any page of 10 million rows
// costs an index range scan.
import { z } from "zod";
import { pool } from "../../db";
import { AppError } from "../../errors";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { actionLogToDto, EXECUTION_COLUMNS, executionToDto, type ActionLogRow, type ExecutionRow } from "./execution-dto";

const statusSchema = z.enum(["pending", "running", "retrying", "success", "failed", "skipped", "cancelled"]);

export const listExecutionsInput = z.object({
  ruleId: z.uuid().optional(),
  status: statusSchema.optional(),
  from: z.iso.datetime({ offset: true }).optional(),
  to: z.iso.datetime({ offset: true }).optional(),
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
