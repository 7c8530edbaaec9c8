// What went in must come out, once: for every event id that got a 2xx, one execution per matching
// rule, finished `success`, each action's side effect present exactly once (notification rows by
// idempotency key; deliveries counted by the loopback server), no completed action run twice.
import type pg from "pg";
import { summarize, type Summary } from "../lib/stats";
import type { CountingServer } from "./counting-server";

export interface RuleSpec {
  ruleId: string;
  actions: ("notify" | "http")[];
}

export interface Verdict {
  accepted: number;
  eventsLost: number;
  executionsExpected: number;
  executionsLost: number;
  executionsDuplicated: number;
  notFinished: number;
  failed: number;
  notificationsLost: number;
  notificationsDuplicated: number;
  httpLost: number;
  /** keys the endpoint saw more than once: the same attempt delivered again after a crash or abort (same idempotency key) */
  httpRedelivered: number;
  /** (execution, action) pairs with more than one successful attempt logged */
  actionsRepeated: number;
  late: number;
  lateThresholdMs: number;
  endLatencyMs: Summary;
}

export function lostTotal(v: Verdict): number {
  return v.eventsLost + v.executionsLost + v.notificationsLost + v.httpLost;
}

export function duplicatedTotal(v: Verdict): number {
  return v.executionsDuplicated + v.notificationsDuplicated + v.actionsRepeated;
}

export async function verify(pool: pg.Pool, o: { acceptedIds: Iterable<string>; rules: RuleSpec[]; counting?: CountingServer; lateMs: number }): Promise<Verdict> {
  const ids = [...new Set(o.acceptedIds)];
  const one = async (sql: string, params: unknown[]) => Number((await pool.query(sql, params)).rows[0]?.n ?? 0);
  const stored = await one(`SELECT count(*)::int AS n FROM event WHERE event_id = ANY($1::text[])`, [ids]);
  const v: Verdict = {
    accepted: ids.length,
    eventsLost: ids.length - stored,
    executionsExpected: ids.length * o.rules.length,
    executionsLost: 0,
    executionsDuplicated: 0,
    notFinished: 0,
    failed: 0,
    notificationsLost: 0,
    notificationsDuplicated: 0,
    httpLost: 0,
    httpRedelivered: 0,
    actionsRepeated: 0,
    late: 0,
    lateThresholdMs: o.lateMs,
    endLatencyMs: summarize([]),
  };
  const latencies: number[] = [];
  for (const rule of o.rules) {
    const { rows } = await pool.query<{ execution_id: string; trigger_event_id: string; status: string; ms: number | null }>(
      `SELECT e.execution_id, e.trigger_event_id, e.status, EXTRACT(EPOCH FROM (e.end_time - ev.received_at)) * 1000 AS ms
         FROM task_execution e JOIN event ev ON ev.event_id = e.trigger_event_id
        WHERE e.rule_id = $1 AND e.trigger_event_id = ANY($2::text[])`,
      [rule.ruleId, ids],
    );
    v.executionsDuplicated += await one(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM task_execution WHERE rule_id = $1 AND trigger_event_id = ANY($2::text[]) GROUP BY trigger_event_id HAVING count(*) > 1) x`,
      [rule.ruleId, ids],
    );
    v.executionsLost += ids.length - new Set(rows.map((r) => r.trigger_event_id)).size;
    v.notFinished += rows.filter((r) => ["pending", "running", "retrying"].includes(r.status)).length;
    v.failed += rows.filter((r) => ["failed", "skipped", "cancelled"].includes(r.status)).length;
    for (const r of rows) if (r.status === "success" && r.ms !== null) latencies.push(Number(r.ms));
    const succeeded = rows.filter((r) => r.status === "success").map((r) => r.execution_id);
    for (const [i, type] of rule.actions.entries()) {
      const keys = succeeded.map((id) => `${id}:${i}`);
      if (type === "notify") {
        const { rows: n } = await pool.query<{ k: string; c: number }>(
          `SELECT idempotency_key AS k, count(*)::int AS c FROM notification WHERE idempotency_key = ANY($1::text[]) GROUP BY 1`,
          [keys],
        );
        v.notificationsLost += keys.length - n.length;
        v.notificationsDuplicated += n.filter((x) => x.c > 1).length;
      } else if (o.counting) {
        for (const k of keys) {
          const c = o.counting.counts.get(k) ?? 0;
          if (c === 0) v.httpLost++;
          if (c > 1) v.httpRedelivered++;
        }
      }
    }
    v.actionsRepeated += await one(
      `SELECT count(*)::int AS n FROM (
         SELECT 1 FROM action_execution_log l JOIN task_execution e ON e.execution_id = l.execution_id
          WHERE e.rule_id = $1 AND e.trigger_event_id = ANY($2::text[]) AND l.status = 'success'
          GROUP BY l.execution_id, l.action_index HAVING count(*) > 1) x`,
      [rule.ruleId, ids],
    );
  }
  v.late = latencies.filter((x) => x > o.lateMs).length;
  v.endLatencyMs = summarize(latencies);
  return v;
}

/** Waits until every execution of these rules for these events is final, or the time is up. */
export async function waitAllFinal(pool: pg.Pool, rules: RuleSpec[], acceptedIds: string[], timeoutMs: number): Promise<boolean> {
  const ids = [...new Set(acceptedIds)];
  const expected = ids.length * rules.length;
  const deadline = Date.now() + timeoutMs;
  for (let i = 0; i < 10_000 && Date.now() < deadline; i++) {
    const { rows } = await pool
      .query<{ n: number }>(
        `SELECT count(*)::int AS n FROM task_execution WHERE rule_id = ANY($1::uuid[]) AND trigger_event_id = ANY($2::text[])
            AND status IN ('success', 'failed', 'skipped', 'cancelled')`,
        [rules.map((r) => r.ruleId), ids],
      )
      .catch(() => ({ rows: [{ n: -1 }] }));
    if (rows[0].n >= expected) return true;
    await new Promise((r) => setTimeout(r, 500));
  }
  return false;
}
