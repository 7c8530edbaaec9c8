// The rule document: one zod schema validates the API, drives the builder's forms and is
// re-checked every time a rule is read or run (stored JSON is never trusted blindly).
import { z } from "zod";
import { triggerSchema } from "../triggers/trigger-schema";
import { conditionSchema } from "../conditions/condition-schema";
import { actionSchema } from "../actions/params";
import { checkTemplateVariables } from "../templates/template-variables";
import { retryPolicySchema } from "./retry-policy";
import { executionControlSchema } from "./execution-control";

export const MAX_ACTIONS = 50;
export const MAX_DOCUMENT_BYTES = 256 * 1024;

export const ruleDocumentSchema = z
  .object({
    name: z.string().trim().min(1, "name is required").max(200),
    description: z.string().max(5000).nullish(),
    priority: z.number().int().min(-100).max(100).default(0),
    trigger: triggerSchema,
    condition: conditionSchema.nullish(),
    actions: z
      .array(actionSchema)
      .min(1, "a rule needs at least one action")
      .max(MAX_ACTIONS, `a rule has at most ${MAX_ACTIONS} actions`),
    retryPolicy: retryPolicySchema.default(retryPolicySchema.parse({})),
    execution: executionControlSchema.optional(),
  })
  .superRefine((doc, ctx) => {
    doc.actions.forEach((action, index) => {
      for (const issue of checkTemplateVariables(action.params, { earlierActions: index })) {
        ctx.addIssue({ code: "custom", path: ["actions", index, "params", ...issue.path.split(".").filter(Boolean)], message: issue.message });
      }
    });
  });

export type RuleDocument = z.infer<typeof ruleDocumentSchema>;
export type RuleDocumentInput = z.input<typeof ruleDocumentSchema>;
