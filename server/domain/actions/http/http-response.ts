// What an http action's output keeps of a response: later actions read it as
// {{actions.N.output.body.x}}, and it is stored in the action log, so it is bounded.
import type { GuardedResponse } from "../../../net/outbound-guard";
import { storableCopy, storableText } from "../../shared/storable-text";

export const MAX_TEXT_BYTES = 64 * 1024;

// Headers worth a later action's or an operator's attention; cookies and the like stay out of logs.
const KEPT_HEADERS = ["content-type", "content-length", "etag", "last-modified", "location", "retry-after", "x-request-id", "request-id"];

export function isJsonType(contentType: string | undefined): boolean {
  return !!contentType && /^application\/([\w.+-]+\+)?json\b|^text\/json\b/i.test(contentType.trim());
}

export interface HttpOutput {
  status: number;
  headers: Record<string, string>;
  body: unknown;
  /** Set when a text body was cut to 64 KiB. */
  truncated?: true;
  url: string;
  redirects: number;
}

export function responseOutput(res: GuardedResponse): HttpOutput {
  const headers: Record<string, string> = {};
  for (const name of KEPT_HEADERS) if (res.headers[name] !== undefined) headers[name] = res.headers[name];
  const base = { status: res.status, headers, url: res.url, redirects: res.redirects };
  if (res.body.length === 0) return { ...base, body: null };
  if (isJsonType(res.headers["content-type"])) {
    try {
      // The whole JSON document, parsed: it is already bounded by maxResponseBytes.
      // Storable whatever the server sent (NUL, lone surrogates, absurd nesting): see storableCopy.
      return { ...base, body: storableCopy(res.json()) };
    } catch {
      // A server that labels broken text as JSON: keep it as text below.
    }
  }
  if (res.body.length > MAX_TEXT_BYTES) {
    return { ...base, body: storableText(res.body.subarray(0, MAX_TEXT_BYTES).toString("utf8")), truncated: true };
  }
  return { ...base, body: storableText(res.text()) };
}
