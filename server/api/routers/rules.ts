import { z } from "zod";
import { actorOf, procedure, router } from "../trpc";
import { listRules, listRulesInput, getRule, listRuleVersions, getRuleVersion } from "../../domain/rules/read-rules";
import { createRule, updateRule, rotateWebhookSecret } from "../../domain/rules/write-rule";
import { deleteRule, setRuleStatus } from "../../domain/rules/set-rule-status";
import { triggerRule } from "../../domain/executions/trigger-rule";
import { listRuleFires, listFiresInput } from "../../domain/scheduler/read-fires";
import { pageInput } from "../../domain/shared/pagination";
import { dryRunInput, dryRunRule } from "../../domain/executions/dry-run";
import { rollbackRule } from "../../domain/rules/rollback-rule";
import { enableConfirmation } from "../../domain/limits/confirm-enable";
import { AppError } from "../../errors";
import { pool } from "../../db";

const byId = z.object({ id: z.string().max(100) });

export const rulesRouter = router({
  list: procedure.input(listRulesInput).query(({ input }) => listRules(input)),
  get: procedure.input(byId).query(({ input }) => getRule(input.id)),
  versions: procedure.input(byId.extend(pageInput)).query(({ input }) => listRuleVersions(input.id, input)),
  version: procedure.input(byId.extend({ version: z.coerce.number().int().min(1) })).query(({ input }) => getRuleVersion(input.id, input.version)),
  fires: procedure.input(listFiresInput).query(({ input }) => listRuleFires(input)),
  create: procedure.input(z.object({ document: z.unknown() })).mutation(({ ctx, input }) => createRule(actorOf(ctx), input.document)),
  update: procedure.input(byId.extend({ document: z.unknown() })).mutation(({ ctx, input }) => updateRule(actorOf(ctx), input.id, input.document)),
  // Dangerous operations ask first (seed 10.4): the browser must send `confirm: true`. REST callers
  // are automated and the contract fixes their answers, so the REST routes send it for them.
  delete: procedure.input(byId.extend({ confirm: z.boolean().optional() })).mutation(async ({ ctx, input }) => {
    if (input.confirm !== true) {
      throw new AppError("CONFLICT", "confirmation required: deleting a rule stops it for good; send confirm: true", [
        { path: "confirm", message: "confirmation required" },
      ]);
    }
    await deleteRule(actorOf(ctx), input.id);
    return { ok: true };
  }),
  enable: procedure.input(byId.extend({ confirm: z.boolean().optional() })).mutation(async ({ ctx, input }) => {
    if (input.confirm !== true) {
      const ask = await enableConfirmation(pool(), input.id);
      if (ask) return ask;
    }
    return setRuleStatus(actorOf(ctx), input.id, "enable");
  }),
  disable: procedure.input(byId).mutation(({ ctx, input }) => setRuleStatus(actorOf(ctx), input.id, "disable")),
  archive: procedure.input(byId).mutation(({ ctx, input }) => setRuleStatus(actorOf(ctx), input.id, "archive")),
  dryRun: procedure.input(dryRunInput).mutation(({ input }) => dryRunRule(input)),
  rollback: procedure
    .input(byId.extend({ version: z.number().int().min(1) }))
    .mutation(({ ctx, input }) => rollbackRule(actorOf(ctx), input.id, input.version)),
  rotateWebhookSecret: procedure.input(byId).mutation(({ ctx, input }) => rotateWebhookSecret(actorOf(ctx), input.id)),
  trigger: procedure
    .input(byId.extend({ payload: z.record(z.string(), z.unknown()).default({}) }))
    .mutation(({ ctx, input }) => triggerRule(actorOf(ctx), input.id, { payload: input.payload })),
});
