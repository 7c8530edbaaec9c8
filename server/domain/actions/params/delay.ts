import { z } from "zod";
import { strictParams } from "./param-helpers";

/**
 * `delay`: {seconds}: the execution waits (as a scheduled job, holding no worker)
 * before its next action. Up to 30 days; longer waits belong to a scheduled rule.
 */
export const maxDelaySeconds = 30 * 24 * 60 * 60;

const secondsMessage = `'seconds' must be a whole number from 1 to ${maxDelaySeconds} (30 days)`;

export const delayParamsSchema = strictParams("delay", {
  seconds: z
    .number({ error: (issue) => (issue.input === undefined ? "delay needs 'seconds'" : secondsMessage) })
    .int({ message: secondsMessage })
    .min(1, { message: secondsMessage })
    .max(maxDelaySeconds, { message: secondsMessage }),
});

export type DelayParams = z.output<typeof delayParamsSchema>;
