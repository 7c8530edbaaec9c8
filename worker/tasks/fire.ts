import { z } from "zod";
import type { Task } from "graphile-worker";
import { fireRule } from "../../server/domain/scheduler/fire-rule";

const payloadSchema = z.object({ ruleId: z.uuid(), scheduledFor: z.iso.datetime({ offset: true }) });

export const fire: Task = async (payload) => {
  const p = payloadSchema.parse(payload);
  await fireRule(p.ruleId, new Date(p.scheduledFor));
};
