import { z } from "zod";
import { requiredText, strictParams } from "./param-helpers";

/**
 * `notify`: {title, body, role?}: an in-app notification. `role` is the lowest role
 * that sees it (admin = admins only); left out, every user sees it.
 */
export const notifyRoles = ["viewer", "operator", "editor", "admin"] as const;

export const notifyParamsSchema = strictParams("notify", {
  title: requiredText("notify needs a 'title'", 200),
  body: requiredText("notify needs a 'body'", 10_000),
  role: z.enum(notifyRoles, { error: `'role' must be one of ${notifyRoles.join(", ")}` }).optional(),
});

export type NotifyParams = z.output<typeof notifyParamsSchema>;
