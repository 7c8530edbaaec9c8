// Chaos scenarios, shared by `npm run chaos` (bench/chaos.ts, events over HTTP to the built web
// app) and the short version in `npm test` (tests/chaos/chaos-short.test.ts, events through the
// same REST handler in-process). Each records every event that got a 2xx, then checks that each
// came out once (verify.ts) and reports lost, duplicated and late counts.
import type pg from "pg";
import type { EventDoor } from "../lib/load";
import { sendEvents } from "../lib/load";
import type { ManagedProcess } from "../lib/processes";
import { sleep, summarize, type Summary } from "../lib/stats";
import { startCountingServer, type CountingServer } from "./counting-server";
import { verify, waitAllFinal, type RuleSpec, type Verdict } from "./verify";

export interface ChaosEnv {
  pool: pg.Pool;
  door: EventDoor;
  /** Starts a worker process on the scenario's database (with AUTOFLOW_HTTP_ALLOWED_HOSTS for the counting server). */
  spawnWorker(env?: Record<string, string>): ManagedProcess;
  /** Resolves once this worker wrote its first heartbeat. */
  waitReady(w: ManagedProcess): Promise<void>;
  log(s: string): void;
  countingPort: number;
}

export interface ScenarioResult {
  name: string;
  description: string;
  seconds: number;
  verdict: Verdict;
  finished: boolean;
  notes: Record<string, unknown>;
}

let seq = 0;
const uniq = (p: string) => `${p}.${Date.now().toString(36)}${(seq++).toString(36)}`;

export async function createEventRule(door: EventDoor, type: string, actions: ("notify" | "http")[], httpUrl?: string): Promise<RuleSpec> {
  const doc = {
    name: `chaos ${type}`,
    trigger: { type: "event", event: type },
    actions: actions.map((a, i) =>
      a === "notify"
        ? { type: "notify", params: { title: `step ${i}`, body: "event {{event.id}}" } }
        : { type: "http", params: { method: "POST", url: httpUrl, body: { event: "{{event.id}}" }, timeoutMs: 30_000 } },
    ),
    retryPolicy: { maxAttempts: 10, initialDelayMs: 200, backoffFactor: 2, maxDelayMs: 5_000 },
  };
  const r = await door.request("POST", "/rules", doc);
  if (r.status !== 201) throw new Error(`creating a rule: ${r.status} ${JSON.stringify(r.body)}`);
  const e = await door.request("POST", `/rules/${r.body.id}/enable`);
  if (e.status !== 200) throw new Error(`enabling a rule: ${e.status} ${JSON.stringify(e.body)}`);
  return { ruleId: r.body.id, actions };
}

async function startWorkers(env: ChaosEnv, n: number, extra?: Record<string, string>): Promise<ManagedProcess[]> {
  const ws = Array.from({ length: n }, () => env.spawnWorker(extra));
  for (const w of ws) await env.waitReady(w);
  return ws;
}

async function finish(env: ChaosEnv, o: { name: string; description: string; t0: number; rules: RuleSpec[]; ids: string[]; counting?: CountingServer; lateMs: number; waitMs: number; notes: Record<string, unknown> }): Promise<ScenarioResult> {
  const finished = await waitAllFinal(env.pool, o.rules, o.ids, o.waitMs);
  const verdict = await verify(env.pool, { acceptedIds: o.ids, rules: o.rules, counting: o.counting, lateMs: o.lateMs });
  return { name: o.name, description: o.description, seconds: Math.round((Date.now() - o.t0) / 1000), verdict, finished, notes: o.notes };
}

/** SIGKILL one of two workers in the middle of a steady load; a replacement starts (as `npm start` restarts a dead worker). */
export async function sigkillUnderLoad(env: ChaosEnv, o: { events: number; seconds: number }): Promise<ScenarioResult> {
  const t0 = Date.now();
  const counting = await startCountingServer(env.countingPort, 20);
  const workers: ManagedProcess[] = [];
  try {
    const type = uniq("chaos.kill");
    const rules = [await createEventRule(env.door, type, ["notify"]), await createEventRule(env.door, type, ["notify", "http", "notify"], counting.url)];
    workers.push(...(await startWorkers(env, 2)));
    const load = sendEvents({ client: env.door, type, total: o.events, perRequest: 25, concurrency: 4, rate: o.events / o.seconds, idPrefix: uniq("k"), retries: 10 });
    await sleep(o.seconds * 400);
    const killedAt = Date.now();
    await workers[0].kill();
    env.log(`    SIGKILLed worker pid ${workers[0].pid} at ${((killedAt - t0) / 1000).toFixed(1)} s (${counting.inFlight()} http calls in flight)`);
    workers.push(env.spawnWorker());
    const l = await load;
    const r = await finish(env, {
      name: "SIGKILL a worker under load",
      description: `${o.events} events over ${o.seconds} s to two rules (notify; notify → http → notify), two workers; one SIGKILLed at 40 %, a replacement started`,
      t0,
      rules,
      ids: l.acceptedIds,
      counting,
      lateMs: 30_000,
      waitMs: 120_000,
      notes: { non2xx: l.non2xx, failedRequests: l.failedRequests },
    });
    return r;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await counting.close();
  }
}

/** SIGTERM a worker while its http actions are in flight: it aborts them, hands the executions back, exits; another worker finishes them. */
export async function sigtermMidAction(env: ChaosEnv, o: { events: number; actionMs?: number }): Promise<ScenarioResult> {
  const t0 = Date.now();
  // Longer than the worker's 3 s graceful-shutdown wait, so the shutdown aborts actions in flight.
  const actionMs = o.actionMs ?? 6_000;
  const counting = await startCountingServer(env.countingPort, actionMs);
  const workers: ManagedProcess[] = [];
  try {
    const type = uniq("chaos.term");
    const rules = [await createEventRule(env.door, type, ["notify", "http", "notify"], counting.url)];
    workers.push(...(await startWorkers(env, 2)));
    const l = await sendEvents({ client: env.door, type, total: o.events, perRequest: 50, concurrency: 2, idPrefix: uniq("t"), retries: 10 });
    for (let i = 0; i < 300 && counting.inFlight() < Math.min(8, o.events); i++) await sleep(50);
    const inFlight = counting.inFlight();
    const t = Date.now();
    await workers[0].stop(30_000);
    const exitMs = Date.now() - t;
    env.log(`    SIGTERMed worker pid ${workers[0].pid} with ${inFlight} http calls in flight; it exited in ${exitMs} ms (code ${workers[0].child.exitCode}, signal ${workers[0].child.signalCode})`);
    workers.push(env.spawnWorker());
    return await finish(env, {
      name: "SIGTERM a worker mid-action",
      description: `${o.events} executions of notify → http (${actionMs / 1000} s) → notify on two workers; one SIGTERMed with actions in flight (it waits 3 s, then aborts them), a replacement started`,
      t0,
      rules,
      ids: l.acceptedIds,
      counting,
      lateMs: 60_000,
      waitMs: 120_000 + 4 * actionMs,
      notes: { httpInFlightAtSigterm: inFlight, gracefulExitMs: exitMs, exitCode: workers[0].child.exitCode, exitSignal: workers[0].child.signalCode },
    });
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
    await counting.close();
  }
}

/** The same events delivered many times, concurrently, in single and batched requests. */
export async function duplicateDeliveries(env: ChaosEnv, o: { ids: number; copies: number }): Promise<ScenarioResult> {
  const t0 = Date.now();
  const workers: ManagedProcess[] = [];
  try {
    const type = uniq("chaos.dup");
    const rules = [await createEventRule(env.door, type, ["notify"]), await createEventRule(env.door, type, ["notify", "notify", "notify"])];
    workers.push(...(await startWorkers(env, 2)));
    const prefix = uniq("d");
    // Every id `copies` times, shuffled (deterministically), sent 1 or 10 per request, 20 at once.
    const all: string[] = [];
    for (let c = 0; c < o.copies; c++) for (let i = 0; i < o.ids; i++) all.push(`${prefix}-${i}`);
    let seed = 42;
    for (let i = all.length - 1; i > 0; i--) {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      const j = seed % (i + 1);
      [all[i], all[j]] = [all[j], all[i]];
    }
    const half = Math.floor(all.length / 2);
    const [a, b] = await Promise.all([
      sendEvents({ client: env.door, type, total: half, perRequest: 1, concurrency: 10, idPrefix: prefix, ids: all.slice(0, half), retries: 10 }),
      sendEvents({ client: env.door, type, total: all.length - half, perRequest: 10, concurrency: 10, idPrefix: prefix, ids: all.slice(half), retries: 10 }),
    ]);
    const accepted = a.accepted + b.accepted;
    const r = await finish(env, {
      name: "the same events delivered many times at once",
      description: `${o.ids} event ids × ${o.copies} deliveries, shuffled, 20 requests at once (half one per request, half 10 per request), two rules`,
      t0,
      rules,
      ids: [...a.acceptedIds, ...b.acceptedIds],
      lateMs: 30_000,
      waitMs: 120_000,
      notes: { deliveries: all.length, acceptedSum: accepted, duplicatesSum: a.duplicates + b.duplicates, expectedAccepted: o.ids, overAccepted: accepted - o.ids },
    });
    // An id accepted twice would be a duplicate event even though executions are unique per (rule, event).
    r.verdict.executionsDuplicated += Math.max(0, accepted - o.ids);
    return r;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** A backlog built while no worker runs, then drained by two workers. */
export async function drainBacklog(env: ChaosEnv, o: { events: number }): Promise<ScenarioResult> {
  const t0 = Date.now();
  const workers: ManagedProcess[] = [];
  try {
    const type = uniq("chaos.backlog");
    const rules = [await createEventRule(env.door, type, ["notify"])];
    const l = await sendEvents({ client: env.door, type, total: o.events, perRequest: 500, concurrency: 2, idPrefix: uniq("b"), retries: 10 });
    const ingestSeconds = (l.endedAt - l.startedAt) / 1000;
    const started = Date.now();
    workers.push(...(await startWorkers(env, 2)));
    const done = await waitAllFinal(env.pool, rules, l.acceptedIds, Math.max(120_000, o.events * 5));
    const drainSeconds = (Date.now() - started) / 1000;
    const { rows } = await env.pool.query<{ s: number }>(
      `SELECT EXTRACT(EPOCH FROM (max(end_time) - min(start_time))) AS s FROM task_execution WHERE rule_id = $1`,
      [rules[0].ruleId],
    );
    const r = await finish(env, {
      name: "drain a backlog",
      description: `${o.events} events accepted with no worker running (${Math.round(o.events / ingestSeconds)}/s), then two workers started`,
      t0,
      rules,
      ids: l.acceptedIds,
      lateMs: Number.POSITIVE_INFINITY,
      waitMs: 10_000,
      notes: { drained: done, drainSeconds: Number(drainSeconds.toFixed(1)), executingSeconds: Number(Number(rows[0].s).toFixed(1)), executionsPerSecond: Math.round(o.events / Number(rows[0].s)) },
    });
    return r;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

export interface CronChaosResult {
  name: string;
  description: string;
  seconds: number;
  rules: number;
  slotsExpected: number;
  fired: number;
  missing: number;
  skippedOrMissed: number;
  duplicateFires: number;
  duplicateExecutions: number;
  notSucceeded: number;
  notificationsLost: number;
  late: number;
  lateThresholdMs: number;
  fireLatenessMs: Summary;
  notes: Record<string, unknown>;
}

/** Three workers on every-5-seconds cron rules for `minutes`; one worker SIGTERMed and one SIGKILLed (each replaced) on the way. */
export async function cronThreeWorkers(env: ChaosEnv, o: { rules: number; minutes: number }): Promise<CronChaosResult> {
  const t0 = Date.now();
  const workers: ManagedProcess[] = [];
  try {
    const tag = uniq("cron");
    const ruleIds: string[] = [];
    for (let i = 0; i < o.rules; i++) {
      const r = await env.door.request("POST", "/rules", { name: `chaos ${tag} ${i}`, trigger: { type: "cron", cron: "*/5 * * * * *" }, actions: [{ type: "notify", params: { title: "tick", body: "{{payload.scheduledFor}}" } }] });
      if (r.status !== 201) throw new Error(`creating a cron rule: ${r.status} ${JSON.stringify(r.body)}`);
      ruleIds.push(r.body.id);
    }
    workers.push(...(await startWorkers(env, 3)));
    for (const id of ruleIds) {
      const e = await env.door.request("POST", `/rules/${id}/enable`);
      if (e.status !== 200) throw new Error(`enabling a cron rule: ${e.status}`);
    }
    // The window: from the first 5-second mark at least 10 s from now, for `minutes`.
    const { rows: c } = await env.pool.query<{ t: Date }>(`SELECT to_timestamp(ceil(extract(epoch FROM now() + interval '10 seconds') / 5) * 5) AS t`);
    const w0 = c[0].t.getTime();
    const w1 = w0 + o.minutes * 60_000;
    const events: string[] = [];
    const restart = async (i: number, how: "SIGTERM" | "SIGKILL") => {
      if (how === "SIGKILL") await workers[i].kill();
      else await workers[i].stop();
      events.push(`${how} worker ${workers[i].pid} at +${((Date.now() - w0) / 1000).toFixed(0)} s`);
      workers[i] = env.spawnWorker();
    };
    const plan = [
      { at: w0 + (w1 - w0) * 0.33, fn: () => restart(0, "SIGTERM") },
      { at: w0 + (w1 - w0) * 0.66, fn: () => restart(1, "SIGKILL") },
    ];
    for (const step of plan) {
      for (let i = 0; i < 100_000 && Date.now() < step.at; i++) await sleep(Math.min(1_000, step.at - Date.now()));
      await step.fn();
    }
    for (let i = 0; i < 100_000 && Date.now() < w1; i++) await sleep(Math.min(1_000, w1 - Date.now()));
    // Disable the rules at the window's end: nothing new is booked; then wait for the window's fires to finish.
    for (const id of ruleIds) await env.door.request("POST", `/rules/${id}/disable`);
    const slotsPerRule = Math.round((w1 - w0) / 5_000);
    const expected = slotsPerRule * o.rules;
    const from = new Date(w0);
    const to = new Date(w1);
    const count = async (sql: string) => Number((await env.pool.query(sql, [ruleIds, from, to])).rows[0].n);
    for (let i = 0; i < 240; i++) {
      const n = await count(
        `SELECT count(*)::int AS n FROM rule_fire f JOIN task_execution e ON e.execution_id = f.execution_id
          WHERE f.rule_id = ANY($1::uuid[]) AND f.scheduled_for >= $2 AND f.scheduled_for < $3 AND e.status IN ('success', 'failed', 'skipped', 'cancelled')`,
      );
      const other = await count(`SELECT count(*)::int AS n FROM rule_fire WHERE rule_id = ANY($1::uuid[]) AND scheduled_for >= $2 AND scheduled_for < $3 AND execution_id IS NULL`);
      if (n + other >= expected) break;
      await sleep(1_000);
    }
    const { rows: lat } = await env.pool.query<{ ms: number }>(
      `SELECT EXTRACT(EPOCH FROM (created_at - scheduled_for)) * 1000 AS ms FROM rule_fire
        WHERE rule_id = ANY($1::uuid[]) AND scheduled_for >= $2 AND scheduled_for < $3`,
      [ruleIds, from, to],
    );
    const ms = lat.map((r) => Number(r.ms));
    const fired = await count(`SELECT count(*)::int AS n FROM rule_fire WHERE rule_id = ANY($1::uuid[]) AND scheduled_for >= $2 AND scheduled_for < $3 AND outcome IN ('fired', 'backfilled')`);
    const skipped = await count(`SELECT count(*)::int AS n FROM rule_fire WHERE rule_id = ANY($1::uuid[]) AND scheduled_for >= $2 AND scheduled_for < $3 AND outcome NOT IN ('fired', 'backfilled')`);
    // Every 5-second slot of the window has a fire row (fired, or recorded as missed/skipped).
    const missing = await count(
      `SELECT count(*)::int AS n FROM unnest($1::uuid[]) r(id)
         CROSS JOIN generate_series($2::timestamptz, $3::timestamptz - interval '1 millisecond', interval '5 seconds') s(t)
         LEFT JOIN rule_fire f ON f.rule_id = r.id AND f.scheduled_for = s.t
        WHERE f.id IS NULL`,
    );
    const r: CronChaosResult = {
      name: "three workers on cron rules",
      description: `${o.rules} rules every 5 s for ${o.minutes} min on three workers; one SIGTERMed at 1/3 and one SIGKILLed at 2/3, each replaced`,
      seconds: Math.round((Date.now() - t0) / 1000),
      rules: o.rules,
      slotsExpected: expected,
      fired,
      missing,
      skippedOrMissed: skipped,
      duplicateFires: await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM rule_fire WHERE rule_id = ANY($1::uuid[]) AND scheduled_for >= $2 AND scheduled_for < $3 GROUP BY rule_id, scheduled_for HAVING count(*) > 1) x`),
      duplicateExecutions: await count(`SELECT count(*)::int AS n FROM (SELECT 1 FROM task_execution WHERE rule_id = ANY($1::uuid[]) AND scheduled_time >= $2 AND scheduled_time < $3 GROUP BY rule_id, scheduled_time HAVING count(*) > 1) x`),
      notSucceeded: await count(`SELECT count(*)::int AS n FROM rule_fire f LEFT JOIN task_execution e ON e.execution_id = f.execution_id WHERE f.rule_id = ANY($1::uuid[]) AND f.scheduled_for >= $2 AND f.scheduled_for < $3 AND f.outcome IN ('fired', 'backfilled') AND e.status IS DISTINCT FROM 'success'`),
      notificationsLost: await count(`SELECT count(*)::int AS n FROM rule_fire f LEFT JOIN notification n ON n.idempotency_key = f.execution_id || ':0' WHERE f.rule_id = ANY($1::uuid[]) AND f.scheduled_for >= $2 AND f.scheduled_for < $3 AND f.execution_id IS NOT NULL AND n.id IS NULL`),
      late: ms.filter((x) => x > 1_000).length,
      lateThresholdMs: 1_000,
      fireLatenessMs: summarize(ms),
      notes: { events },
    };
    return r;
  } finally {
    await Promise.all(workers.map((w) => w.stop()));
  }
}

/** What the workers did to recover (their own log lines): runners replaced, jobs unlocked. */
export function recoveries(ws: ManagedProcess[]): string[] {
  const wanted = /replacing it|job runner replaced|stopped on its own|no longer holds|jobs of dead workers/;
  return ws.flatMap((w) =>
    w
      .output()
      .split("\n")
      .filter((line) => wanted.test(line))
      .map((line) => {
        try {
          const j = JSON.parse(line) as { msg?: string; runner?: string; unlocked?: unknown };
          return `pid ${w.pid}: ${j.msg}${j.runner ? ` (${j.runner})` : ""}${Array.isArray(j.unlocked) ? ` [${j.unlocked.length} jobs]` : j.unlocked ? ` [${j.unlocked}]` : ""}`;
        } catch {
          return `pid ${w.pid}: ${line.slice(0, 200)}`;
        }
      }),
  );
}

/**
 * Postgres stopped for a while under a steady load, then started again: every event that got a
 * 2xx comes out once. `env` must point at a Postgres the caller owns and can stop (`ctl`) — an
 * embedded one, never a shared server. Workers that exit are restarted, as `npm start` restarts a
 * dead worker; `supervise` lets the caller restart its own processes (the web app) the same way.
 */
export async function postgresRestart(
  env: ChaosEnv,
  o: { ctl: { stop(): Promise<void>; start(): Promise<void> }; rate: number; seconds: number; stopAt: number; outageSeconds: number; perRequest?: number; waitMs?: number; supervise?: () => Promise<void> },
): Promise<ScenarioResult> {
  const counting = await startCountingServer(env.countingPort, 20);
  const workers: ManagedProcess[] = [];
  const restarts: string[] = [];
  let t1 = Date.now();
  let supervising = true;
  const supervisor = (async () => {
    for (let i = 0; i < 100_000 && supervising; i++) {
      for (const [k, w] of workers.entries()) {
        if (w.exited() && supervising) {
          restarts.push(`worker pid ${w.pid} exited (code ${w.child.exitCode}, signal ${w.child.signalCode}) at +${((Date.now() - t1) / 1000).toFixed(0)} s: ${w.output().trim().split("\n").slice(-2).join(" | ").slice(0, 300)}`);
          workers[k] = env.spawnWorker();
        }
      }
      if (supervising) await o.supervise?.();
      await sleep(1_000);
    }
  })();
  try {
    const type = uniq("chaos.pg");
    const rules = [await createEventRule(env.door, type, ["notify"]), await createEventRule(env.door, type, ["notify", "http", "notify"], counting.url)];
    workers.push(...(await startWorkers(env, 2)));
    t1 = Date.now();
    const total = o.rate * o.seconds;
    const load = sendEvents({ client: env.door, type, total, perRequest: o.perRequest ?? 10, concurrency: 4, rate: o.rate, idPrefix: uniq("pg"), retries: 40, maxMs: (o.seconds + 120) * 1000 });
    await sleep(o.stopAt * 1000);
    const stopT = Date.now();
    await o.ctl.stop();
    env.log(`    Postgres stopped at +${((stopT - t1) / 1000).toFixed(1)} s (${counting.inFlight()} http calls in flight)`);
    await sleep(o.outageSeconds * 1000);
    await o.ctl.start();
    env.log(`    Postgres started again after ${((Date.now() - stopT) / 1000).toFixed(1)} s`);
    const l = await load;
    const finished = await waitAllFinal(env.pool, rules, l.acceptedIds, o.waitMs ?? 240_000);
    const verdict = await verify(env.pool, { acceptedIds: l.acceptedIds, rules, counting, lateMs: 60_000 });
    const q = async (sql: string) => (await env.pool.query(sql)).rows;
    const stuck = await q(`SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE locked_at IS NOT NULL`);
    // When something did not finish, say where it stands: the jobs still locked (by whom, since
    // when), the executions by status, and what each worker printed last.
    const diagnosis = finished
      ? undefined
      : {
          lockedJobs: await q(`SELECT j.id, t.identifier AS task, j.locked_by, j.locked_at, j.attempts, j.last_error FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id WHERE j.locked_at IS NOT NULL LIMIT 20`),
          pendingJobs: await q(`SELECT t.identifier AS task, count(*)::int AS n, min(j.run_at) AS first_run_at, max(j.attempts) AS max_attempts FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id GROUP BY 1`),
          executions: await q(`SELECT status, count(*)::int AS n FROM task_execution GROUP BY 1`),
          heartbeats: await q(`SELECT worker_id, pid, graphile_ids, last_seen_at FROM worker_heartbeat`),
          workerOutput: workers.map((w) => `pid ${w.pid}: ${w.output().trim().split("\n").slice(-15).join(" | ").slice(-3000)}`),
        };
    if (diagnosis) env.log(`    not finished — ${JSON.stringify(diagnosis).slice(0, 6000)}`);
    return {
      name: `restart Postgres for ${o.outageSeconds} s under load`,
      description: `${total} events at ${o.rate}/s to two rules (notify; notify → http → notify), two workers; Postgres stopped at ${o.stopAt} s for ${o.outageSeconds} s; the client retries a failed request (same ids) and records only 2xx`,
      seconds: Math.round((Date.now() - t1) / 1000),
      verdict,
      finished,
      notes: { non2xx: l.non2xx, requestsGivenUp: l.failedRequests, processRestarts: restarts, jobsStillLocked: stuck[0].n, recoveries: recoveries(workers), diagnosis },
    };
  } finally {
    supervising = false;
    await supervisor;
    await Promise.all(workers.map((w) => w.stop()));
    await counting.close();
  }
}
