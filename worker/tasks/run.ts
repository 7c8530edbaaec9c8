import { z } from "zod";
import type { Task } from "graphile-worker";
import { runExecutions } from "../../server/domain/executions/run-executions";

const payloadSchema = z.object({ ids: z.array(z.string().regex(/^\d+$/)).max(1000) });

export const run: Task = async (payload, helpers) => {
  const { ids } = payloadSchema.parse(payload);
  await runExecutions(ids, { signal: helpers.abortSignal });
};
