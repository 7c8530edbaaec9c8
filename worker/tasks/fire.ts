import { z } from "zod";
import type { Task } from "graphile-worker";
import { fireRule } from "../../server/domain/scheduler/fire-rule";
import { fireDueRules } from "../../server/domain/scheduler/fire-due-rules";

const payloadSchema = z.object({ ruleId: z.uuid(), scheduledFor: z.iso.datetime({ offset: true }) });

// At most one batch loop per process; fire tasks that start meanwhile wait for it rather than
// start another (it is likely firing their rules right now).
let batch: Promise<void> | null = null;

export const fire: Task = async (payload, helpers) => {
  const p = payloadSchema.parse(payload);
  // First every rule due now, set-based (server/domain/scheduler/fire-due-rules.ts)…
  batch ??= fireDueRules()
    .then(
      () => {},
      (err) => helpers.logger.warn(`fire batch failed; each fire job fires its own rule: ${err}`),
    )
    .finally(() => {
      batch = null;
    });
  await batch;
  // …then this job's own rule, always: a no-op (stale) when a batch fired it; otherwise (a batch
  // skipped its locked row, or failed) it fires here, so no job completes leaving its rule unfired.
  await fireRule(p.ruleId, new Date(p.scheduledFor));
};
