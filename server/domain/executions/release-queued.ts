// overlapPolicy "queue": an execution created while its rule's previous one was still active
// waits (waiting_for_turn). When a rule's active execution reaches a final state, the oldest
// waiting one of that rule is released and enqueued — in the same transaction as that final state.
import type { Queryable } from "../../db";
import { enqueueRuns } from "../events/dispatch-events";

export async function releaseQueuedExecutions(db: Queryable, ruleIds: string[]): Promise<void> {
  if (ruleIds.length === 0) return;
  const { rows } = await db.query<{ execution_id: string; priority: number }>(
    `WITH next AS (
       SELECT DISTINCT ON (w.rule_id) w.execution_id
         FROM task_execution w
        WHERE w.waiting_for_turn AND w.rule_id = ANY($1::uuid[])
          AND NOT EXISTS (SELECT 1 FROM task_execution a
                           WHERE a.rule_id = w.rule_id AND NOT a.waiting_for_turn
                             AND a.status IN ('pending', 'running', 'retrying'))
        ORDER BY w.rule_id, w.execution_id)
     UPDATE task_execution t SET waiting_for_turn = false, updated_at = now()
       FROM next WHERE t.execution_id = next.execution_id
     RETURNING t.execution_id, t.priority`,
    [ruleIds],
  );
  await enqueueRuns(db, rows.map((r) => ({ id: r.execution_id, priority: r.priority })));
}
