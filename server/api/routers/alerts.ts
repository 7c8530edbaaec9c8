import { z } from "zod";
import { actorOf, procedure, router } from "../trpc";
import {
  createAlertRule, deleteAlertRule, getAlertRule, listAlertRules, listAlertRulesInput, updateAlertRule,
} from "../../domain/alerts/alert-rules";
import { listIncidents, listIncidentsInput } from "../../domain/alerts/incidents";

const byId = z.object({ id: z.string().max(100) });

export const alertsRouter = router({
  list: procedure.input(listAlertRulesInput).query(({ input }) => listAlertRules(input)),
  get: procedure.input(byId).query(({ input }) => getAlertRule(input.id)),
  create: procedure.input(z.object({ alert: z.unknown() })).mutation(({ ctx, input }) => createAlertRule(actorOf(ctx), input.alert)),
  update: procedure.input(byId.extend({ alert: z.unknown() })).mutation(({ ctx, input }) => updateAlertRule(actorOf(ctx), input.id, input.alert)),
  delete: procedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteAlertRule(actorOf(ctx), input.id);
    return { ok: true };
  }),
  incidents: procedure.input(listIncidentsInput).query(({ input }) => listIncidents(input)),
});
