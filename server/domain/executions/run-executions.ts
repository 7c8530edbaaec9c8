// The execution engine. A `run` job hands it a batch of execution ids; it claims them in one
// statement, runs each execution's actions (concurrently across the batch, in order within one),
// and writes every outcome and action log back set-based in one transaction.
//
// Guarantees: an action that succeeded is never run again (next_action only moves forward);
// every attempt carries the idempotency key `<executionId>:<actionIndex>`; a retry or a delay
// re-enqueues the execution for later instead of holding a worker.
//
// Execution timeout (`execution.timeoutSeconds`): measured on the wall clock from the execution's
// first claim (start_time), waits for retries and delays included. Counting only the time a worker
// holds it would need the elapsed time carried across every suspension (another column, updated on
// every write); a wall-clock deadline needs nothing stored. While a worker holds the execution the
// deadline aborts the action in flight through its signal; a suspended execution (retry wait,
// delay) is woken no later than its deadline and fails then. Time spent queued before the first
// claim does not count; a manual retry starts a new deadline (retryExecution clears start_time).
import { setMaxListeners } from "node:events";
import type { Logger } from "pino";
import { genericPlanPool, pool, type Queryable } from "../../db";
import { addJobs, jobPriority } from "../../jobs/add-jobs";
import { logger } from "../../logger";
import { actionRegistry } from "../actions/registry";
import { ActionError, classifyError, configError, type ActionRunContext } from "../actions/plugin";
import { evaluateCondition } from "../conditions/evaluate-condition";
import { renderParams } from "../templates/render-template";
import { resolveTemplateParams } from "../templates/template-store";
import { retryDelayMs } from "../rules/retry-policy";
import type { RuleDocument } from "../rules/rule-document";
import { contactIdOf, loadContacts, type ExecutionContext } from "./execution-context";
import { loadRuleVersions } from "./rule-version-cache";
import { registerRunning, unregisterRunning } from "./running-executions";
import { releaseWaiting } from "../admission/release-waiting";
import { reserveForAction } from "../limits/rate-limiter";
import { storableCopy } from "../shared/storable-text";

/** A rate-limit wait up to this long is taken inside the attempt; longer ones re-enqueue. */
const RATE_WAIT_IN_PLACE_MS = 2_000;
import { isSlowRule } from "../admission/rule-controls";
import { recordFinishedExecutions } from "../monitoring/record-finished";

interface ClaimedRow {
  execution_id: string;
  rule_id: string;
  rule_version: number;
  trigger_event_id: string | null;
  priority: number;
  input_data: { payload?: Record<string, unknown>; event?: ExecutionContext["event"] } | null;
  output_data: { actions?: { output: unknown }[]; condition?: unknown } | null;
  next_action: number;
  attempt: number;
  cancel_requested: boolean;
  dry_run: boolean;
  start_time: Date;
}

interface ActionLog {
  execution_id: string;
  action_index: number;
  action_type: string;
  status: "success" | "failed" | "cancelled";
  attempt: number;
  start_time: string;
  end_time: string;
  details: unknown;
}

interface Outcome {
  id: string;
  status: "success" | "failed" | "skipped" | "cancelled" | "retrying" | "running";
  next_action: number;
  attempt: number;
  retried: number;
  next_attempt_at: string | null;
  output_data: unknown;
  error_message: string | null;
  error_class: string | null;
  final: boolean;
  logs: ActionLog[];
  priority: number;
}

const CLAIM_SQL = `
  UPDATE task_execution SET status = CASE WHEN cancel_requested THEN 'cancelled'::"ExecutionStatus" ELSE 'running'::"ExecutionStatus" END,
         start_time = COALESCE(start_time, now()),
         end_time = CASE WHEN cancel_requested THEN now() END,
         error_message = CASE WHEN cancel_requested THEN 'cancelled by a user' ELSE error_message END,
         next_attempt_at = NULL, updated_at = now()
   WHERE execution_id = ANY($1::bigint[])
     AND status IN ('pending', 'retrying', 'running')
     AND (next_attempt_at IS NULL OR next_attempt_at <= now() + interval '1 second')
  RETURNING execution_id, rule_id, rule_version, trigger_event_id, priority, input_data, output_data, next_action,
            attempt, cancel_requested, dry_run, start_time`;

export interface RunOptions {
  signal?: AbortSignal;
  log?: Logger;
}

export async function runExecutions(ids: string[], opts: RunOptions = {}): Promise<Outcome[]> {
  if (ids.length === 0) return [];
  const db = pool();
  const log = opts.log ?? logger();
  // Named: parsed once per connection; Postgres settles on one plan (it does not depend on the ids).
  const { rows } = await db.query<ClaimedRow>({ name: "autoflow_claim", text: CLAIM_SQL, values: [ids] });
  // Monitoring rollups: executions the claim itself finished as cancelled.
  const cancelledAtClaim = rows.filter((r) => r.cancel_requested).map((r) => r.execution_id);
  if (cancelledAtClaim.length) await recordFinishedExecutions(db, cancelledAtClaim, { committed: true });
  const claimed = rows.filter((r) => !r.cancel_requested);
  if (claimed.length === 0) return [];

  const versions = await loadRuleVersions(db, claimed.map((r) => ({ ruleId: r.rule_id, version: r.rule_version })));
  const contacts = await loadContacts(
    db,
    claimed.map((r) => contactIdOf(r.input_data?.payload)).filter((x): x is string => !!x),
  );

  const outcomes = await Promise.all(
    claimed.map((row) => {
      const entry = versions.get(`${row.rule_id}:${row.rule_version}`);
      const cid = contactIdOf(row.input_data?.payload);
      return runOne(row, entry?.doc ?? null, entry?.error ?? "rule version not found", cid ? contacts.get(cid) ?? null : null, db, log, opts.signal).catch(
        (err): Outcome => failOutcome(row, classifyError(err), []),
      );
    }),
  );
  // Executions of rules with a slow action are re-enqueued (retries, resumes) on the slow pool.
  const slowIds = new Set(
    claimed.filter((r) => isSlowRule(versions.get(`${r.rule_id}:${r.rule_version}`)?.doc?.actions)).map((r) => r.execution_id),
  );
  await writeOutcomes(outcomes, claimed, slowIds);
  return outcomes;
}

function failOutcome(row: ClaimedRow, err: ActionError, logs: ActionLog[], outputs?: unknown): Outcome {
  return {
    id: row.execution_id,
    status: "failed",
    next_action: row.next_action,
    attempt: row.attempt,
    retried: 0,
    next_attempt_at: null,
    output_data: outputs ?? row.output_data ?? null,
    error_message: err.message,
    error_class: err.errorClass,
    final: true,
    logs,
    priority: row.priority,
  };
}

async function isCancelRequested(db: Queryable, id: string): Promise<boolean> {
  const { rows } = await db.query<{ c: boolean }>(`SELECT cancel_requested AS c FROM task_execution WHERE execution_id = $1`, [id]);
  return rows[0]?.c ?? true;
}

/** The execution's deadline (ms since epoch) when its rule sets execution.timeoutSeconds. */
function deadlineOf(row: ClaimedRow, doc: RuleDocument): { at: number; seconds: number } | null {
  const seconds = doc.execution?.timeoutSeconds;
  if (!seconds) return null;
  return { at: new Date(row.start_time).getTime() + seconds * 1000, seconds };
}

const timedOut = (seconds: number) => new ActionError("runtime", `execution timed out after ${seconds} s`, { retryable: false });

async function runOne(
  row: ClaimedRow,
  doc: RuleDocument | null,
  docError: string,
  contact: ExecutionContext["contact"],
  db: Queryable,
  baseLog: Logger,
  workerSignal?: AbortSignal,
): Promise<Outcome> {
  const id = row.execution_id;
  if (!doc) return failOutcome(row, configError(`the rule version this execution runs is invalid: ${docError}`), []);
  const log = baseLog.child({ executionId: id, ruleId: row.rule_id });
  const outputs = [...(row.output_data?.actions ?? [])];
  const contactId = contactIdOf(row.input_data?.payload);
  const ctx: ExecutionContext = {
    payload: row.input_data?.payload ?? {},
    event: row.input_data?.event ?? null,
    contact,
    now: new Date().toISOString(),
    actions: outputs,
  };
  let conditionResult: { result: boolean; trace: unknown } | undefined;
  const outputData = () => ({ ...(row.output_data ?? {}), ...(conditionResult ? { condition: conditionResult } : {}), actions: outputs });
  const logs: ActionLog[] = [];
  const deadline = deadlineOf(row, doc);
  if (deadline && Date.now() >= deadline.at) {
    // Woken at (or past) its deadline while suspended: fail without starting anything.
    return { ...failOutcome(row, timedOut(deadline.seconds), logs, outputData()), next_action: row.next_action };
  }
  /** A resume time for a suspended execution: never later than the deadline, so it fails on time. */
  const resumeAt = (at: number) => new Date(deadline ? Math.min(at, deadline.at) : at).toISOString();

  // The condition is evaluated once, when the execution first starts, and its result is kept in
  // output_data: a resume (retry, delay) or a manual retry goes on with the actions even if the
  // contact or the clock would now answer differently.
  const resumed = row.next_action > 0 || row.attempt > 1 || outputs.length > 0;
  if (doc.condition && row.output_data?.condition === undefined && !resumed) {
    const { result, trace } = evaluateCondition(doc.condition, ctx, new Date());
    if (!result) {
      return {
        ...failOutcome(row, configError(""), []),
        status: "skipped",
        error_message: null,
        error_class: null,
        output_data: { condition: { result, trace } },
      };
    }
    conditionResult = { result, trace };
  }

  const controller = new AbortController();
  registerRunning(id, controller);
  const onWorkerAbort = () => controller.abort(new ActionError("runtime", "the worker is shutting down", { retryable: true }));
  // One listener per execution of the batch on the job's signal: up to RUN_BATCH, not a leak.
  if (workerSignal) setMaxListeners(0, workerSignal);
  workerSignal?.addEventListener("abort", onWorkerAbort);
  // The execution's own deadline aborts whatever action is in flight when it passes.
  const deadlineCtl = new AbortController();
  const deadlineTimer = deadline
    ? setTimeout(() => deadlineCtl.abort(timedOut(deadline.seconds)), Math.max(0, deadline.at - Date.now()))
    : null;
  const cancelledOutcome = (i: number): Outcome => ({
    ...failOutcome(row, new ActionError("runtime", "cancelled"), logs, outputData()),
    status: "cancelled",
    error_message: "cancelled by a user",
    error_class: null,
    next_action: i,
  });
  try {
    let attempt = row.attempt;
    for (let i = row.next_action; i < doc.actions.length; i++) {
      // A cancel that arrived between actions (by NOTIFY, or only as the flag when this worker
      // missed the notification) stops before the next action starts.
      if (isCancel(controller.signal) || (i > row.next_action && (await isCancelRequested(db, id)))) return cancelledOutcome(i);
      if (deadlineCtl.signal.aborted) return { ...failOutcome(row, deadlineCtl.signal.reason as ActionError, logs, outputData()), next_action: i, attempt };
      const action = doc.actions[i];
      const plugin = actionRegistry[action.type];
      const started = new Date();
      const idempotencyKey = `${id}:${i}`;
      let rendered: unknown = null;
      const timeoutMs = (action as { timeoutMs?: number }).timeoutMs ?? plugin.defaultTimeoutMs;
      const signal = AbortSignal.any([controller.signal, deadlineCtl.signal, AbortSignal.timeout(timeoutMs)]);
      const actx: ActionRunContext = {
        executionId: id,
        ruleId: row.rule_id,
        actionIndex: i,
        attempt,
        idempotencyKey,
        signal,
        db,
        log: log.child({ actionIndex: i, actionType: action.type }),
        eventDepth: Number(ctx.event?.depth ?? 0),
        dryRun: row.dry_run,
        progress: (fraction, message) => reportProgress(db, id, i, fraction, message),
      };
      try {
        rendered = renderParams(action.params, ctx, plugin.htmlKeys ?? ["html"]);
        const parsed = plugin.paramsSchema.safeParse(rendered);
        if (!parsed.success) {
          throw configError(
            `action ${i + 1} (${action.type}): ${parsed.error.issues.map((x) => `${x.path.join(".")}: ${x.message}`).join("; ")}`,
          );
        }
        // References (templates, connections) are resolved and checked before the action has any
        // effect: a missing one is a configuration error, never retried.
        let params = await resolveTemplateParams(parsed.data, ctx, db, action.type);
        if (plugin.preflight) params = (await plugin.preflight(params, actx)) ?? params;
        // Rate limits per action type and connection (AUTOFLOW_RATE_*): a short wait is taken
        // here; a longer one hands the execution back for later — the same action, the same
        // attempt, no worker slot held — so a limit delays messages and never drops them.
        if (!row.dry_run) {
          const connectionId = (params as { connectionId?: unknown }).connectionId;
          const r = await reserveForAction(action.type, typeof connectionId === "string" ? connectionId : null, { maxWaitMs: RATE_WAIT_IN_PLACE_MS });
          if (!r.reserved) {
            return {
              id,
              status: "running",
              next_action: i,
              attempt,
              retried: 0,
              next_attempt_at: resumeAt(Date.now() + r.delayMs),
              output_data: outputData(),
              error_message: null,
              error_class: null,
              final: false,
              logs,
              priority: row.priority,
            };
          }
          if (r.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, r.delayMs));
        }
        let onAbort: (() => void) | undefined;
        const result = await Promise.race([
          plugin.run(params, actx),
          new Promise<never>((_, reject) => {
            if (signal.aborted) return reject(signal.reason);
            onAbort = () => reject(signal.reason);
            signal.addEventListener("abort", onAbort, { once: true });
          }),
        ]).finally(() => onAbort && signal.removeEventListener("abort", onAbort));
        outputs[i] = { output: result.output ?? null };
        logs.push({
          execution_id: id,
          action_index: i,
          action_type: action.type,
          status: "success",
          attempt,
          start_time: started.toISOString(),
          end_time: new Date().toISOString(),
          details: { input: rendered, output: result.output ?? null, idempotencyKey },
        });
        attempt = 1;
        // Later actions read the contact as it is now, not as it was when the execution started.
        if (action.type === "update_contact" && contactId && !row.dry_run) {
          ctx.contact = (await loadContacts(db, [contactId])).get(contactId) ?? null;
        }
        if (!result.resumeAt && i + 1 < doc.actions.length && !row.dry_run) {
          await checkpoint(db, id, i + 1, outputData(), logs);
        }
        if (result.resumeAt && i + 1 < doc.actions.length) {
          return {
            id,
            status: "running",
            next_action: i + 1,
            attempt: 1,
            retried: 0,
            next_attempt_at: resumeAt(result.resumeAt.getTime()),
            output_data: outputData(),
            error_message: null,
            error_class: null,
            final: false,
            logs,
            priority: row.priority,
          };
        }
      } catch (err) {
        const cancelled = isCancel(controller.signal);
        // The deadline wins over whatever the plugin made of the abort ("request aborted", …).
        const e = !cancelled && deadlineCtl.signal.aborted ? (deadlineCtl.signal.reason as ActionError) : classifyError(err, signal);
        logs.push({
          execution_id: id,
          action_index: i,
          action_type: action.type,
          status: cancelled ? "cancelled" : "failed",
          attempt,
          start_time: started.toISOString(),
          end_time: new Date().toISOString(),
          details: { input: rendered, error: e.message, errorClass: e.errorClass, retryable: e.retryable, idempotencyKey, ...(e.details ? { response: e.details } : {}) },
        });
        if (cancelled) return cancelledOutcome(i);
        if (workerSignal?.aborted) {
          // Shutting down: hand the execution back untouched (same attempt) for another worker.
          return { id, status: "retrying", next_action: i, attempt, retried: 0, next_attempt_at: new Date().toISOString(), output_data: outputData(), error_message: e.message, error_class: e.errorClass, final: false, logs, priority: row.priority };
        }
        if (e.retryable && attempt < doc.retryPolicy.maxAttempts) {
          const delay = retryDelayMs(doc.retryPolicy, attempt);
          return {
            id,
            status: "retrying",
            next_action: i,
            attempt: attempt + 1,
            retried: 1,
            next_attempt_at: resumeAt(Date.now() + delay),
            output_data: outputData(),
            error_message: e.message,
            error_class: e.errorClass,
            final: false,
            logs,
            priority: row.priority,
          };
        }
        return { ...failOutcome(row, e, logs, outputData()), next_action: i, attempt };
      }
    }
    return {
      id,
      status: "success",
      next_action: doc.actions.length,
      attempt: 1,
      retried: 0,
      next_attempt_at: null,
      output_data: outputData(),
      error_message: null,
      error_class: null,
      final: true,
      logs,
      priority: row.priority,
    };
  } finally {
    if (deadlineTimer) clearTimeout(deadlineTimer);
    workerSignal?.removeEventListener("abort", onWorkerAbort);
    unregisterRunning(id);
  }
}

/** Aborted by a user's cancel (abortRunning), as opposed to a timeout or a shutdown. */
function isCancel(signal: AbortSignal): boolean {
  return signal.aborted && (signal.reason as Error)?.message === "cancelled";
}

function reportProgress(db: Queryable, id: string, actionIndex: number, fraction: number, message?: string): void {
  const f = Math.max(0, Math.min(1, Number(fraction) || 0));
  void db
    .query(`UPDATE task_execution SET progress = $2, updated_at = now() WHERE execution_id = $1`, [
      id,
      JSON.stringify({ actionIndex, fraction: f, message: message ?? null, at: new Date().toISOString() }),
    ])
    .catch(() => {});
}

// A cancel that lands while this worker was finishing (the flag is set, the outcome says "come
// back later") is honoured here, so the answer to the cancel already shows `cancelled`; the
// wake-up job scheduled for it then finds nothing to claim.
const WRITE_OUTCOMES_SQL = `
  UPDATE task_execution e SET
    status = CASE WHEN (e.cancel_requested AND NOT x.final) THEN 'cancelled' ELSE x.status END::"ExecutionStatus",
    end_time = CASE WHEN x.final OR (e.cancel_requested AND NOT x.final) THEN now() ELSE NULL END,
    next_action = x.next_action, attempt = x.attempt, retry_count = e.retry_count + x.retried,
    next_attempt_at = CASE WHEN (e.cancel_requested AND NOT x.final) THEN NULL ELSE x.next_attempt_at END, output_data = x.output_data,
    error_message = CASE WHEN (e.cancel_requested AND NOT x.final) THEN 'cancelled by a user' ELSE x.error_message END,
    error_class = CASE WHEN (e.cancel_requested AND NOT x.final) THEN NULL ELSE x.error_class END,
    progress = CASE WHEN x.final OR (e.cancel_requested AND NOT x.final) THEN NULL ELSE e.progress END, updated_at = now()
  FROM jsonb_to_recordset($1::jsonb) AS x(id bigint, status text, final boolean, next_action int, attempt int, retried int,
       next_attempt_at timestamptz, output_data jsonb, error_message text, error_class text)
  WHERE e.execution_id = x.id AND e.status = 'running'`;

const INSERT_LOGS_SQL = `
  INSERT INTO action_execution_log (execution_id, action_index, action_type, status, attempt, start_time, end_time, details)
  SELECT execution_id, action_index, action_type, status, attempt, start_time, end_time, details
    FROM jsonb_to_recordset($1::jsonb) AS x(execution_id bigint, action_index int, action_type text, status text, attempt int,
         start_time timestamptz, end_time timestamptz, details jsonb)`;

async function writeBatch(db: Queryable, outcomes: Outcome[], ruleIds: string[], slowIds: Set<string>): Promise<void> {
  // Outputs carry outside data (a response body): storableCopy keeps text Postgres can store, so
  // one hostile answer (a NUL, 10,000 levels of JSON) cannot fail the whole batch on every retry.
  // Named statements, planned once per connection of genericPlanPool (server/db), where the writes run.
  await db.query({ name: "autoflow_write_outcomes", text: WRITE_OUTCOMES_SQL, values: [JSON.stringify(storableCopy(outcomes.map(({ logs: _l, priority: _p, ...o }) => o)))] });
  const logs = outcomes.flatMap((o) => o.logs);
  if (logs.length) await db.query({ name: "autoflow_insert_logs", text: INSERT_LOGS_SQL, values: [JSON.stringify(storableCopy(logs))] });
  const later = outcomes.filter((o) => !o.final && o.next_attempt_at);
  await addJobs(
    db,
    later.map((o) => ({
      task: slowIds.has(o.id) ? "run_slow" : "run",
      payload: { ids: [o.id] },
      runAt: new Date(o.next_attempt_at!),
      jobKey: `exec:${o.id}`,
      priority: jobPriority(o.priority),
    })),
  );
  // last_run_at to the second: writing the rule's row on every batch made each batch of a rule
  // wait for the previous one's commit (bench/: 56 ms mean wait per batch, ~90 executions/s with
  // one execution per job). A row whose value is fresh is skipped without taking its lock.
  await db.query({
    name: "autoflow_rule_last_run",
    text: `UPDATE automation_rule SET last_run_at = now()
      WHERE rule_id = ANY($1::uuid[]) AND (last_run_at IS NULL OR last_run_at < now() - interval '1 second')`,
    values: [ruleIds],
  });
  if (outcomes.some((o) => o.final)) await releaseWaiting(db, ruleIds);
  // Monitoring rollups: counts the executions this transaction finished (one statement, last so
  // its row locks are held briefly). See server/domain/monitoring/record-finished.ts.
  await recordFinishedExecutions(db, outcomes.map((o) => o.id));
}

// Progress of a multi-action execution is saved after every action that is not the last: a
// worker that dies mid-execution leaves next_action pointing past what already happened, so the
// worker that takes over never runs a completed action again. One statement, so the log row and
// the progress commit together.
const CHECKPOINT_SQL = `
  WITH u AS (
    UPDATE task_execution SET next_action = $2, attempt = 1, output_data = $3, updated_at = now()
     WHERE execution_id = $1 AND status = 'running' RETURNING 1)
  INSERT INTO action_execution_log (execution_id, action_index, action_type, status, attempt, start_time, end_time, details)
  SELECT x.execution_id, x.action_index, x.action_type, x.status, x.attempt, x.start_time, x.end_time, x.details
    FROM jsonb_to_recordset($4::jsonb) AS x(execution_id bigint, action_index int, action_type text, status text, attempt int,
         start_time timestamptz, end_time timestamptz, details jsonb)
   WHERE EXISTS (SELECT 1 FROM u)`;

// The same, for the checkpoints of many executions in one statement: each execution's log rows
// are inserted only if its own progress row was updated, exactly as CHECKPOINT_SQL does alone.
const CHECKPOINT_GROUP_SQL = `
  WITH u AS (
    UPDATE task_execution t SET next_action = c.next_action, attempt = 1, output_data = c.output_data, updated_at = now()
      FROM jsonb_to_recordset($1::jsonb) AS c(id bigint, next_action int, output_data jsonb)
     WHERE t.execution_id = c.id AND t.status = 'running' RETURNING t.execution_id)
  INSERT INTO action_execution_log (execution_id, action_index, action_type, status, attempt, start_time, end_time, details)
  SELECT x.execution_id, x.action_index, x.action_type, x.status, x.attempt, x.start_time, x.end_time, x.details
    FROM jsonb_to_recordset($2::jsonb) AS x(execution_id bigint, action_index int, action_type text, status text, attempt int,
         start_time timestamptz, end_time timestamptz, details jsonb)
   WHERE x.execution_id IN (SELECT execution_id FROM u)`;

// Checkpoints are grouped like outcomes: the executions of a batch finish an action at about the
// same moment, and one statement for all of them costs a fraction of one each (bench/: the
// three-action rule). A checkpoint still commits before its execution's next action starts; if the
// shared statement fails, each is written alone.
interface PendingCheckpoint {
  db: Queryable;
  id: string;
  nextAction: number;
  outputData: unknown;
  logs: unknown;
  resolve: () => void;
  reject: (err: unknown) => void;
}
const pendingCheckpoints: PendingCheckpoint[] = [];
let checkpointsInFlight = 0;

function drainCheckpoints(): void {
  while (checkpointsInFlight < MAX_WRITES_IN_FLIGHT && pendingCheckpoints.length > 0) {
    const group = pendingCheckpoints.splice(0, WRITE_GROUP_MAX_OUTCOMES);
    checkpointsInFlight++;
    void writeCheckpoints(group).finally(() => {
      checkpointsInFlight--;
      drainCheckpoints();
    });
  }
}

async function writeCheckpoints(group: PendingCheckpoint[]): Promise<void> {
  if (group.length > 1) {
    try {
      await group[0].db.query(CHECKPOINT_GROUP_SQL, [
        JSON.stringify(group.map((c) => ({ id: c.id, next_action: c.nextAction, output_data: c.outputData }))),
        JSON.stringify(group.flatMap((c) => c.logs as unknown[])),
      ]);
      for (const c of group) c.resolve();
      return;
    } catch {
      // one bad row: each alone below
    }
  }
  await Promise.all(
    group.map((c) =>
      c.db.query(CHECKPOINT_SQL, [c.id, c.nextAction, JSON.stringify(c.outputData), JSON.stringify(c.logs)]).then(() => c.resolve(), c.reject),
    ),
  );
}

async function checkpoint(db: Queryable, id: string, nextAction: number, outputData: unknown, logs: ActionLog[]): Promise<void> {
  const outputs = storableCopy(outputData);
  const logRows = storableCopy(logs);
  await new Promise<void>((resolve, reject) => {
    pendingCheckpoints.push({ db, id, nextAction, outputData: outputs, logs: logRows, resolve, reject });
    drainCheckpoints();
  });
  logs.length = 0;
}

// Group commit of outcomes. Every batch that finishes executions of a rule updates the same rows
// (the rule's monitoring rollups), so batches of one rule commit one after another; jobs that
// finish while this process is already writing therefore share the next transaction (no added
// wait when nothing else is writing). If the shared write fails, each job writes alone again,
// with writeOutcomesAlone's per-execution fallback, so one bad row still cannot fail the rest.
const WRITE_GROUP_MAX_OUTCOMES = 500;
const MAX_WRITES_IN_FLIGHT = 2;
interface PendingWrite {
  outcomes: Outcome[];
  claimed: ClaimedRow[];
  slowIds: Set<string>;
  resolve: () => void;
  reject: (err: unknown) => void;
}
const pendingWrites: PendingWrite[] = [];
let writesInFlight = 0;

function writeOutcomes(outcomes: Outcome[], claimed: ClaimedRow[], slowIds: Set<string>): Promise<void> {
  return new Promise((resolve, reject) => {
    pendingWrites.push({ outcomes, claimed, slowIds, resolve, reject });
    drainWrites();
  });
}

function drainWrites(): void {
  while (writesInFlight < MAX_WRITES_IN_FLIGHT && pendingWrites.length > 0) {
    const group = [pendingWrites.shift()!];
    let n = group[0].outcomes.length;
    while (pendingWrites.length > 0 && n + pendingWrites[0].outcomes.length <= WRITE_GROUP_MAX_OUTCOMES) {
      n += pendingWrites[0].outcomes.length;
      group.push(pendingWrites.shift()!);
    }
    writesInFlight++;
    void writeGroup(group).finally(() => {
      writesInFlight--;
      drainWrites();
    });
  }
}

async function writeGroup(group: PendingWrite[]): Promise<void> {
  if (group.length > 1) {
    const client = await genericPlanPool().connect().catch(() => null);
    if (client) {
      let written = false;
      try {
        await client.query("BEGIN");
        const claimed = group.flatMap((g) => g.claimed);
        await writeBatch(client, group.flatMap((g) => g.outcomes), [...new Set(claimed.map((c) => c.rule_id))], new Set(group.flatMap((g) => [...g.slowIds])));
        await client.query("COMMIT");
        written = true;
      } catch {
        await client.query("ROLLBACK").catch(() => {});
      } finally {
        client.release();
      }
      if (written) {
        for (const g of group) g.resolve();
        return;
      }
    }
  }
  await Promise.all(
    group.map((g) => writeOutcomesAlone(g.outcomes, g.claimed, g.slowIds).then(g.resolve, g.reject)),
  );
}

async function writeOutcomesAlone(outcomes: Outcome[], claimed: ClaimedRow[], slowIds: Set<string>): Promise<void> {
  const ruleIds = [...new Set(claimed.map((c) => c.rule_id))];
  const client = await genericPlanPool().connect();
  try {
    await client.query("BEGIN");
    await writeBatch(client, outcomes, ruleIds, slowIds);
    await client.query("COMMIT");
  } catch (err) {
    await client.query("ROLLBACK").catch(() => {});
    if (outcomes.length === 1) throw err;
    // One bad row must not fail the batch: write each execution alone; a failure here is
    // rethrown so the job is retried (and the claim picks up what is still running).
    let firstError: unknown;
    for (const o of outcomes) {
      try {
        await client.query("BEGIN");
        await writeBatch(client, [o], ruleIds.filter((r) => claimed.find((c) => c.execution_id === o.id)?.rule_id === r), slowIds);
        await client.query("COMMIT");
      } catch (e) {
        await client.query("ROLLBACK").catch(() => {});
        firstError ??= e;
      }
    }
    if (firstError) throw firstError;
  } finally {
    client.release();
  }
}
