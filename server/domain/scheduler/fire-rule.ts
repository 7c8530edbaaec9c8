// One planned fire of a time rule, exactly once. The `fire:<ruleId>` job runs it: under the rule's
// row lock it records each planned time in rule_fire (unique on rule + scheduled time, so a second
// runner, a retry or a redelivery inserts nothing), creates the executions the misfire and overlap
// policies allow, and books the next fire — all in one transaction, on database time.
import { withTransaction, type Queryable } from "../../db";
import { addJobs, jobPriority } from "../../jobs/add-jobs";
import { admitExecutions } from "../admission/admit-executions";
import { documentFromRow, RULE_COLUMNS, type RuleRow } from "../rules/rule-dto";
import { planFires, startsExecution } from "../triggers/misfire";
import { fireJobKey } from "./sync-schedule";

export interface FireResult {
  recorded: number;
  executions: string[];
  next: Date | null;
  stale?: boolean;
}

async function hasActiveExecution(db: Queryable, ruleId: string): Promise<boolean> {
  const { rows } = await db.query(
    `SELECT 1 FROM task_execution WHERE rule_id = $1 AND status IN ('pending', 'running', 'retrying') LIMIT 1`,
    [ruleId],
  );
  return rows.length > 0;
}

async function hasQueuedExecution(db: Queryable, ruleId: string): Promise<boolean> {
  const { rows } = await db.query(`SELECT 1 FROM task_execution WHERE rule_id = $1 AND waiting_for_turn LIMIT 1`, [ruleId]);
  return rows.length > 0;
}

export async function fireRule(ruleId: string, scheduledFor: Date): Promise<FireResult> {
  return withTransaction(async (db) => {
    const { rows } = await db.query<RuleRow & { deleted_at: Date | null }>(
      `SELECT ${RULE_COLUMNS}, deleted_at FROM automation_rule WHERE rule_id = $1 FOR UPDATE`,
      [ruleId],
    );
    const row = rows[0];
    // The row says which fire is booked; a job for any other time is a leftover of an edit.
    if (!row || row.deleted_at || row.status !== "enabled" || row.next_fire_at?.getTime() !== scheduledFor.getTime()) {
      return { recorded: 0, executions: [], next: null, stale: true };
    }
    const { document } = documentFromRow(row);
    const trigger = document?.trigger;
    if (!document || !trigger || (trigger.type !== "cron" && trigger.type !== "interval" && trigger.type !== "once")) {
      return { recorded: 0, executions: [], next: null, stale: true };
    }
    const now = (await db.query<{ now: Date }>("SELECT now() AS now")).rows[0].now;
    const plan = planFires(trigger, scheduledFor, now);

    // Overlap policy (Temporal's): allow runs side by side; skip drops a fire while the previous
    // execution is active; queue keeps at most one waiting, started when the active one finishes.
    const overlap = trigger.type === "cron" ? trigger.overlapPolicy : "allow";
    let busy = overlap !== "allow" && (await hasActiveExecution(db, ruleId));
    let queued = busy && overlap === "queue" && (await hasQueuedExecution(db, ruleId));
    const waiting = new Set<number>();
    const fires = plan.fires.map((f) => {
      if (!startsExecution(f.outcome)) return f;
      if (busy && overlap === "skip") {
        return { ...f, outcome: "skipped" as const, reason: "the previous execution was still running (overlapPolicy skip)" };
      }
      if (busy && overlap === "queue") {
        if (queued) {
          return { ...f, outcome: "skipped" as const, reason: "an execution is already queued behind the running one (overlapPolicy queue)" };
        }
        queued = true;
        waiting.add(f.scheduledFor.getTime());
      }
      // Backfilled fires in one plan overlap each other too.
      busy = overlap !== "allow";
      return f;
    });

    const { rows: inserted } = await db.query<{ id: string; scheduled_for: Date; outcome: string }>(
      `INSERT INTO rule_fire (rule_id, scheduled_for, outcome, reason)
       SELECT $1, x.scheduled_for, x.outcome, x.reason FROM jsonb_to_recordset($2::jsonb) AS x(scheduled_for timestamptz, outcome text, reason text)
       ON CONFLICT (rule_id, scheduled_for) DO NOTHING
       RETURNING id, scheduled_for, outcome`,
      [ruleId, JSON.stringify(fires.map((f) => ({ scheduled_for: f.scheduledFor.toISOString(), outcome: f.outcome, reason: f.reason })))],
    );
    const toRun = inserted.filter((f) => f.outcome === "fired" || f.outcome === "backfilled");
    const executions: string[] = [];
    if (toRun.length) {
      const { rows: execs } = await db.query<{ execution_id: string; fire_id: string; waiting_for_turn: boolean }>(
        `WITH f AS (SELECT * FROM unnest($3::bigint[], $4::timestamptz[], $6::boolean[]) AS t(fire_id, scheduled_for, wait))
         INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, priority, scheduled_time, waiting_for_turn, input_data)
         SELECT $1, $2, 'fire:' || f.fire_id, 'pending', $5, f.scheduled_for, f.wait,
                jsonb_build_object('payload', jsonb_build_object('scheduledFor', f.scheduled_for),
                  'event', jsonb_build_object('type', 'schedule', 'id', 'fire:' || f.fire_id, 'occurredAt', f.scheduled_for))
           FROM f
         ON CONFLICT (rule_id, trigger_event_id) DO NOTHING
         RETURNING execution_id, substring(trigger_event_id from 6) AS fire_id, waiting_for_turn`,
        [ruleId, row.current_version, toRun.map((f) => f.id), toRun.map((f) => f.scheduled_for), row.priority, toRun.map((f) => waiting.has(new Date(f.scheduled_for).getTime()))],
      );
      await db.query(
        `UPDATE rule_fire f SET execution_id = x.execution_id::bigint
           FROM unnest($1::bigint[], $2::bigint[]) AS x(fire_id, execution_id) WHERE f.id = x.fire_id`,
        [execs.map((e) => e.fire_id), execs.map((e) => e.execution_id)],
      );
      executions.push(...execs.map((e) => e.execution_id));
      // A queued execution is started by the engine when the active one finishes.
      await admitExecutions(db, execs.filter((e) => !e.waiting_for_turn).map((e) => ({ id: e.execution_id, ruleId })));
    }

    const next = plan.next;
    if (next) {
      await addJobs(db, [
        {
          task: "fire",
          payload: { ruleId, scheduledFor: next.toISOString() },
          runAt: next,
          jobKey: fireJobKey(ruleId),
          priority: jobPriority(row.priority),
          maxAttempts: 50,
        },
      ]);
    }
    await db.query(`UPDATE automation_rule SET next_fire_at = $2 WHERE rule_id = $1`, [ruleId, next]);
    return { recorded: inserted.length, executions, next };
  });
}
