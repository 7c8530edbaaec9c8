// The numbers a threshold trigger watches. Built in: failure_rate (failed / finished executions
// in the window, 0–1), queue_depth (jobs ready to run now), event_count (events of a type in the
// window) and http_json (a number read from a JSON endpoint, through the outbound guard).
import type { Queryable } from "../../db";
import { AppError } from "../../errors";
import { guardedFetch } from "../../net/outbound-guard";
import { getPath } from "../conditions/get-path";
import { parseDuration } from "../triggers/duration";
import type { ThresholdTrigger } from "../triggers/trigger-schema";

const DEFAULT_WINDOW = "5m";

export async function readMetric(db: Queryable, t: ThresholdTrigger, signal?: AbortSignal): Promise<number> {
  const windowMs = parseDuration(t.window ?? DEFAULT_WINDOW);
  switch (t.metric) {
    case "failure_rate": {
      const { rows } = await db.query<{ failed: number; finished: number }>(
        `SELECT count(*) FILTER (WHERE status = 'failed')::int AS failed, count(*)::int AS finished
           FROM task_execution
          WHERE status IN ('success', 'failed') AND end_time > now() - make_interval(secs => $1::float / 1000)`,
        [windowMs],
      );
      const { failed, finished } = rows[0];
      return finished === 0 ? 0 : failed / finished;
    }
    case "queue_depth": {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM graphile_worker._private_jobs WHERE run_at <= now() AND locked_at IS NULL AND attempts < max_attempts`,
      );
      return rows[0].n;
    }
    case "event_count": {
      const { rows } = await db.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM event WHERE type = $1 AND received_at > now() - make_interval(secs => $2::float / 1000)`,
        [t.eventType, windowMs],
      );
      return rows[0].n;
    }
    case "http_json": {
      const res = await guardedFetch(t.url!, { method: "GET", timeoutMs: 10_000, maxResponseBytes: 1024 * 1024, signal });
      if (res.status < 200 || res.status >= 300) throw new AppError("BAD_REQUEST", `metric endpoint answered ${res.status}`);
      const value = Number(getPath(res.json(), t.jsonPath!));
      if (!Number.isFinite(value)) throw new AppError("BAD_REQUEST", `metric endpoint has no number at '${t.jsonPath}'`);
      return value;
    }
  }
}

export function compare(value: number, op: ThresholdTrigger["op"], threshold: number): boolean {
  switch (op) {
    case ">":
      return value > threshold;
    case ">=":
      return value >= threshold;
    case "<":
      return value < threshold;
    case "<=":
      return value <= threshold;
    case "==":
      return value === threshold;
    case "!=":
      return value !== threshold;
  }
}
