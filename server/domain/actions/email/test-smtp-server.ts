// Tests only: a real SMTP server (the smtp-server package) on 127.0.0.1 that keeps every message
// it accepts, raw, and can be told to refuse recipients, logins or data like a real one does.
import type { AddressInfo } from "node:net";
import { SMTPServer } from "smtp-server";

export interface ReceivedMail {
  from: string;
  to: string[];
  user: string | undefined;
  raw: string;
}

export interface TestSmtpServer {
  port: number;
  received: ReceivedMail[];
  /** Reply to RCPT TO with this code (e.g. 550, 451), or null to accept. */
  rcptReply: number | null;
  /** Never answer the message data (for abort and timeout tests). */
  stall: boolean;
  close(): Promise<void>;
}

export async function startTestSmtpServer(auth?: { user: string; pass: string }): Promise<TestSmtpServer> {
  const state = { received: [] as ReceivedMail[], rcptReply: null as number | null, stall: false };
  const server = new SMTPServer({
    disabledCommands: auth ? ["STARTTLS"] : ["STARTTLS", "AUTH"],
    authOptional: !auth,
    allowInsecureAuth: true,
    logger: false,
    closeTimeout: 500,
    disableReverseLookup: true,
    onAuth(a, _session, cb) {
      if (auth && a.username === auth.user && a.password === auth.pass) return cb(null, { user: a.username });
      cb(Object.assign(new Error("Invalid username or password"), { responseCode: 535 }));
    },
    onRcptTo(_addr, _session, cb) {
      if (state.rcptReply) return cb(Object.assign(new Error(`refused with ${state.rcptReply}`), { responseCode: state.rcptReply }));
      cb();
    },
    onData(stream, session, cb) {
      const chunks: Buffer[] = [];
      stream.on("data", (c: Buffer) => chunks.push(c));
      stream.on("end", () => {
        if (state.stall) return;
        state.received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
          to: session.envelope.rcptTo.map((r) => r.address),
          user: session.user as string | undefined,
          raw: Buffer.concat(chunks).toString("utf8"),
        });
        cb();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.server.address() as AddressInfo).port;
  return Object.assign(state, {
    port,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** A header's value from a raw message (unfolded). */
export function header(raw: string, name: string): string | undefined {
  const head = raw.split(/\r?\n\r?\n/)[0].replace(/\r?\n[ \t]+/g, " ");
  const line = head.split(/\r?\n/).find((l) => l.toLowerCase().startsWith(`${name.toLowerCase()}:`));
  return line?.slice(name.length + 1).trim();
}
