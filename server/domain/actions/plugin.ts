// The action plugin contract. An action type is one folder: its zod params (in params/), how its
// errors classify, and `run`. The engine handles templates, retries, logs and idempotency.
import type { ZodType } from "zod";
import type { Queryable } from "../../db";
import type { Logger } from "pino";

/** configuration: the rule or its references are wrong (never retried); runtime: the action
 *  itself failed; dependency: an outside system failed (5xx, network) and may recover. */
export type ErrorClass = "configuration" | "runtime" | "dependency";

export class ActionError extends Error {
  readonly errorClass: ErrorClass;
  readonly retryable: boolean;
  readonly details?: unknown;
  constructor(errorClass: ErrorClass, message: string, opts: { retryable?: boolean; details?: unknown } = {}) {
    super(message);
    this.name = "ActionError";
    this.errorClass = errorClass;
    this.retryable = opts.retryable ?? errorClass === "dependency";
    this.details = opts.details;
  }
}

export const configError = (message: string, details?: unknown) => new ActionError("configuration", message, { details });

export interface ActionRunContext {
  executionId: string;
  ruleId: string;
  actionIndex: number;
  attempt: number;
  /** `<executionId>:<actionIndex>`: the same for every attempt of this action. */
  idempotencyKey: string;
  signal: AbortSignal;
  db: Queryable;
  log: Logger;
  /** Chain depth of the event that started this execution (emit_event loops stop at a limit). */
  eventDepth: number;
  dryRun: boolean;
  progress(fraction: number, message?: string): void;
}

export interface ActionResult {
  output?: unknown;
  /** The action is done for now; the execution resumes with the next action at this time,
   *  without holding a worker slot meanwhile (delay). */
  resumeAt?: Date;
}

export interface ActionPlugin<P = any> {
  type: string;
  version: number;
  displayName: string;
  paramsSchema: ZodType<P>;
  /** Param keys whose templated values are HTML-escaped. */
  htmlKeys?: string[];
  /** Default timeout of one attempt. */
  defaultTimeoutMs: number;
  /** Checks references (template, connection) before any side effect: a miss is a configuration error. */
  preflight?(params: P, ctx: ActionRunContext): Promise<P | void>;
  run(params: P, ctx: ActionRunContext): Promise<ActionResult>;
}

/** Normalises anything thrown by a plugin into an ActionError. */
export function classifyError(err: unknown, signal?: AbortSignal): ActionError {
  if (err instanceof ActionError) return err;
  if (signal?.aborted) {
    const reason = signal.reason;
    if (reason instanceof ActionError) return reason;
    return new ActionError("dependency", "the action timed out", { retryable: true });
  }
  const message = err instanceof Error ? err.message : String(err);
  return new ActionError("runtime", message, { retryable: true });
}
