// How a broker failure classifies. Refused logins and missing exchanges are configuration (an
// admin or the rule must change); a broker that is down or closes on us may come back.
import { ActionError } from "../plugin";

export function classifyAmqpError(err: unknown, where: string): ActionError {
  if (err instanceof ActionError) return err;
  const e = err as { code?: string | number; message?: string };
  const message = e?.message ?? String(err);
  if (/ACCESS[-_]REFUSED|\b403\b/.test(message)) {
    return new ActionError("configuration", `${where}: the broker refused access (check the user, password and vhost): ${message}`);
  }
  if (e?.code === 404 || /NOT[-_]FOUND/.test(message)) {
    return new ActionError("configuration", `${where}: ${message}`);
  }
  return new ActionError("dependency", `${where}: ${message}`, { retryable: true });
}
