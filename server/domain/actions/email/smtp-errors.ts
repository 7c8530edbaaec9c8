// How an SMTP failure classifies. The reply code says whose problem it is: 4xx is temporary
// (greylisting, mailbox busy: retry), 5xx is permanent (no such user: retrying cannot help); a
// refused login is the connection's configuration; a broken connection may recover.
import { ActionError } from "../plugin";

interface SmtpError {
  code?: string;
  responseCode?: number;
  command?: string;
  message?: string;
}

export function classifySmtpError(err: unknown): ActionError {
  if (err instanceof ActionError) return err;
  const e = (err ?? {}) as SmtpError;
  const rc = typeof e.responseCode === "number" ? e.responseCode : undefined;
  const message = `SMTP ${e.command ? `${e.command}: ` : ""}${e.message ?? String(err)}`;
  const details = { code: e.code ?? null, responseCode: rc ?? null };
  const temporary = rc !== undefined && rc >= 400 && rc < 500;
  if (e.code === "EAUTH" && !temporary) {
    return new ActionError("configuration", `the SMTP server refused the login (check the connection's user and password): ${message}`, { details });
  }
  if (temporary) return new ActionError("dependency", message, { retryable: true, details });
  if (rc !== undefined && rc >= 500) return new ActionError("runtime", message, { retryable: false, details });
  // A recipient or message nodemailer itself refused (malformed address): the same data fails again.
  if (e.code === "EENVELOPE" || e.code === "EMESSAGE") return new ActionError("runtime", message, { retryable: false, details });
  // Connection, TLS, DNS, timeouts and anything unknown: the server may be back on the next attempt.
  return new ActionError("dependency", message, { retryable: true, details });
}
