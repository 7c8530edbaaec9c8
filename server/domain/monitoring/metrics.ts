// Prometheus text exposition (format 0.0.4) for GET /api/metrics. Counters come from the running
// totals the engine keeps as executions finish (record-finished.ts), so they match the executions
// in the database (see there for manual retries) and never go down: retention deletes old
// executions, not the totals. Gauges are read live. Every read is a small indexed query.
import { pool, type Queryable } from "../../db";
import { BOUNDS_MS, BUCKETS } from "./histogram";
import { countActive, countDeadLetter, countLiveWorkers, overdueSchedules, readQueue } from "./system-state";
import { OVERDUE_SECONDS } from "./dashboard";

type Labels = Record<string, string | number>;

class Exposition {
  private lines: string[] = [];

  family(name: string, type: "counter" | "gauge" | "histogram", help: string): this {
    this.lines.push(`# HELP ${name} ${help.replace(/\\/g, "\\\\").replace(/\n/g, "\\n")}`, `# TYPE ${name} ${type}`);
    return this;
  }

  sample(name: string, value: number, labels: Labels = {}): this {
    const l = Object.entries(labels);
    const text = l.length ? `{${l.map(([k, v]) => `${k}="${escapeLabel(String(v))}"`).join(",")}}` : "";
    this.lines.push(`${name}${text} ${formatValue(value)}`);
    return this;
  }

  toString(): string {
    return this.lines.join("\n") + "\n";
  }
}

function escapeLabel(v: string): string {
  return v.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n");
}

function formatValue(v: number): string {
  if (Number.isNaN(v)) return "NaN";
  if (v === Infinity) return "+Inf";
  if (v === -Infinity) return "-Inf";
  return String(v);
}

export async function renderMetrics(db: Queryable = pool()): Promise<string> {
  const [totals, actions, rules, queue, workers, active, dead, overdue, incidents] = await Promise.all([
    db.query<{ rule_id: string; status: string; n: string }>(
      `SELECT rule_id, status::text AS status, count::text AS n FROM execution_total ORDER BY rule_id, status`,
    ),
    db.query<{ action_type: string; n: string; sum_ms: string; hist: string[] }>(
      `SELECT action_type, sum(count)::text AS n, sum(duration_sum_ms)::text AS sum_ms,
              ARRAY[${Array.from({ length: BUCKETS }, (_, i) => `COALESCE(sum(duration_hist[${i + 1}]), 0)::text`).join(", ")}] AS hist
         FROM action_duration_total GROUP BY action_type ORDER BY action_type`,
    ),
    db.query<{ rule_id: string; name: string; status: string; trigger_type: string }>(
      `SELECT rule_id, name, status::text AS status, trigger_type FROM automation_rule WHERE deleted_at IS NULL ORDER BY rule_id LIMIT 10000`,
    ),
    readQueue(db),
    countLiveWorkers(db),
    countActive(db),
    countDeadLetter(db),
    overdueSchedules(db, OVERDUE_SECONDS),
    db.query<{ n: number }>(`SELECT count(*)::int AS n FROM alert_incident WHERE status = 'open'`),
  ]);

  const out = new Exposition();
  out.family("autoflow_executions_total", "counter", "Executions that finished, by rule and final status.");
  for (const r of totals.rows) out.sample("autoflow_executions_total", Number(r.n), { rule_id: r.rule_id, status: r.status });

  out.family("autoflow_action_duration_seconds", "histogram", "Duration of action attempts, by action type.");
  for (const a of actions.rows) {
    let cumulative = 0;
    BOUNDS_MS.forEach((bound, i) => {
      cumulative += Number(a.hist[i]);
      out.sample("autoflow_action_duration_seconds_bucket", cumulative, { action_type: a.action_type, le: bound / 1000 });
    });
    cumulative += Number(a.hist[BUCKETS - 1]);
    out.sample("autoflow_action_duration_seconds_bucket", cumulative, { action_type: a.action_type, le: "+Inf" });
    out.sample("autoflow_action_duration_seconds_sum", Number(a.sum_ms) / 1000, { action_type: a.action_type });
    out.sample("autoflow_action_duration_seconds_count", Number(a.n), { action_type: a.action_type });
  }

  out.family("autoflow_queue_depth", "gauge", "Jobs ready to run and not yet taken by a worker.").sample("autoflow_queue_depth", queue.depth);
  out
    .family("autoflow_oldest_job_age_seconds", "gauge", "How long the oldest ready job has been waiting (0 when none waits).")
    .sample("autoflow_oldest_job_age_seconds", queue.oldestAgeSeconds);
  out.family("autoflow_live_workers", "gauge", "Worker processes with a heartbeat in the last 10 seconds.").sample("autoflow_live_workers", workers);

  out.family("autoflow_executions_active", "gauge", "Executions not finished yet, by status.");
  for (const [status, n] of Object.entries(active)) out.sample("autoflow_executions_active", n, { status });
  out
    .family("autoflow_dead_letter_executions", "gauge", "Failed executions in the dead-letter view (counting stops at 100000).")
    .sample("autoflow_dead_letter_executions", dead.count);
  out
    .family("autoflow_overdue_schedules", "gauge", `Enabled time rules whose fire is more than ${OVERDUE_SECONDS} s late.`)
    .sample("autoflow_overdue_schedules", overdue.length);
  out.family("autoflow_alert_incidents_open", "gauge", "Alert incidents currently open.").sample("autoflow_alert_incidents_open", incidents.rows[0].n);

  out.family("autoflow_rule_info", "gauge", "One series per rule, for joining names to rule_id.");
  for (const r of rules.rows) out.sample("autoflow_rule_info", 1, { rule_id: r.rule_id, name: r.name, status: r.status, trigger_type: r.trigger_type });
  return out.toString();
}
