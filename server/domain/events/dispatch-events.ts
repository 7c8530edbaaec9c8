// dispatch: events → executions, set-based. Matching rules come from the index on
// (trigger_event_type, status); executions are unique on (rule, event) so a redelivered dispatch
// job creates nothing; admission then queues them (batches of the same priority) or applies the
// rule's execution control.
import type { Queryable } from "../../db";
import { admitExecutions } from "../admission/admit-executions";

export async function dispatchEvents(db: Queryable, eventIds: string[]): Promise<number> {
  if (eventIds.length === 0) return 0;
  const { rows } = await db.query<{ execution_id: string; rule_id: string }>({
    name: "autoflow_dispatch",
    text: `WITH ev AS (
       SELECT id, event_id, type, payload, occurred_at, depth FROM event WHERE id = ANY($1::bigint[])
     ), matched AS (
       SELECT r.rule_id, r.current_version, r.priority, ev.*
         FROM ev JOIN automation_rule r
           ON r.trigger_event_type = ev.type AND r.status = 'enabled' AND r.trigger_type = 'event' AND r.deleted_at IS NULL
     )
     INSERT INTO task_execution (rule_id, rule_version, trigger_event_id, status, priority, scheduled_time, input_data)
     SELECT rule_id, current_version, event_id, 'pending', priority, occurred_at,
            jsonb_build_object('payload', payload,
              'event', jsonb_build_object('type', type, 'id', event_id, 'occurredAt', occurred_at, 'depth', depth))
       FROM matched
     ORDER BY id
     ON CONFLICT (rule_id, trigger_event_id) DO NOTHING
     RETURNING execution_id, rule_id`,
    values: [eventIds],
  });
  await admitExecutions(db, rows.map((r) => ({ id: r.execution_id, ruleId: r.rule_id })));
  return rows.length;
}
