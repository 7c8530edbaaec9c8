// Starts waiting executions when a slot is free: for each (rule, key) with waiting executions,
// `limit − active` of them, oldest first. An advisory lock per (rule, key) makes the count and the
// release one step across workers, so a limit is never exceeded and order is kept. The limit is
// the rule's execution.concurrency.limit, or 1 for overlapPolicy "queue".
import type { Queryable } from "../../db";
import { loadRuleControls } from "./rule-controls";
import { scheduleWithRateLimit } from "./rate-limit";
import { lockKey } from "./lock-key";

export async function releaseWaiting(db: Queryable, ruleIds: string[]): Promise<void> {
  if (ruleIds.length === 0) return;
  const { rows: pairs } = await db.query<{ rule_id: string; key: string | null }>({
    name: "autoflow_waiting_pairs",
    text: `SELECT DISTINCT rule_id, concurrency_key AS key FROM task_execution WHERE waiting_for_turn AND rule_id = ANY($1::uuid[])`,
    values: [[...new Set(ruleIds)]],
  });
  if (pairs.length === 0) return;
  const controls = await loadRuleControls(db, pairs.map((p) => p.rule_id));
  // A fixed lock order: two transactions releasing overlapping sets never deadlock.
  pairs.sort((a, b) => `${a.rule_id}:${a.key ?? ""}`.localeCompare(`${b.rule_id}:${b.key ?? ""}`));
  for (const p of pairs) {
    const rule = controls.get(p.rule_id);
    if (!rule) continue;
    const limit = rule.control?.concurrency?.limit ?? 1;
    await db.query(`SELECT pg_advisory_xact_lock($1)`, [lockKey(`slot:${p.rule_id}:${p.key ?? ""}`)]);
    const { rows } = await db.query<{ execution_id: string }>(
      `WITH active AS (
         SELECT count(*)::int AS n FROM task_execution
          WHERE rule_id = $1 AND concurrency_key IS NOT DISTINCT FROM $2 AND NOT waiting_for_turn
            AND status IN ('pending', 'running', 'retrying')),
       next AS (
         SELECT execution_id FROM task_execution
          WHERE rule_id = $1 AND concurrency_key IS NOT DISTINCT FROM $2 AND waiting_for_turn
          ORDER BY execution_id LIMIT greatest(0, $3 - (SELECT n FROM active)))
       UPDATE task_execution t SET waiting_for_turn = false, updated_at = now()
         FROM next WHERE t.execution_id = next.execution_id
       RETURNING t.execution_id`,
      [p.rule_id, p.key, limit],
    );
    if (rows.length) await scheduleWithRateLimit(db, rule, rows.map((r) => r.execution_id).sort((a, b) => Number(a) - Number(b)));
  }
}
