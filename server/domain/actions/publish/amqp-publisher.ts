// One broker connection and one confirm channel per URL, shared by every publish in the process:
// opening a connection per message would cost a TCP+AMQP handshake each time. A closed
// connection or channel is dropped from the cache, so the next publish opens a fresh one.
import amqp, { type ChannelModel, type ConfirmChannel, type Options } from "amqplib";
import { ActionError } from "../plugin";
import { classifyAmqpError } from "./amqp-errors";

interface Entry {
  connection: Promise<ChannelModel>;
  channel?: Promise<ConfirmChannel>;
  /** Why the channel last closed (the broker says it before the pending callbacks fail). */
  channelError?: Error;
}

const CONNECT_TIMEOUT_MS = 10_000;
const g = globalThis as unknown as { __autoflowAmqp?: Map<string, Entry> };
const cache: Map<string, Entry> = (g.__autoflowAmqp ??= new Map());

/** Where a URL points, without its credentials: the only form that goes into messages. */
export function brokerLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === "/" ? "" : u.pathname}`;
  } catch {
    return "the broker";
  }
}

function entryFor(url: string): Entry {
  let entry = cache.get(url);
  if (entry) return entry;
  const connection = amqp.connect(url, { timeout: CONNECT_TIMEOUT_MS, clientProperties: { connection_name: "autoflow publish" } });
  const fresh: Entry = { connection };
  entry = fresh;
  cache.set(url, fresh);
  const forget = () => {
    if (cache.get(url) === fresh) cache.delete(url);
  };
  connection.then(
    (c) => {
      c.on("close", forget);
      // Without a listener an 'error' event would crash the process; 'close' follows it.
      c.on("error", () => {});
    },
    forget,
  );
  return fresh;
}

async function channelFor(url: string): Promise<{ entry: Entry; channel: ConfirmChannel }> {
  const entry = entryFor(url);
  const connection = await entry.connection;
  if (!entry.channel) {
    const opened = connection.createConfirmChannel();
    entry.channel = opened;
    entry.channelError = undefined;
    opened.then(
      (ch) => {
        ch.on("error", (err: Error) => {
          entry.channelError = err;
        });
        ch.on("close", () => {
          if (entry.channel === opened) entry.channel = undefined;
        });
      },
      () => {
        if (entry.channel === opened) entry.channel = undefined;
      },
    );
  }
  return { entry, channel: await entry.channel };
}

export interface PublishRequest {
  exchange: string;
  routingKey: string;
  content: Buffer;
  options: Options.Publish & { messageId: string };
}

/** Resolves once the broker has confirmed the message (it is then safely in a queue). */
export async function publishConfirmed(url: string, req: PublishRequest, signal: AbortSignal): Promise<void> {
  const where = `publish to ${brokerLabel(url)}`;
  let entry: Entry;
  let channel: ConfirmChannel;
  try {
    ({ entry, channel } = await channelFor(url));
  } catch (err) {
    throw classifyAmqpError(err, where);
  }
  await new Promise<void>((resolve, reject) => {
    let returned: { replyCode: number; replyText: string } | null = null;
    const onReturn = (msg: { fields: { replyCode: number; replyText: string }; properties: { messageId?: string } }) => {
      if (msg.properties.messageId === req.options.messageId) returned = msg.fields;
    };
    const onAbort = () => done(signal.reason instanceof Error ? signal.reason : new ActionError("dependency", "the publish was aborted"));
    const done = (err: Error | null) => {
      channel.removeListener("return", onReturn);
      signal.removeEventListener("abort", onAbort);
      if (err) reject(err);
      else resolve();
    };
    if (signal.aborted) return onAbort();
    signal.addEventListener("abort", onAbort, { once: true });
    channel.on("return", onReturn);
    try {
      // mandatory: a message no queue takes comes back (basic.return, before the confirm)
      // instead of vanishing while the action reports success.
      channel.publish(req.exchange, req.routingKey, req.content, { ...req.options, mandatory: true }, (err) => {
        if (err) return done(classifyAmqpError(entry.channelError ?? err, where));
        if (returned) {
          return done(
            new ActionError(
              "runtime",
              `${where}: no queue took the message (${returned.replyCode} ${returned.replyText}): nothing is bound to exchange '${req.exchange}' with routing key '${req.routingKey}'`,
              { retryable: false },
            ),
          );
        }
        done(null);
      });
    } catch (err) {
      done(classifyAmqpError(err, where));
    }
  });
}

/** Closes every cached broker connection (shutdown, tests). */
export async function closeAmqpPublishers(): Promise<void> {
  const entries = [...cache.values()];
  cache.clear();
  await Promise.allSettled(entries.map(async (e) => (await e.connection).close()));
}

/** The cached connection for a URL, when one is open (tests simulate a broker restart with it). */
export async function cachedConnection(url: string): Promise<ChannelModel | undefined> {
  return cache.get(url)?.connection;
}
