// Every due time rule, set-based. 10,000 rules due at the same second each have their own
// `fire:<ruleId>` job; running them one by one (one transaction of ~8 statements each) fired
// ~420 rules/s, so the last fired ~25 s late (bench/, cron "aligned"). A fire job therefore first
// fires whatever is due, in chunks: one transaction per chunk locks up to `chunkSize` due rules
// (FOR UPDATE SKIP LOCKED: rows another batch or runner holds are left to it, so batches on many
// workers split the work and never wait for each other's rows) and fires them all with the same
// core as fireRule. Booking their next fires replaces their jobs, so the jobs still due for the
// time just fired move to the next one and graphile-worker never runs them.
//
// Lock order: a batch never waits for a rule row (SKIP LOCKED), and fireRule waits for exactly
// one; rule rows are always locked before the rule's graphile job row (as the rule editors do).
// So batches and single fires cannot deadlock on each other.
import { withTransaction } from "../../db";
import { fireableRules, fireLockedRules, LOCKED_RULE_COLUMNS, type LockedRuleRow } from "./fire-rule";

export interface FireDueOptions {
  /** Rules locked and fired per transaction. */
  chunkSize?: number;
  /** At most this many transactions per call. */
  maxChunks?: number;
  /** No new chunk starts after this long (ms). */
  maxMs?: number;
}

export interface FireDueSummary {
  chunks: number;
  /** Rules fired. */
  rules: number;
  /** rule_fire rows recorded. */
  fires: number;
  executions: number;
}

export const FIRE_CHUNK_SIZE = 1000;

const DUE_SQL = `
  SELECT ${LOCKED_RULE_COLUMNS} FROM automation_rule
   WHERE status = 'enabled' AND deleted_at IS NULL AND next_fire_at <= now() AND rule_id <> ALL($2::uuid[])
   ORDER BY next_fire_at
   LIMIT $1
   FOR UPDATE SKIP LOCKED`;

export async function fireDueRules(opts: FireDueOptions = {}): Promise<FireDueSummary> {
  const chunkSize = opts.chunkSize ?? FIRE_CHUNK_SIZE;
  const maxChunks = opts.maxChunks ?? 40;
  const maxMs = opts.maxMs ?? 3_000;
  const started = Date.now();
  const summary: FireDueSummary = { chunks: 0, rules: 0, fires: 0, executions: 0 };
  // Due rows that cannot fire (a document that no longer parses, a plan that throws): left as they
  // are, to their own job, which treats them as before (stale, or failed and retried); an overdue
  // next_fire_at is what the missed-schedule alert sees.
  const unfireable: string[] = [];
  while (summary.chunks < maxChunks && Date.now() - started < maxMs) {
    // Rules locked but left for the next transaction (over the chunk's budget of planned fires).
    let deferred = 0;
    const locked = await withTransaction(async (db) => {
      const { rows } = await db.query<LockedRuleRow>(DUE_SQL, [chunkSize, unfireable]);
      const { due, unfireable: cannot } = await fireableRules(db, rows);
      unfireable.push(...cannot);
      if (due.length) {
        let failed = 0;
        const results = await fireLockedRules(db, due, rows[0].db_now, {
          maxFires: chunkSize * 10,
          onPlanError: (r) => {
            unfireable.push(r.row.rule_id);
            failed++;
          },
        });
        summary.rules += results.size;
        deferred = due.length - failed - results.size;
        for (const r of results.values()) {
          summary.fires += r.recorded;
          summary.executions += r.executions.length;
        }
      }
      return rows.length;
    });
    summary.chunks++;
    // Fewer due rows than asked for: nothing else is due (or other runners hold it).
    if (locked < chunkSize && deferred === 0) break;
  }
  return summary;
}
