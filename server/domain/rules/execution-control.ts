// Optional per-rule execution control: timeout, concurrency (optionally per key), rate limit and
// debounce. Lives in the rule document as `execution`; the engine and admission read it.
import { z } from "zod";
import { templateVariablePattern } from "../templates/template-syntax";

/** A key that picks an execution's group, e.g. "{{payload.contactId}}": rendered per execution. */
const keyTemplate = z
  .string()
  .min(1)
  .max(200)
  .refine((s) => templateVariablePattern().test(s), "key must contain a template such as {{payload.contactId}}");

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
    /**
     * At most `limit` executions of this rule at once (waiting ones start oldest first). With
     * `key`, the limit applies per rendered key: {limit: 1, key: "{{payload.contactId}}"} runs one
     * customer's executions one after another, in order, while different customers run side by side.
     */
    concurrency: z.object({ limit: z.number().int().min(1).max(1000), key: keyTemplate.optional() }).strict().optional(),
    /** At most `limit` executions start per `perSeconds`; the excess is delayed, never dropped. */
    rateLimit: z.object({ limit: z.number().int().min(1).max(100_000), perSeconds: z.number().int().min(1).max(86_400) }).strict().optional(),
    /**
     * Collapse a burst: executions with the same rendered `key` that arrive within `windowSeconds`
     * of each other become one execution, with the LAST payload, started `windowSeconds` after the
     * last arrival. The collapsed ones are recorded as skipped with the execution they went into.
     */
    debounce: z.object({ key: keyTemplate.optional(), windowSeconds: z.number().int().min(1).max(86_400) }).strict().optional(),
  })
  .strict();

export type ExecutionControl = z.infer<typeof executionControlSchema>;
