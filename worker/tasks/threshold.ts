import { z } from "zod";
import type { Task } from "graphile-worker";
import { evaluateThreshold } from "../../server/domain/thresholds/evaluate-threshold";

const payloadSchema = z.object({ ruleId: z.uuid() });

export const threshold: Task = async (payload) => {
  await evaluateThreshold(payloadSchema.parse(payload).ruleId);
};
