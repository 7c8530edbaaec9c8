// Where an email goes: the named smtp connection, else SMTP_URL, else the dev mailbox. Hosts
// here are set by admins (connections, environment), not typed into rules, so they do not go
// through the outbound guard that protects the http action.
import type SMTPTransport from "nodemailer/lib/smtp-transport";
import type { Queryable } from "../../../db";
import { env } from "../../../env";
import { loadConnectionOfType } from "../../connections/load-connection";

export const DEFAULT_FROM = "Autoflow <autoflow@localhost>";

// Short enough that a dead server fails the attempt (and is retried) well inside the action timeout.
const TIMEOUTS = { connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 };

export type EmailRoute =
  | { via: "smtp"; options: SMTPTransport.Options; defaultFrom: string; label: string }
  | { via: "dev-mailbox"; defaultFrom: string; label: string };

export async function resolveEmailRoute(db: Queryable, connectionId: string | undefined): Promise<EmailRoute> {
  if (connectionId) {
    const c = await loadConnectionOfType(db, connectionId, "smtp", "email");
    return {
      via: "smtp",
      options: {
        host: c.config.host,
        port: c.config.port,
        // Port 465 speaks TLS from the start; others upgrade with STARTTLS when offered.
        secure: c.config.secure ?? c.config.port === 465,
        auth: c.config.user ? { user: c.config.user, pass: c.secret ?? "" } : undefined,
        ...TIMEOUTS,
      },
      defaultFrom: c.config.from ?? DEFAULT_FROM,
      label: `smtp connection '${c.name}'`,
    };
  }
  const url = env().SMTP_URL;
  if (url) {
    return { via: "smtp", options: { url, ...TIMEOUTS } as SMTPTransport.Options, defaultFrom: fromOfUrl(url), label: "SMTP_URL" };
  }
  return { via: "dev-mailbox", defaultFrom: DEFAULT_FROM, label: "dev mailbox" };
}

/** smtp://bot%40shop.com:pw@host → bot@shop.com: the account is usually the sender it may use. */
function fromOfUrl(url: string): string {
  try {
    const user = decodeURIComponent(new URL(url).username);
    return /^[^@\s]+@[^@\s]+$/.test(user) ? user : DEFAULT_FROM;
  } catch {
    return DEFAULT_FROM;
  }
}
