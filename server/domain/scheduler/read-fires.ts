// A schedule's history: every planned fire with its outcome (fired, skipped, missed, backfilled)
// and reason, newest first — so a schedule has no silent gaps.
import { z } from "zod";
import { pool } from "../../db";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { iso } from "../shared/time";
import { loadRule } from "../rules/load-rule";

export const listFiresInput = z.object({ id: z.string(), ...pageInput });

export async function listRuleFires(input: z.input<typeof listFiresInput>) {
  const q = listFiresInput.parse(input);
  await loadRule(pool(), q.id);
  const cur = decodeCursor(q.cursor, 1);
  const { rows } = await pool().query(
    `SELECT scheduled_for, outcome, reason, execution_id FROM rule_fire
      WHERE rule_id = $1 ${cur ? "AND scheduled_for < $3" : ""} ORDER BY scheduled_for DESC LIMIT $2`,
    cur ? [q.id, q.limit + 1, cur[0]] : [q.id, q.limit + 1],
  );
  return toPage(
    rows,
    q.limit,
    (r) => ({ scheduledFor: iso(r.scheduled_for)!, outcome: r.outcome as string, reason: r.reason as string | null, executionId: r.execution_id as string | null }),
    (r) => [iso(r.scheduled_for)],
  );
}
