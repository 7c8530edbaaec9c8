// Admission: every new execution (event dispatch, schedule fire, manual trigger, webhook,
// threshold, manual retry) passes here before it can run, in the transaction that created it.
// Rules without execution control go straight to the queue; otherwise, in this order:
// - debounce: a burst with the same key collapses into its last execution (the others are
//   recorded as skipped, with the execution they went into);
// - concurrency: executions beyond the limit wait (waiting_for_turn) and start oldest first as
//   running ones finish (release-waiting.ts);
// - rate limit: starts are spread over windows of `perSeconds`; the delay is recorded as the
//   execution's throttle_reason, nothing is dropped.
import type { Queryable } from "../../db";
import { addJobs, jobPriority } from "../../jobs/add-jobs";
import { renderTemplate } from "../templates/render-template";
import { enqueueRuns, type RunSpec } from "./enqueue-runs";
import { loadRuleControls, type RuleControl } from "./rule-controls";
import { releaseWaiting } from "./release-waiting";
import { scheduleWithRateLimit } from "./rate-limit";
import { lockKey } from "./lock-key";
import { recordFinishedExecutions } from "../monitoring/record-finished";

export interface NewExecution {
  id: string;
  ruleId: string;
}

export interface AdmitOptions {
  /** A manual retry re-enters admission, but is never collapsed into another execution. */
  skipDebounce?: boolean;
  /** The rules' controls, when the caller read them from the rows it holds locked (else read here). */
  controls?: Map<string, RuleControl>;
}

export async function admitExecutions(db: Queryable, execs: NewExecution[], opts: AdmitOptions = {}): Promise<void> {
  if (execs.length === 0) return;
  const rules = opts.controls ?? (await loadRuleControls(db, execs.map((e) => e.ruleId)));
  const plain: RunSpec[] = [];
  const byRule = new Map<string, string[]>();
  for (const e of execs) {
    const rule = rules.get(e.ruleId);
    const c = rule?.control;
    if (!rule || (!c?.debounce && !c?.concurrency && !c?.rateLimit)) {
      plain.push({ id: e.id, priority: rule?.priority ?? 0, slow: rule?.slow });
      continue;
    }
    const list = byRule.get(e.ruleId) ?? [];
    list.push(e.id);
    byRule.set(e.ruleId, list);
  }
  await enqueueRuns(db, plain);
  for (const [ruleId, ids] of byRule) {
    const rule = rules.get(ruleId)!;
    await admitControlled(db, rule, ids.sort((a, b) => Number(a) - Number(b)), opts);
  }
}

async function renderKeys(db: Queryable, ids: string[], template: string | undefined): Promise<Map<string, string | null>> {
  const keys = new Map<string, string | null>();
  if (!template) {
    for (const id of ids) keys.set(id, null);
    return keys;
  }
  const { rows } = await db.query<{ execution_id: string; input_data: Record<string, unknown> | null }>(
    `SELECT execution_id, input_data FROM task_execution WHERE execution_id = ANY($1::bigint[])`,
    [ids],
  );
  for (const r of rows) {
    const ctx = { payload: r.input_data?.payload ?? {}, event: r.input_data?.event ?? null };
    keys.set(r.execution_id, renderTemplate(template, ctx, { html: false }).slice(0, 200));
  }
  const values = [...keys.entries()];
  await db.query(
    `UPDATE task_execution t SET concurrency_key = x.k FROM unnest($1::bigint[], $2::text[]) AS x(id, k) WHERE t.execution_id = x.id`,
    [values.map(([id]) => id), values.map(([, k]) => k)],
  );
  return keys;
}

async function admitControlled(db: Queryable, rule: RuleControl, ids: string[], opts: AdmitOptions): Promise<void> {
  const c = rule.control!;
  if (c.debounce && !opts.skipDebounce) {
    const keys = await renderKeys(db, ids, c.debounce.key);
    await debounce(db, rule, ids, keys);
    return;
  }
  if (c.concurrency) {
    await renderKeys(db, ids, c.concurrency.key);
    await db.query(`UPDATE task_execution SET waiting_for_turn = true WHERE execution_id = ANY($1::bigint[])`, [ids]);
    await releaseWaiting(db, [rule.ruleId]);
    return;
  }
  await scheduleWithRateLimit(db, rule, ids);
}

/** Trailing debounce per key: the newest execution survives, started windowSeconds after it came. */
async function debounce(db: Queryable, rule: RuleControl, ids: string[], keys: Map<string, string | null>): Promise<void> {
  const windowMs = rule.control!.debounce!.windowSeconds * 1000;
  const groups = new Map<string, string[]>();
  for (const id of ids) {
    const k = keys.get(id) ?? "";
    groups.set(k, [...(groups.get(k) ?? []), id]);
  }
  for (const [key, group] of [...groups.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    await db.query(`SELECT pg_advisory_xact_lock($1)`, [lockKey(`debounce:${rule.ruleId}:${key}`)]);
    const survivor = group[group.length - 1];
    const { rows: older } = await db.query<{ execution_id: string }>(
      `SELECT execution_id FROM task_execution
        WHERE rule_id = $1 AND concurrency_key IS NOT DISTINCT FROM $2 AND status = 'pending' AND start_time IS NULL
          AND throttle_reason LIKE 'debounce:%' AND execution_id <> $3::bigint
        FOR UPDATE`,
      [rule.ruleId, key || null, survivor],
    );
    const collapsed = [...older.map((r) => r.execution_id), ...group.slice(0, -1)];
    if (collapsed.length) {
      await db.query(
        `UPDATE task_execution SET status = 'skipped', end_time = now(), next_attempt_at = NULL, updated_at = now(),
                throttle_reason = $2, error_message = NULL
          WHERE execution_id = ANY($1::bigint[])`,
        [collapsed, `collapsed into execution ${survivor} by debounce (the last payload wins)`],
      );
      // Collapsed executions are finished (skipped): the dashboard counts them like any other.
      await recordFinishedExecutions(db, collapsed);
    }
    const { rows } = await db.query<{ run_at: Date }>(
      `UPDATE task_execution SET next_attempt_at = now() + make_interval(secs => $2::float / 1000),
              throttle_reason = $3, updated_at = now()
        WHERE execution_id = $1 RETURNING next_attempt_at AS run_at`,
      [survivor, windowMs, `debounce: waiting ${windowMs / 1000} s for the burst to end`],
    );
    // One job per (rule, key): replacing it moves the start and points it at the newest execution.
    await addJobs(db, [
      {
        task: rule.slow ? "run_slow" : "run",
        payload: { ids: [survivor] },
        runAt: rows[0].run_at,
        jobKey: `debounce:${rule.ruleId}:${key}`,
        priority: jobPriority(rule.priority),
      },
    ]);
  }
}
