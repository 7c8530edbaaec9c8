// Optional per-rule execution control (issue 8): concurrency, rate limit, debounce, timeouts.
import { z } from "zod";

export const executionControlSchema = z
  .object({
    timeoutSeconds: z.number().int().min(1).max(86_400 * 30).optional(),
  })
  .strict();

export type ExecutionControl = z.infer<typeof executionControlSchema>;
