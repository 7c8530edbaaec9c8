// How a non-2xx answer classifies, shared by every action that calls an HTTP API: 5xx and 429 are
// the other side's trouble and may pass (retry); any other 4xx says the request itself is wrong,
// so repeating it cannot help (fail at once).
import { ActionError } from "../domain/actions/plugin";
import type { GuardedResponse } from "./outbound-guard";

const SNIPPET_BYTES = 2048;

/** The start of a body for an error log: enough to read the other side's reason. */
export function bodySnippet(res: GuardedResponse): string {
  const text = res.body.subarray(0, SNIPPET_BYTES).toString("utf8");
  return res.body.length > SNIPPET_BYTES ? `${text}…` : text;
}

export function errorForStatus(what: string, res: GuardedResponse): ActionError {
  const message = `${what} answered ${res.status}${res.statusText ? ` ${res.statusText}` : ""}`;
  const details = {
    status: res.status,
    ...(res.headers["retry-after"] ? { retryAfter: res.headers["retry-after"] } : {}),
    body: bodySnippet(res),
  };
  if (res.status >= 500 || res.status === 429) return new ActionError("dependency", message, { retryable: true, details });
  return new ActionError("runtime", message, { retryable: false, details });
}
