// The alert evaluator, run every ~10 s by the `alerts` task (and by the web process's watchdog
// when no worker runs it, see watchdog.ts). Per alert rule a state machine with two states:
//
//   no incident ──violated──▶ open ──no longer violated──▶ resolved
//
// Opening inserts the incident under a unique partial index (one open incident per alert rule),
// so a violation that lasts an hour is ONE incident and ONE notice, and so is a violation seen by
// two evaluators at once; the recovery notice goes out when it resolves. After a recovery the
// alert waits params.cooldownSeconds (default 5 min) before it opens again, so a flapping
// condition cannot send a notice on every evaluation. Evaluations take a
// session advisory lock: a second evaluator skips instead of waiting.
import type { Logger } from "pino";
import { pool, type Queryable } from "../../db";
import { logger } from "../../logger";
import { checkCondition, type CheckResult } from "./check-condition";
import { deliverPendingNotices } from "./deliver-notices";
import type { AlertKind } from "./alert-schema";

const LOCK_KEY = 4_242_077;

export interface EvaluationReport {
  skipped: boolean;
  evaluated: number;
  opened: string[];
  resolved: string[];
  errors: number;
  delivered: number;
}

interface Row {
  id: string;
  name: string;
  kind: AlertKind;
  rule_id: string | null;
  rule_name: string | null;
  params: Record<string, unknown>;
  open_id: string | null;
}

export async function evaluateAlerts(opts: { log?: Logger } = {}): Promise<EvaluationReport> {
  const log = opts.log ?? logger();
  const report: EvaluationReport = { skipped: false, evaluated: 0, opened: [], resolved: [], errors: 0, delivered: 0 };
  const client = await pool().connect();
  try {
    const { rows } = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_lock($1) AS ok`, [LOCK_KEY]);
    if (!rows[0].ok) report.skipped = true;
    else {
      try {
        await evaluateAll(client, report, log);
      } finally {
        await client.query(`SELECT pg_advisory_unlock($1)`, [LOCK_KEY]);
      }
    }
  } finally {
    client.release();
  }
  report.delivered = await deliverPendingNotices();
  return report;
}

async function evaluateAll(db: Queryable, report: EvaluationReport, log: Logger): Promise<void> {
  const { rows } = await db.query<Row>(
    `SELECT a.id, a.name, a.kind, a.rule_id, r.name AS rule_name, a.params, i.id AS open_id
       FROM alert_rule a
       LEFT JOIN automation_rule r ON r.rule_id = a.rule_id
       LEFT JOIN alert_incident i ON i.alert_rule_id = a.id AND i.status = 'open'
      WHERE a.enabled ORDER BY a.created_at, a.id`,
  );
  for (const a of rows) {
    let check: CheckResult;
    try {
      check = await checkCondition(db, a);
    } catch (err) {
      report.errors++;
      const message = (err as Error).message?.slice(0, 500) ?? String(err);
      log.warn({ alertId: a.id, err: message }, "alert condition could not be checked");
      await db.query(`UPDATE alert_rule SET last_evaluated_at = now(), last_error = $2 WHERE id = $1`, [a.id, message]);
      continue;
    }
    report.evaluated++;
    const cooling = check.violated && !a.open_id && (await inCooldown(db, a.id, Number(a.params.cooldownSeconds ?? 0)));
    if (check.violated && !a.open_id && !cooling) {
      const { rows: opened } = await db.query<{ id: string }>(
        `INSERT INTO alert_incident (alert_rule_id, alert_name, kind, summary, details, pending)
         VALUES ($1, $2, $3, $4, $5, true)
         ON CONFLICT (alert_rule_id) WHERE status = 'open' DO NOTHING RETURNING id`,
        [a.id, a.name, a.kind, check.summary, JSON.stringify({ value: check.value, ...check.details })],
      );
      if (opened[0]) {
        report.opened.push(opened[0].id);
        log.warn({ alertId: a.id, incidentId: opened[0].id, summary: check.summary }, "alert firing");
      }
    } else if (!check.violated && a.open_id) {
      const { rowCount } = await db.query(
        `UPDATE alert_incident SET status = 'resolved', resolved_at = now(), resolution = $2, pending = true
          WHERE id = $1 AND status = 'open'`,
        [a.open_id, JSON.stringify({ summary: check.summary, value: check.value, ...check.details })],
      );
      if (rowCount) {
        report.resolved.push(a.open_id);
        log.info({ alertId: a.id, incidentId: a.open_id, summary: check.summary }, "alert resolved");
      }
    }
    await db.query(`UPDATE alert_rule SET last_evaluated_at = now(), last_value = $2, last_error = NULL WHERE id = $1`, [a.id, check.value]);
  }
}

/** The alert's last incident resolved less than `seconds` ago. */
async function inCooldown(db: Queryable, alertId: string, seconds: number): Promise<boolean> {
  if (!(seconds > 0)) return false;
  const { rows } = await db.query(
    `SELECT 1 FROM alert_incident WHERE alert_rule_id = $1 AND status = 'resolved' AND resolved_at > now() - make_interval(secs => $2) LIMIT 1`,
    [alertId, seconds],
  );
  return rows.length > 0;
}

/**
 * When the alerts were last evaluated (an alert never evaluated yet counts from when it was
 * saved, so a new one is not "overdue"); null when there is no enabled alert rule.
 */
export async function lastEvaluation(db: Queryable = pool()): Promise<{ enabled: number; lastEvaluatedAt: Date | null }> {
  const { rows } = await db.query<{ n: number; last: Date | null }>(
    `SELECT count(*)::int AS n, max(COALESCE(last_evaluated_at, updated_at)) AS last FROM alert_rule WHERE enabled`,
  );
  return { enabled: rows[0].n, lastEvaluatedAt: rows[0].last };
}
