// retryPolicy: maxAttempts counts every attempt of an action, the first included. The wait before
// attempt n+1 is min(maxDelayMs, initialDelayMs × backoffFactor^(n−1)), varied by ±20 % jitter
// so that a burst of failures does not retry in lockstep.
import { z } from "zod";

export const retryPolicySchema = z
  .object({
    maxAttempts: z.number().int().min(1).max(20).default(3),
    initialDelayMs: z.number().int().min(0).max(86_400_000).default(1000),
    backoffFactor: z.number().min(1).max(10).default(2),
    maxDelayMs: z.number().int().min(0).max(86_400_000).default(600_000),
  })
  .strict();

export type RetryPolicy = z.infer<typeof retryPolicySchema>;

export const defaultRetryPolicy: RetryPolicy = retryPolicySchema.parse({});

/** Delay before attempt `attempt + 1`, given that attempt `attempt` (1-based) just failed. */
export function retryDelayMs(policy: RetryPolicy, attempt: number, random: () => number = Math.random): number {
  const base = Math.min(policy.maxDelayMs, policy.initialDelayMs * policy.backoffFactor ** (attempt - 1));
  const jitter = 1 + (random() * 0.4 - 0.2);
  return Math.max(0, Math.round(base * jitter));
}
