// Cancel and manual retry. A waiting execution (pending, retrying, or asleep in a delay) is
// cancelled at once; a running one is flagged and its worker is told by NOTIFY to abort the
// action in flight. A retry resumes at the failed action: succeeded actions are never redone.
import { withTransaction } from "../../db";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { admitExecutions } from "../admission/admit-executions";
import { removeJob } from "../../jobs/add-jobs";
import { getExecution } from "./read-executions";
import { releaseWaiting } from "../admission/release-waiting";
import { recordFinishedExecutions } from "../monitoring/record-finished";

const ID = /^\d{1,19}$/;

export async function cancelExecution(actor: Actor, id: string) {
  if (!ID.test(id)) throw new AppError("NOT_FOUND", `execution ${id} not found`);
  await withTransaction(async (db) => {
    const { rows } = await db.query(
      // next_attempt_at is set only while no worker holds the execution (the claim clears it): a
      // 'running' execution with one is asleep in a delay, and is cancelled here at once.
      `SELECT status, rule_id, next_attempt_at IS NOT NULL AS waiting FROM task_execution WHERE execution_id = $1 FOR UPDATE`,
      [id],
    );
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", `execution ${id} not found`);
    if (!["pending", "running", "retrying"].includes(row.status)) {
      throw new AppError("CONFLICT", `execution ${id} is already ${row.status}; only pending, running or retrying executions can be cancelled`);
    }
    if (row.status === "running" && !row.waiting) {
      await db.query(`UPDATE task_execution SET cancel_requested = true, updated_at = now() WHERE execution_id = $1`, [id]);
      await db.query(`SELECT pg_notify('autoflow_cancel', $1)`, [id]);
    } else {
      await db.query(
        `UPDATE task_execution SET status = 'cancelled', cancel_requested = true, end_time = now(), next_attempt_at = NULL,
                waiting_for_turn = false, error_message = 'cancelled by a user', updated_at = now() WHERE execution_id = $1`,
        [id],
      );
      // Its wake-up job would find nothing to claim; drop it rather than leave it queued.
      await removeJob(db, `exec:${id}`);
      await releaseWaiting(db, [row.rule_id]);
      // Monitoring rollups: this transaction finished it (as cancelled).
      await recordFinishedExecutions(db, [id]);
    }
    const cancelledNow = !(row.status === "running" && !row.waiting);
    await recordAudit(db, {
      actor, action: "execution.cancel", entity: "execution", entityId: id, before: { status: row.status },
      after: cancelledNow ? { status: "cancelled" } : { status: row.status, cancelRequested: true },
    });
  });
  return waitForSettled(id);
}

/** A running execution stops at its next check; give it a moment so the answer shows the result. */
async function waitForSettled(id: string) {
  for (let i = 0; i < 20; i++) {
    const e = await getExecution(id);
    if (e.status !== "running") return e;
    await new Promise((r) => setTimeout(r, 100));
  }
  return getExecution(id);
}

export async function retryExecution(actor: Actor, id: string) {
  if (!ID.test(id)) throw new AppError("NOT_FOUND", `execution ${id} not found`);
  await withTransaction(async (db) => {
    const { rows } = await db.query(`SELECT status, rule_id FROM task_execution WHERE execution_id = $1 FOR UPDATE`, [id]);
    const row = rows[0];
    if (!row) throw new AppError("NOT_FOUND", `execution ${id} not found`);
    if (row.status !== "failed" && row.status !== "cancelled") {
      throw new AppError("CONFLICT", `execution ${id} is ${row.status}; only failed or cancelled executions can be retried`);
    }
    await db.query(
      // start_time is cleared so that the claim starts a new execution.timeoutSeconds deadline.
      `UPDATE task_execution SET status = 'pending', attempt = 1, cancel_requested = false, start_time = NULL, end_time = NULL,
              error_message = NULL, error_class = NULL, next_attempt_at = NULL, retry_count = retry_count + 1, updated_at = now()
        WHERE execution_id = $1`,
      [id],
    );
    await admitExecutions(db, [{ id, ruleId: row.rule_id }], { skipDebounce: true });
    await recordAudit(db, { actor, action: "execution.retry", entity: "execution", entityId: id, before: { status: row.status }, after: { status: "pending" } });
  });
  return getExecution(id);
}
