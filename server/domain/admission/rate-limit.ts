// Per-rule rate limit: at most `limit` starts per window of `perSeconds`. The window state is one
// row per rule, locked for the update, so every worker shares the same budget. Executions beyond
// the current window's budget are given the start time of a later window (next_attempt_at and a
// job run_at) and a throttle_reason the history shows — delayed, never dropped.
import type { Queryable } from "../../db";
import { enqueueRuns, type RunSpec } from "./enqueue-runs";
import type { RuleControl } from "./rule-controls";

export async function scheduleWithRateLimit(db: Queryable, rule: RuleControl, ids: string[]): Promise<void> {
  const rl = rule.control?.rateLimit;
  if (!rl) {
    await enqueueRuns(db, ids.map((id) => ({ id, priority: rule.priority, slow: rule.slow })));
    return;
  }
  const windowMs = rl.perSeconds * 1000;
  await db.query(
    `INSERT INTO rule_rate_state (rule_id, window_start, used) VALUES ($1, now(), 0) ON CONFLICT (rule_id) DO NOTHING`,
    [rule.ruleId],
  );
  const { rows } = await db.query<{ window_start: Date; used: number; now: Date }>(
    `SELECT window_start, used, now() AS now FROM rule_rate_state WHERE rule_id = $1 FOR UPDATE`,
    [rule.ruleId],
  );
  const now = rows[0].now.getTime();
  let start = rows[0].window_start.getTime();
  let used = rows[0].used;
  // A window that has passed is over: the budget starts again now.
  if (start + windowMs <= now) {
    start = now;
    used = 0;
  }
  const specs: RunSpec[] = [];
  const delayed: { id: string; at: Date }[] = [];
  for (const id of ids) {
    if (used >= rl.limit) {
      start += windowMs;
      used = 0;
    }
    used++;
    const at = new Date(Math.max(start, now));
    specs.push({ id, priority: rule.priority, slow: rule.slow, runAt: at.getTime() > now ? at : null });
    if (at.getTime() > now) delayed.push({ id, at });
  }
  await db.query(`UPDATE rule_rate_state SET window_start = $2, used = $3 WHERE rule_id = $1`, [rule.ruleId, new Date(start), used]);
  if (delayed.length) {
    await db.query(
      `UPDATE task_execution t SET next_attempt_at = x.at, updated_at = now(),
              throttle_reason = 'rate limit ' || $3::text || ': start delayed to ' || to_char(x.at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')
         FROM unnest($1::bigint[], $2::timestamptz[]) AS x(id, at) WHERE t.execution_id = x.id`,
      [delayed.map((d) => d.id), delayed.map((d) => d.at), `${rl.limit} per ${rl.perSeconds} s`],
    );
  }
  await enqueueRuns(db, specs);
}
