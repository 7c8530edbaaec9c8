// Optional per-rule execution control (issue 8): concurrency, rate limit, debounce, timeouts.
import { z } from "zod";

export const executionControlSchema = z
  .object({
    /**
     * Wall-clock limit of one execution, counted from its first start (queueing before that does
     * not count; waits for retries and delays do). When it passes, the action in flight is
     * aborted and the execution fails with a runtime error "execution timed out after N s"; one
     * asleep in a retry wait or a delay is woken at its deadline and fails then. A manual retry
     * starts a new limit. See run-executions.ts for why wall clock rather than worker time.
     */
    timeoutSeconds: z.number().int().min(1).max(86_400 * 30).optional(),
  })
  .strict();

export type ExecutionControl = z.infer<typeof executionControlSchema>;
