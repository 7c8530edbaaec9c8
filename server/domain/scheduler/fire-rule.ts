// Planned fires of time rules, exactly once. Two entry points share one set-based core:
// - fireRule(ruleId, scheduledFor): what a rule's own `fire:<ruleId>` job runs; it waits for the
//   rule's row lock and does nothing (stale) when the booked fire is no longer `scheduledFor`;
// - fireDueRules (fire-due-rules.ts): every due rule, up to a thousand per transaction.
// Under the rules' row locks, the core records each planned time in rule_fire (unique on rule +
// scheduled time, so a second runner, a retry or a redelivery inserts nothing), creates the
// executions the misfire and overlap policies allow, and books each rule's next fire — all in one
// transaction, on database time, with one statement per step for all the rules.
import { withTransaction, type Queryable } from "../../db";
import { addJobs, jobPriority } from "../../jobs/add-jobs";
import { admitExecutions } from "../admission/admit-executions";
import { ruleControlOf, type RuleControl } from "../admission/rule-controls";
import { documentFromRow, RULE_COLUMNS, type RuleRow } from "../rules/rule-dto";
import { planFires, startsExecution, type PlannedFire } from "../triggers/misfire";
import type { TimeTrigger } from "../triggers/trigger-schema";
import { fireJobKey } from "./sync-schedule";

export interface FireResult {
  recorded: number;
  executions: string[];
  next: Date | null;
  stale?: boolean;
}

/**
 * A rule row as the fire paths lock it: what decides whether and when it fires, and the
 * transaction's database time. The document itself is read only when not cached (parsedRules).
 */
export interface LockedRuleRow {
  rule_id: string;
  status: string;
  priority: number;
  current_version: number;
  updated_at: Date;
  next_fire_at: Date | null;
  deleted_at: Date | null;
  db_now: Date;
}
export const LOCKED_RULE_COLUMNS = `rule_id, status, priority, current_version, updated_at, next_fire_at, deleted_at, now() AS db_now`;

/** A rule whose row the caller's transaction holds FOR UPDATE, due for the fire booked in next_fire_at. */
export interface DueRule {
  row: LockedRuleRow;
  trigger: TimeTrigger;
  control: RuleControl;
  scheduledFor: Date;
}

interface ParsedRule {
  /** null: the document does not parse, or its trigger is not a time trigger (the rule cannot fire). */
  trigger: TimeTrigger | null;
  control: RuleControl;
}

// Parsing a rule document costs ~0.1 ms, and a batch would otherwise read and parse the same
// thousands of documents every minute. Every write to a rule's document makes a new version
// (write-rule.ts; the engine's rule-version-cache.ts relies on it too) and sets updated_at, so a
// parse is cached under (rule, version, updated_at) and the document is read only on a miss.
const parsedRules = new Map<string, { stamp: string; rule: ParsedRule }>();
const PARSED_RULES_MAX = 100_000;
const stamp = (r: { current_version: number; updated_at: Date }) => `${r.current_version}|${r.updated_at.getTime()}`;

/**
 * The rows (locked by the caller) that can fire now — enabled, not deleted, booked, with a valid
 * document and a time trigger — with their parsed trigger and execution control; and the ids of
 * the others. Documents not cached at their version are read in one query.
 */
export async function fireableRules(db: Queryable, rows: LockedRuleRow[]): Promise<{ due: DueRule[]; unfireable: string[] }> {
  const candidates = new Set(rows.filter((r) => !r.deleted_at && r.status === "enabled" && r.next_fire_at));
  const missing = [...candidates].filter((r) => parsedRules.get(r.rule_id)?.stamp !== stamp(r));
  if (missing.length) {
    const { rows: docs } = await db.query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM automation_rule WHERE rule_id = ANY($1::uuid[])`, [
      missing.map((r) => r.rule_id),
    ]);
    if (parsedRules.size + docs.length > PARSED_RULES_MAX) parsedRules.clear();
    for (const d of docs) {
      const t = documentFromRow(d).document?.trigger;
      const trigger = t && (t.type === "cron" || t.type === "interval" || t.type === "once") ? t : null;
      const control = ruleControlOf({
        ruleId: d.rule_id,
        priority: d.priority,
        executionControl: d.execution_control,
        actionsConfig: d.actions_config,
        overlap: (d.trigger_config as { overlapPolicy?: unknown } | null)?.overlapPolicy,
      });
      parsedRules.set(d.rule_id, { stamp: stamp(d), rule: { trigger, control } });
    }
  }
  const due: DueRule[] = [];
  const unfireable: string[] = [];
  for (const row of rows) {
    const hit = candidates.has(row) ? parsedRules.get(row.rule_id) : undefined;
    if (hit?.stamp === stamp(row) && hit.rule.trigger) due.push({ row, trigger: hit.rule.trigger, control: hit.rule.control, scheduledFor: row.next_fire_at! });
    else unfireable.push(row.rule_id);
  }
  return { due, unfireable };
}

const STALE: FireResult = { recorded: 0, executions: [], next: null, stale: true };

export async function fireRule(ruleId: string, scheduledFor: Date): Promise<FireResult> {
  return withTransaction(async (db) => {
    // Blocks while a batch (or another runner) holds the row; it then reads the row as committed.
    const { rows } = await db.query<LockedRuleRow>(`SELECT ${LOCKED_RULE_COLUMNS} FROM automation_rule WHERE rule_id = $1 FOR UPDATE`, [ruleId]);
    const row = rows[0];
    // The row says which fire is booked; a job for any other time is a leftover of an edit, or a
    // fire a batch already made.
    if (!row || row.next_fire_at?.getTime() !== scheduledFor.getTime()) return { ...STALE };
    const { due } = await fireableRules(db, [row]);
    if (due.length === 0) return { ...STALE };
    const results = await fireLockedRules(db, due, row.db_now);
    return results.get(ruleId)!;
  });
}

const ACTIVE_OR_QUEUED_SQL = `
  SELECT r.rule_id,
         EXISTS (SELECT 1 FROM task_execution e WHERE e.rule_id = r.rule_id AND e.status IN ('pending', 'running', 'retrying')) AS active,
         EXISTS (SELECT 1 FROM task_execution e WHERE e.rule_id = r.rule_id AND e.waiting_for_turn) AS queued
    FROM unnest($1::uuid[]) AS r(rule_id)`;

// Every planned fire of the rules in one statement: rule_fire rows (unique on rule + scheduled
// time: a fire already recorded inserts nothing, and nothing follows from it) and, for the fires
// that run, their executions. Ids come from the tables' sequences up front, so each fire row is
// written once, already pointing at its execution.
const INSERT_FIRES_SQL = `
  WITH p AS (
    SELECT t.*, nextval('rule_fire_id_seq') AS fire_id,
           CASE WHEN t.runs THEN nextval('task_execution_execution_id_seq') END AS execution_id
      FROM unnest($1::uuid[], $2::timestamptz[], $3::text[], $4::text[], $5::boolean[], $6::boolean[], $7::int[], $8::int[])
        AS t(rule_id, scheduled_for, outcome, reason, runs, wait, version, priority)),
  fire AS (
    INSERT INTO rule_fire (id, rule_id, scheduled_for, outcome, reason, execution_id)
    SELECT fire_id, rule_id, scheduled_for, outcome, reason, execution_id FROM p
    ON CONFLICT (rule_id, scheduled_for) DO NOTHING
    RETURNING id, rule_id, execution_id),
  exec AS (
    INSERT INTO task_execution (execution_id, rule_id, rule_version, trigger_event_id, status, priority, scheduled_time, waiting_for_turn, input_data)
    SELECT p.execution_id, p.rule_id, p.version, 'fire:' || p.fire_id, 'pending', p.priority, p.scheduled_for, p.wait,
           jsonb_build_object('payload', jsonb_build_object('scheduledFor', p.scheduled_for),
             'event', jsonb_build_object('type', 'schedule', 'id', 'fire:' || p.fire_id, 'occurredAt', p.scheduled_for))
      FROM fire JOIN p ON p.fire_id = fire.id
     WHERE fire.execution_id IS NOT NULL
    ON CONFLICT (rule_id, trigger_event_id) DO NOTHING
    RETURNING execution_id, rule_id, waiting_for_turn)
  SELECT rule_id, execution_id, NULL::boolean AS waiting, fire.execution_id IS NOT NULL AS runs FROM fire
  UNION ALL
  SELECT rule_id, execution_id, waiting_for_turn, NULL FROM exec`;

const BOOK_NEXT_SQL = `
  UPDATE automation_rule r SET next_fire_at = x.next
    FROM unnest($1::uuid[], $2::timestamptz[]) AS x(rule_id, next) WHERE r.rule_id = x.rule_id`;

export interface FireLockedOptions {
  /** A rule whose plan throws is left out (and reported here) instead of failing them all. */
  onPlanError?: (rule: DueRule, err: unknown) => void;
  /**
   * At most this many planned fires (rule_fire rows) in all, but at least one rule: the rules
   * after that are left unfired (due, for the next transaction). After a long outage one rule
   * can plan up to MAX_LISTED_FIRES fires.
   */
  maxFires?: number;
}

/**
 * Fires `due` (rows locked by the caller's transaction, each due for its `scheduledFor`) at
 * database time `now`: misfire plan per rule, overlap policy, rule_fire rows, executions,
 * admission, and each rule's next fire job and next_fire_at — one statement per step for all.
 */
export async function fireLockedRules(
  db: Queryable,
  due: DueRule[],
  now: Date,
  opts: FireLockedOptions = {},
): Promise<Map<string, FireResult>> {
  const results = new Map<string, FireResult>();
  const plans = new Map<string, ReturnType<typeof planFires>>();
  let plannedFires = 0;
  for (const r of due) {
    let plan: ReturnType<typeof planFires>;
    try {
      plan = planFires(r.trigger, r.scheduledFor, now);
    } catch (err) {
      if (!opts.onPlanError) throw err;
      opts.onPlanError(r, err);
      continue;
    }
    if (opts.maxFires !== undefined && plans.size > 0 && plannedFires + plan.fires.length > opts.maxFires) break;
    plannedFires += plan.fires.length;
    plans.set(r.row.rule_id, plan);
  }
  const rules = due.filter((r) => plans.has(r.row.rule_id));
  if (rules.length === 0) return results;

  // Overlap policy (Temporal's): allow runs side by side; skip drops a fire while the previous
  // execution is active; queue keeps at most one waiting, started when the active one finishes.
  const overlapOf = (r: DueRule) => (r.trigger.type === "cron" ? r.trigger.overlapPolicy : "allow");
  const guarded = rules.filter((r) => overlapOf(r) !== "allow").map((r) => r.row.rule_id);
  const state = new Map<string, { active: boolean; queued: boolean }>();
  if (guarded.length) {
    const { rows } = await db.query<{ rule_id: string; active: boolean; queued: boolean }>(ACTIVE_OR_QUEUED_SQL, [guarded]);
    for (const r of rows) state.set(r.rule_id, { active: r.active, queued: r.queued });
  }

  const planned: { ruleId: string; fire: PlannedFire; wait: boolean }[] = [];
  const nextOf = new Map<string, Date | null>();
  for (const r of rules) {
    const ruleId = r.row.rule_id;
    const plan = plans.get(ruleId)!;
    nextOf.set(ruleId, plan.next);
    results.set(ruleId, { recorded: 0, executions: [], next: plan.next });
    const overlap = overlapOf(r);
    let busy = overlap !== "allow" && (state.get(ruleId)?.active ?? false);
    let queued = busy && overlap === "queue" && (state.get(ruleId)?.queued ?? false);
    for (const f of plan.fires) {
      if (!startsExecution(f.outcome)) {
        planned.push({ ruleId, fire: f, wait: false });
        continue;
      }
      if (busy && overlap === "skip") {
        planned.push({ ruleId, fire: { ...f, outcome: "skipped", reason: "the previous execution was still running (overlapPolicy skip)" }, wait: false });
        continue;
      }
      let wait = false;
      if (busy && overlap === "queue") {
        if (queued) {
          planned.push({ ruleId, fire: { ...f, outcome: "skipped", reason: "an execution is already queued behind the running one (overlapPolicy queue)" }, wait: false });
          continue;
        }
        queued = true;
        wait = true;
      }
      // Backfilled fires in one plan overlap each other too.
      busy = overlap !== "allow";
      planned.push({ ruleId, fire: f, wait });
    }
  }

  const byId = new Map(rules.map((r) => [r.row.rule_id, r]));
  const { rows: written } = await db.query<{ rule_id: string; execution_id: string | null; waiting: boolean | null; runs: boolean | null }>(INSERT_FIRES_SQL, [
    planned.map((p) => p.ruleId),
    planned.map((p) => p.fire.scheduledFor.toISOString()),
    planned.map((p) => p.fire.outcome),
    planned.map((p) => p.fire.reason),
    planned.map((p) => startsExecution(p.fire.outcome)),
    planned.map((p) => p.wait),
    planned.map((p) => byId.get(p.ruleId)!.row.current_version),
    planned.map((p) => byId.get(p.ruleId)!.row.priority),
  ]);
  const fires = written.filter((w) => w.runs !== null);
  const execs = written.filter((w) => w.runs === null) as { rule_id: string; execution_id: string; waiting: boolean }[];
  for (const f of fires) results.get(f.rule_id)!.recorded++;
  for (const e of execs) results.get(e.rule_id)!.executions.push(e.execution_id);
  // A fire's execution is new (its trigger_event_id names the new fire); were it not inserted, the
  // fire row would point at nothing: fail the transaction rather than record that.
  if (execs.length !== fires.filter((f) => f.runs).length) throw new Error("fire: an execution of a new fire already existed");
  // A queued execution is started by the engine when the active one finishes. Admission takes
  // per-rule advisory locks (execution control) rule by rule in this order: the engine's
  // releaseWaiting takes them sorted the same way (rule ids are uuids of one format, so code-point
  // order is its localeCompare order), so the two never wait for each other in a cycle.
  const admit = execs
    .filter((e) => !e.waiting)
    .sort((a, b) => (a.rule_id < b.rule_id ? -1 : a.rule_id > b.rule_id ? 1 : Number(a.execution_id) - Number(b.execution_id)));
  await admitExecutions(
    db,
    admit.map((e) => ({ id: e.execution_id, ruleId: e.rule_id })),
    { controls: new Map(rules.map((r) => [r.row.rule_id, r.control])) },
  );

  // Booking a rule's next fire replaces its `fire:<ruleId>` job: a job still due for the time
  // just fired moves to the next one (a running one loses its key and finds its fire stale).
  await addJobs(
    db,
    rules
      .filter((r) => nextOf.get(r.row.rule_id))
      .map((r) => {
        const next = nextOf.get(r.row.rule_id)!;
        return {
          task: "fire",
          payload: { ruleId: r.row.rule_id, scheduledFor: next.toISOString() },
          runAt: next,
          jobKey: fireJobKey(r.row.rule_id),
          priority: jobPriority(r.row.priority),
          maxAttempts: 50,
        };
      }),
  );
  // A rule that never fires again (a `once` rule) keeps no job.
  const ended = rules.filter((r) => !nextOf.get(r.row.rule_id)).map((r) => fireJobKey(r.row.rule_id));
  if (ended.length) await db.query(`SELECT graphile_worker.remove_job(k) FROM unnest($1::text[]) AS k`, [ended]);
  await db.query(BOOK_NEXT_SQL, [rules.map((r) => r.row.rule_id), rules.map((r) => nextOf.get(r.row.rule_id)?.toISOString() ?? null)]);
  return results;
}
