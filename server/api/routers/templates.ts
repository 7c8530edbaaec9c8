import { z } from "zod";
import { actorOf, procedure, router } from "../trpc";
import {
  createTemplate, deleteTemplate, getTemplate, listTemplates, listTemplatesInput, updateTemplate,
} from "../../domain/templates/template-crud";
import { previewTemplate, previewTemplateInput } from "../../domain/templates/preview-template";

const byId = z.object({ id: z.string().max(100) });

export const templatesRouter = router({
  list: procedure.input(listTemplatesInput).query(({ input }) => listTemplates(input)),
  get: procedure.input(byId).query(({ input }) => getTemplate(input.id)),
  create: procedure.input(z.object({ template: z.unknown() })).mutation(({ ctx, input }) => createTemplate(actorOf(ctx), input.template)),
  update: procedure
    .input(byId.extend({ template: z.unknown() }))
    .mutation(({ ctx, input }) => updateTemplate(actorOf(ctx), input.id, input.template)),
  delete: procedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteTemplate(actorOf(ctx), input.id);
    return { ok: true };
  }),
  preview: procedure.input(previewTemplateInput).query(({ input }) => previewTemplate(input)),
});
