// publish: one persistent message to RabbitMQ, confirmed by the broker before the action
// succeeds. messageId is the action's idempotency key, so consumers can drop the copy a retried
// attempt may publish after a lost confirm.
import type { ActionPlugin, ActionRunContext } from "../plugin";
import { configError } from "../plugin";
import { actionParamsSchemas, type PublishParams } from "../params";
import { env } from "../../../env";
import { loadConnectionOfType } from "../../connections/load-connection";
import { brokerLabel, publishConfirmed } from "./amqp-publisher";

async function brokerFor(p: PublishParams, ctx: ActionRunContext): Promise<{ url: string; via: string }> {
  if (p.connectionId) {
    const c = await loadConnectionOfType(ctx.db, p.connectionId, "amqp", "publish");
    if (!c.secret) throw configError(`amqp connection '${c.name}' has no broker URL: save its url`);
    return { url: c.secret, via: `amqp connection '${c.name}'` };
  }
  const url = env().AMQP_URL;
  if (!url) throw configError("publish needs AMQP_URL or an amqp connection");
  return { url, via: `AMQP_URL (${brokerLabel(url)})` };
}

export function encodeMessage(message: unknown): { content: Buffer; contentType: string } {
  if (typeof message === "string") return { content: Buffer.from(message, "utf8"), contentType: "text/plain; charset=utf-8" };
  return { content: Buffer.from(JSON.stringify(message), "utf8"), contentType: "application/json" };
}

export const publishAction: ActionPlugin<PublishParams> = {
  type: "publish",
  version: 1,
  displayName: "Publish to RabbitMQ",
  paramsSchema: actionParamsSchemas.publish as never,
  defaultTimeoutMs: 30_000,
  async preflight(p, ctx) {
    await brokerFor(p, ctx);
  },
  async run(p, ctx) {
    const { url, via } = await brokerFor(p, ctx);
    const exchange = p.exchange ?? "";
    const { content, contentType } = encodeMessage(p.message);
    const summary = { via, exchange, routingKey: p.routingKey, messageId: ctx.idempotencyKey, contentType, bytes: content.length };
    if (ctx.dryRun) return { output: { wouldPublish: { ...summary, message: p.message } } };
    await publishConfirmed(
      url,
      {
        exchange,
        routingKey: p.routingKey,
        content,
        options: {
          persistent: true,
          messageId: ctx.idempotencyKey,
          contentType,
          timestamp: Math.floor(Date.now() / 1000),
          appId: "autoflow",
          headers: { "x-autoflow-execution": ctx.executionId, "x-autoflow-rule": ctx.ruleId },
        },
      },
      ctx.signal,
    );
    return { output: summary };
  },
};
