// The worker process: graphile-worker running Autoflow's tasks on the shared pg pool, with a
// heartbeat for crash recovery, cancel notifications, and graceful shutdown on SIGTERM/SIGINT.
import crypto from "node:crypto";
import { EventEmitter } from "node:events";
import { Logger as GraphileLogger, makeWorkerUtils, run, type Runner, type TaskList, type WorkerUtils } from "graphile-worker";
import type { Logger } from "pino";
import { pool } from "../server/db";
import { env } from "../server/env";
import { logger } from "../server/logger";
import { abortRunning } from "../server/domain/executions/running-executions";
import { Heartbeat } from "./heartbeat";
import { HeldJobs } from "./held-jobs";
import { startAmqpConsumer } from "../server/domain/events/amqp-consumer";
import { closeAmqpPublishers } from "../server/domain/actions/publish/amqp-publisher";
import { dispatch } from "./tasks/dispatch";
import { run as runTask } from "./tasks/run";
import { fire } from "./tasks/fire";
import { extraTasks } from "./tasks/extra";
import { startMaintenanceJobs } from "../server/domain/monitoring/maintenance-jobs";

// Queue settings, measured (bench/, BENCHMARKS.md). Jobs due now arrive by NOTIFY and are fetched
// at once: no localQueue refetchDelay, which after an empty fetch ignored notifications for
// 50–150 ms and was most of the p99 from event to execution start at a steady load. Jobs due later
// (schedule fires, retries, delays) are only found by polling, so the poll interval is the floor
// of cron lateness: 500 ms gave fires p50/p99 of 267/495 ms late; 200 ms costs one cheap query per
// runner every 200 ms when idle. The local queue holds as many jobs as there are slots (it held
// twice as many): jobs fetched beyond that wait behind this process's busy slots while another
// worker may be idle.
const POLL_INTERVAL_MS = 200;

export interface StartedWorker {
  workerId: string;
  stop(): Promise<void>;
  runner: Runner;
  consumerReady: Promise<void>;
}

export async function startWorker(opts: { concurrency?: number; handleSignals?: boolean } = {}): Promise<StartedWorker> {
  const log = logger().child({ component: "worker" });
  const workerId = `w-${process.pid}-${crypto.randomBytes(4).toString("hex")}`;
  const concurrency = opts.concurrency ?? env().WORKER_CONCURRENCY;
  const utils = await makeWorkerUtils({ pgPool: pool() });
  const held = new HeldJobs(log);
  const heartbeat = new Heartbeat(workerId, utils, log, held);
  // Each runner gets its own emitter: its graphile ids go into the heartbeat, and are remembered
  // per runner so that a runner that died can have exactly its own jobs unlocked.
  const trackIds = (ids: string[]) => {
    const events = new EventEmitter();
    held.track(events);
    events.on("pool:create", ({ workerPool }) => {
      heartbeat.addGraphileId(workerPool.id);
      ids.push(workerPool.id);
    });
    events.on("worker:create", ({ worker }) => {
      heartbeat.addGraphileId(worker.workerId);
      ids.push(worker.workerId);
    });
    return events;
  };
  // Register before any job can be taken, so a crash right after start is recoverable.
  await heartbeat.beat();

  const taskList: TaskList = { dispatch, run: runTask, fire, ...extraTasks };
  const glog = new GraphileLogger((scope) => (level, message, meta) => {
    const l = log.child({ scope: scope.label });
    if (level === "error") l.error(meta ?? {}, message);
    else if (level === "warning") l.warn(meta ?? {}, message);
    else l.debug(meta ?? {}, message);
  });
  let stopping: Promise<void> | undefined;
  const main = await superviseRunner("main", log, utils, () => stopping !== undefined, (events) => run({
    pgPool: pool(),
    taskList,
    concurrency,
    noHandleSignals: true,
    pollInterval: POLL_INTERVAL_MS,
    logger: glog,
    events,
    preset: {
      worker: {
        localQueue: { size: concurrency },
        completeJobBatchDelay: 0,
        failJobBatchDelay: 0,
        gracefulShutdownAbortTimeout: 3_000,
      },
    },
  }), trackIds, Object.keys(taskList), concurrency);
  // The slow pool: executions of rules with a slow action (http) run here, in their own
  // WORKER_SLOW_CONCURRENCY slots, so 100 executions waiting on a slow endpoint never take the
  // slots that fast rules, dispatch and schedule fires need.
  const slow = await superviseRunner("slow", log, utils, () => stopping !== undefined, (events) => run({
    pgPool: pool(),
    taskList: { run_slow: runTask },
    concurrency: env().WORKER_SLOW_CONCURRENCY,
    noHandleSignals: true,
    pollInterval: POLL_INTERVAL_MS,
    logger: glog,
    events,
    // This pool's fetch usually finds nothing (most jobs are not run_slow) and scans every due job
    // to say so; the refetch delay keeps it from doing that on every NOTIFY during a burst
    // (bench/: 10,000 schedule fires due at once).
    preset: { worker: { localQueue: { size: env().WORKER_SLOW_CONCURRENCY, refetchDelay: { durationMs: POLL_INTERVAL_MS } }, completeJobBatchDelay: 0, failJobBatchDelay: 0, gracefulShutdownAbortTimeout: 3_000 } },
  }), trackIds, ["run_slow"], env().WORKER_SLOW_CONCURRENCY);
  heartbeat.start();
  // Monitoring: (re)start the alert evaluator and retention chains (self-rescheduling jobs).
  await startMaintenanceJobs(pool());

  // Cancels arrive by NOTIFY so that an action in flight here is aborted at once.
  const listener = await pool().connect();
  listener.on("notification", (n) => {
    if (n.channel === "autoflow_cancel" && n.payload) abortRunning(n.payload);
  });
  listener.on("error", () => {});
  await listener.query("LISTEN autoflow_cancel");

  // The RabbitMQ event door, when configured: every worker consumes; the broker spreads messages.
  const consumer = env().AMQP_URL
    ? startAmqpConsumer({ url: env().AMQP_URL!, queue: env().AUTOFLOW_EVENT_QUEUE, log })
    : null;

  const stop = () =>
    (stopping ??= (async () => {
      log.info({ workerId }, "worker stopping");
      await consumer?.stop();
      await Promise.all([main.stop(), slow.stop()]).catch((err) => log.warn({ err }, "runner stop"));
      await heartbeat.stop();
      listener.release();
      await utils.release();
      await closeAmqpPublishers();
    })());

  if (opts.handleSignals) {
    for (const sig of ["SIGTERM", "SIGINT"] as const) {
      process.once(sig, () => {
        void stop().then(() => process.exit(0));
      });
    }
  }
  log.info({ workerId, concurrency }, "worker started");
  return {
    workerId,
    stop,
    get runner() {
      return main.current();
    },
    consumerReady: consumer?.ready ?? Promise.resolve(),
  };
}

// graphile-worker gives a pool up when it cannot record a job's completion (0.17.3 does not retry
// it): a database restart under load ended every worker process, silently, with exit code 0
// (bench/chaos.ts, "restart Postgres for 20 s"). A runner that ends while the process is not
// stopping is therefore replaced: the jobs it held are unlocked first (no other worker would do it,
// this process's heartbeat still names their holder), then a new runner starts once the database
// answers again. Retries back off to 10 s.
//
// A runner can also survive an outage without working: its LISTEN connection and fetch loop gone,
// it neither ends nor takes jobs (the same chaos run: jobs due for minutes, none fetched). So a
// watchdog replaces a runner that has taken no job for WEDGED_MS while one of its tasks has a job
// due for that long and unlocked — something a working runner, or another worker, would have taken.
const WEDGED_MS = 20_000;
const WATCH_EVERY_MS = 5_000;
const STOP_TIMEOUT_MS = 10_000;
const HUNG_MS = 5 * 60_000;

async function superviseRunner(
  name: string,
  log: Logger,
  utils: WorkerUtils,
  isStopping: () => boolean,
  start: (events: EventEmitter) => Promise<Runner>,
  trackIds: (ids: string[]) => EventEmitter,
  tasks: string[],
  concurrency: number,
): Promise<{ current(): Runner; stop(): Promise<void> }> {
  let ids: string[] = [];
  let lastTook = Date.now();
  let lastActivity = Date.now();
  let inFlight = 0;
  const begin = async () => {
    ids = [];
    inFlight = 0;
    const events = trackIds(ids);
    const took = () => (lastTook = lastActivity = Date.now());
    events.on("localQueue:getJobs:complete", ({ jobs }: { jobs: unknown[] }) => jobs.length && took());
    events.on("job:start", () => {
      inFlight++;
      took();
    });
    events.on("job:complete", () => {
      inFlight = Math.max(0, inFlight - 1);
      lastActivity = Date.now();
    });
    lastTook = lastActivity = Date.now();
    return start(events);
  };
  // Busy is not wedged: a runner whose every slot runs a (long) job takes nothing new, rightly.
  // It counts as wedged only with a free slot, or when none of its jobs moved for HUNG_MS.
  const wedged = () =>
    Date.now() - lastTook >= WEDGED_MS && (inFlight < concurrency || Date.now() - lastActivity >= HUNG_MS);
  let runner = await begin();
  let replacing = false;
  const watch = (r: Runner) => {
    const ended = (err?: unknown) => {
      if (isStopping() || r !== runner) return;
      log.error({ err, runner: name }, "a job runner stopped on its own; unlocking its jobs and starting a new one");
      void replace();
    };
    r.promise.then(() => ended(), ended);
  };
  const replace = async (old?: Runner) => {
    if (replacing) return;
    replacing = true;
    const dead = ids;
    try {
      // A wedged runner is asked to stop, but not waited for forever: it may never answer.
      if (old) await Promise.race([old.stop().catch(() => {}), new Promise((r) => setTimeout(r, STOP_TIMEOUT_MS).unref())]);
      for (let attempt = 0; attempt < 10_000 && !isStopping(); attempt++) {
        try {
          if (dead.length) await utils.forceUnlockWorkers(dead);
          runner = await begin();
          watch(runner);
          log.warn({ runner: name, attempt }, "job runner replaced");
          return;
        } catch (err) {
          log.warn({ err, runner: name }, "cannot replace the job runner yet (database unreachable?)");
          await new Promise((r) => setTimeout(r, Math.min(10_000, 500 * 2 ** Math.min(attempt, 5))));
        }
      }
    } finally {
      replacing = false;
    }
  };
  const watchdog = setInterval(() => {
    if (isStopping() || replacing || !wedged()) return;
    void pool()
      .query(
        `SELECT 1 FROM graphile_worker._private_jobs j JOIN graphile_worker._private_tasks t ON t.id = j.task_id
          WHERE t.identifier = ANY($1::text[]) AND j.locked_at IS NULL AND j.is_available
            AND j.run_at < now() - make_interval(secs => $2::float / 1000)
          LIMIT 1`,
        [tasks, WEDGED_MS],
      )
      .then(({ rows }) => {
        if (rows.length === 0 || isStopping() || replacing || !wedged()) return;
        log.error({ runner: name, idleMs: Date.now() - lastTook, inFlight }, "a job runner takes no jobs while jobs are due; replacing it");
        void replace(runner);
      })
      .catch(() => {}); // database unreachable: nothing to decide yet
  }, WATCH_EVERY_MS);
  watchdog.unref();
  watch(runner);
  return {
    current: () => runner,
    stop: () => {
      clearInterval(watchdog);
      return runner.stop().catch(() => {});
    },
  };
}
