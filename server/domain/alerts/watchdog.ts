// Who watches the watchers: the `alerts` task runs on the workers, so with every worker down
// ("worker count below minimum", "schedule missed its fire") nobody would evaluate the very
// alerts that describe that outage. The web process therefore runs this watchdog: every few
// seconds it checks when alerts were last evaluated and, when that is older than a few
// evaluation intervals, evaluates them itself (same evaluator, same advisory lock, same
// one-incident-per-alert guarantee, so the two can never double-notify).
import { env } from "../../env";
import { logger } from "../../logger";
import { evaluateAlerts, lastEvaluation } from "./evaluate-alerts";

export interface Watchdog {
  stop(): void;
  /** One tick now (tests). */
  tick(): Promise<boolean>;
}

export function startAlertWatchdog(opts: { everyMs?: number; staleAfterSeconds?: number } = {}): Watchdog {
  const interval = env().AUTOFLOW_ALERT_INTERVAL_SECONDS;
  const everyMs = opts.everyMs ?? Math.max(5_000, interval * 1000);
  const staleAfterMs = (opts.staleAfterSeconds ?? Math.max(30, interval * 3)) * 1000;
  const log = logger().child({ component: "alert-watchdog" });
  let busy = false;
  const tick = async (): Promise<boolean> => {
    if (busy) return false;
    busy = true;
    try {
      const last = await lastEvaluation();
      if (last.enabled === 0) return false;
      if (last.lastEvaluatedAt && Date.now() - last.lastEvaluatedAt.getTime() < staleAfterMs) return false;
      const report = await evaluateAlerts({ log });
      if (!report.skipped) log.warn({ opened: report.opened.length, resolved: report.resolved.length }, "alerts evaluated by the web watchdog (no worker evaluated them)");
      return !report.skipped;
    } catch (err) {
      log.debug({ err: (err as Error).message }, "alert watchdog tick failed");
      return false;
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void tick(), everyMs);
  timer.unref();
  return { stop: () => clearInterval(timer), tick };
}
