// delay: the execution sleeps in the database, not in a worker. The run is re-enqueued for the
// resume time and the worker slot is freed at once; cancelling while it waits is immediate.
import type { ActionPlugin } from "../plugin";
import { actionParamsSchemas } from "../params";

export const delayAction: ActionPlugin<{ seconds: number }> = {
  type: "delay",
  version: 1,
  displayName: "Delay",
  paramsSchema: actionParamsSchemas.delay as never,
  defaultTimeoutMs: 5_000,
  async run(p, ctx) {
    const resumeAt = new Date(Date.now() + p.seconds * 1000);
    if (ctx.dryRun) return { output: { wouldWaitSeconds: p.seconds } };
    return { output: { resumeAt: resumeAt.toISOString() }, resumeAt };
  },
};
