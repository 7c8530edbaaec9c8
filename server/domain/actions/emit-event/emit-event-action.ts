// emit_event: chains rules. The new event's id is the action's idempotency key, so a retried
// attempt emits nothing new; its depth is one more than the triggering event's, and a chain
// deeper than MAX_EVENT_DEPTH stops with a configuration error instead of looping for ever.
import { configError, type ActionPlugin } from "../plugin";
import { actionParamsSchemas } from "../params";
import { ingestEventsIn } from "../../events/ingest-events";
import { eventTypeSchema } from "../../events/event-schema";

export const MAX_EVENT_DEPTH = 8;

export const emitEventAction: ActionPlugin<{ type: string; payload?: Record<string, unknown> }> = {
  type: "emit_event",
  version: 1,
  displayName: "Emit event",
  paramsSchema: actionParamsSchemas.emit_event as never,
  defaultTimeoutMs: 10_000,
  async run(p, ctx) {
    if (!eventTypeSchema.safeParse(p.type).success) throw configError(`event type '${p.type}' is invalid`);
    const depth = ctx.eventDepth + 1;
    if (depth > MAX_EVENT_DEPTH) {
      throw configError(`event chain is deeper than ${MAX_EVENT_DEPTH}: rules emitting events trigger each other in a loop`);
    }
    if (ctx.dryRun) return { output: { wouldEmit: { type: p.type, payload: p.payload ?? {} } } };
    const eventId = `emit:${ctx.idempotencyKey}`;
    const r = await ingestEventsIn(ctx.db, [{ type: p.type, id: eventId, payload: p.payload ?? {} }], "emit_event", depth);
    return { output: { eventId, duplicate: r.duplicates > 0 } };
  },
};
