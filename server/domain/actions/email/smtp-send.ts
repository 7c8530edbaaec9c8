// One message over SMTP with nodemailer. We open the socket ourselves (getSocket) so that an
// abort — a cancelled execution, a worker shutting down — closes it at once: nodemailer's own
// close() does not stop a send that is in flight.
import net from "node:net";
import nodemailer from "nodemailer";
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import { ActionError } from "../plugin";
import { classifySmtpError } from "./smtp-errors";

const CONNECT_TIMEOUT_MS = 10_000;

export interface OutgoingEmail {
  from: string;
  to: string;
  subject: string;
  text?: string;
  html?: string;
  messageId: string;
  headers?: Record<string, string>;
}

export interface SmtpResult {
  messageId: string;
  accepted: string[];
  rejected: string[];
  response: string;
}

type SocketCallback = (err: Error | null, socketOptions?: { connection: net.Socket }) => void;

function abortableSocket(signal: AbortSignal) {
  return (opts: SMTPTransport.Options, cb: SocketCallback) => {
    if (signal.aborted) return cb(new Error("aborted"));
    const port = Number(opts.port) || (opts.secure ? 465 : 587);
    const socket = net.connect({ host: opts.host ?? "localhost", port });
    const onAbort = () => socket.destroy(new Error("aborted"));
    signal.addEventListener("abort", onAbort, { once: true });
    socket.once("close", () => signal.removeEventListener("abort", onAbort));
    const timer = setTimeout(() => socket.destroy(Object.assign(new Error("Connection timeout"), { code: "ETIMEDOUT" })), CONNECT_TIMEOUT_MS);
    const onError = (err: Error) => {
      clearTimeout(timer);
      cb(err);
    };
    socket.once("error", onError);
    socket.once("connect", () => {
      clearTimeout(timer);
      socket.removeListener("error", onError);
      cb(null, { connection: socket });
    });
  };
}

export async function sendViaSmtp(options: SMTPTransport.Options, mail: OutgoingEmail, signal: AbortSignal): Promise<SmtpResult> {
  const transport = nodemailer.createTransport({ ...options, getSocket: abortableSocket(signal) } as SMTPTransport.Options);
  try {
    const info = await transport.sendMail(mail);
    return {
      messageId: info.messageId,
      accepted: info.accepted.map(String),
      rejected: info.rejected.map(String),
      response: info.response,
    };
  } catch (err) {
    if (signal.aborted) throw signal.reason instanceof Error ? signal.reason : new ActionError("dependency", "the send was aborted");
    throw classifySmtpError(err);
  } finally {
    transport.close();
  }
}
