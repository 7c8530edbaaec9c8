// notify: an in-app notification for users of a role and above. The idempotency key is unique,
// so a repeated attempt of the same action adds nothing.
import type { ActionPlugin } from "../plugin";
import { actionParamsSchemas } from "../params";

type Params = { title: string; body: string; role?: "viewer" | "operator" | "editor" | "admin" };

export const notifyAction: ActionPlugin<Params> = {
  type: "notify",
  version: 1,
  displayName: "In-app notification",
  paramsSchema: actionParamsSchemas.notify as never,
  defaultTimeoutMs: 10_000,
  async run(p, ctx) {
    if (ctx.dryRun) return { output: { wouldNotify: p } };
    // Named: parsed once per connection, and Postgres settles on one plan instead of planning every insert.
    const { rows } = await ctx.db.query<{ id: string }>({
      name: "autoflow_notify_insert",
      text: `INSERT INTO notification (title, body, role, execution_id, idempotency_key) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (idempotency_key) DO UPDATE SET idempotency_key = EXCLUDED.idempotency_key RETURNING id`,
      values: [p.title, p.body, p.role ?? "viewer", ctx.executionId, ctx.idempotencyKey],
    });
    return { output: { notificationId: rows[0].id } };
  },
};
