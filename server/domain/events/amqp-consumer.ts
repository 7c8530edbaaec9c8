// The RabbitMQ door for events (AMQP_URL set): messages on AUTOFLOW_EVENT_QUEUE become events
// through the same ingest path as POST /events. A message is acknowledged only after the
// transaction that stored it commits, so a crash redelivers rather than loses it; the event id
// (from the body, else the AMQP message-id, else a hash of the body) makes a redelivery a no-op.
// A message that cannot be an event goes to `<queue>.dead` with the reason and is acknowledged.
import crypto from "node:crypto";
import amqp, { type Channel, type ChannelModel, type ConsumeMessage } from "amqplib";
import type { Logger } from "pino";
import { eventInputSchema, type EventInput } from "./event-schema";
import { ingestEvents } from "./ingest-events";

export interface ConsumerOptions {
  url: string;
  queue: string;
  log: Logger;
  /** Messages stored per transaction. */
  batchSize?: number;
  batchWaitMs?: number;
}

export interface RunningConsumer {
  stop(): Promise<void>;
  /** Resolves once connected and consuming (tests wait on it). */
  ready: Promise<void>;
}

export function deadLetterQueue(queue: string): string {
  return `${queue}.dead`;
}

export function parseEventMessage(msg: Pick<ConsumeMessage, "content" | "properties">): { ok: true; event: EventInput } | { ok: false; reason: string } {
  let body: unknown;
  try {
    body = JSON.parse(msg.content.toString("utf8"));
  } catch {
    return { ok: false, reason: "message body is not valid JSON" };
  }
  const parsed = eventInputSchema.safeParse(body);
  if (!parsed.success) {
    return { ok: false, reason: parsed.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ") };
  }
  const event = parsed.data;
  const id = event.id ?? (typeof msg.properties.messageId === "string" && msg.properties.messageId) ?? null;
  return {
    ok: true,
    event: { ...event, id: id || `amqp:${crypto.createHash("sha256").update(msg.content).digest("hex").slice(0, 40)}` },
  };
}

export function startAmqpConsumer(opts: ConsumerOptions): RunningConsumer {
  const batchSize = opts.batchSize ?? 200;
  const batchWaitMs = opts.batchWaitMs ?? 20;
  let stopped = false;
  let conn: ChannelModel | null = null;
  let channel: Channel | null = null;
  let attempt = 0;
  let pending: ConsumeMessage[] = [];
  let flushTimer: NodeJS.Timeout | null = null;
  let flushing: Promise<void> = Promise.resolve();
  let markReady: () => void = () => {};
  const ready = new Promise<void>((r) => (markReady = r));

  const flush = () => {
    if (flushTimer) clearTimeout(flushTimer);
    flushTimer = null;
    const batch = pending;
    pending = [];
    const ch = channel;
    if (batch.length === 0 || !ch) return;
    flushing = flushing.then(async () => {
      const good: { msg: ConsumeMessage; event: EventInput }[] = [];
      for (const msg of batch) {
        const r = parseEventMessage(msg);
        if (r.ok) good.push({ msg, event: r.event });
        else {
          ch.sendToQueue(deadLetterQueue(opts.queue), msg.content, {
            persistent: true,
            headers: { ...(msg.properties.headers ?? {}), "x-autoflow-error": r.reason },
            messageId: msg.properties.messageId,
          });
          ch.ack(msg);
          opts.log.warn({ reason: r.reason }, "unparseable event message sent to the dead-letter queue");
        }
      }
      if (good.length === 0) return;
      try {
        await ingestEvents(good.map((g) => g.event), "amqp");
        for (const g of good) ch.ack(g.msg);
      } catch (err) {
        // Not stored: hand the messages back to the broker to be redelivered later.
        opts.log.error({ err }, "storing events from RabbitMQ failed; messages will be redelivered");
        for (const g of good) ch.nack(g.msg, false, true);
      }
    });
  };

  const connect = async () => {
    while (!stopped) {
      try {
        conn = await amqp.connect(opts.url, { clientProperties: { connection_name: "autoflow events" } });
        conn.on("error", () => {});
        conn.on("close", () => {
          conn = null;
          channel = null;
          pending = [];
          if (!stopped) {
            opts.log.warn("RabbitMQ connection closed; reconnecting");
            void connect();
          }
        });
        const ch = await conn.createChannel();
        ch.on("error", () => {});
        await ch.assertQueue(opts.queue, { durable: true });
        await ch.assertQueue(deadLetterQueue(opts.queue), { durable: true });
        await ch.prefetch(batchSize * 2);
        channel = ch;
        await ch.consume(opts.queue, (msg) => {
          if (!msg) return;
          pending.push(msg);
          if (pending.length >= batchSize) flush();
          else flushTimer ??= setTimeout(flush, batchWaitMs);
        });
        attempt = 0;
        opts.log.info({ queue: opts.queue }, "consuming events from RabbitMQ");
        markReady();
        return;
      } catch (err) {
        attempt++;
        const delay = Math.min(30_000, 500 * 2 ** Math.min(attempt, 6));
        opts.log.warn({ err: (err as Error).message, retryInMs: delay }, "RabbitMQ not reachable");
        await conn?.close().catch(() => {});
        conn = null;
        await new Promise((r) => setTimeout(r, delay));
      }
    }
  };
  void connect();

  return {
    ready,
    async stop() {
      stopped = true;
      flush();
      await flushing.catch(() => {});
      await conn?.close().catch(() => {});
    },
  };
}
