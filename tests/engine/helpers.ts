// Shared by the engine tests: make and enable rules through the REST API, send events, wait for
// executions, and read what a test SMTP server received.
import crypto from "node:crypto";
import { expect } from "vitest";
import { api, waitFor } from "../helpers/api";

export const suffix = () => crypto.randomUUID().slice(0, 8);

/** Creates (as editor) and enables an event rule; returns its id. */
export async function enabledRule(doc: Record<string, unknown>): Promise<string> {
  const created = await api("POST", "/rules", { body: doc, role: "editor" });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const enabled = await api("POST", `/rules/${created.body.id}/enable`, { role: "editor" });
  expect(enabled.status).toBe(200);
  return created.body.id;
}

export async function sendEvent(type: string, payload: Record<string, unknown>, id = `evt-${suffix()}`): Promise<string> {
  const r = await api("POST", "/events", { body: { type, id, payload }, role: "operator" });
  expect(r.status).toBe(202);
  expect(r.body.accepted).toBe(1);
  return id;
}

export type Execution = {
  id: string;
  status: string;
  ruleVersion: number;
  triggerEventId: string;
  errorMessage: string | null;
  errorClass: string | null;
  retryCount: number;
  attempt: number;
  nextAttemptAt: string | null;
  outputData: any;
  actions: { actionIndex: number; actionType: string; status: string; attempt: number; startTime: string; endTime: string; details: any }[];
};

export async function getExecution(id: string): Promise<Execution> {
  const r = await api("GET", `/executions/${id}`, { role: "viewer" });
  expect(r.status).toBe(200);
  return r.body;
}

/** The rule's executions, newest first. */
export async function executionsOf(ruleId: string): Promise<{ id: string; status: string; triggerEventId: string }[]> {
  const r = await api("GET", `/executions?ruleId=${ruleId}&limit=200`, { role: "viewer" });
  expect(r.status).toBe(200);
  return r.body.items;
}

/** Waits until the rule's execution for `eventId` reaches one of `statuses`, and returns it in full. */
export async function waitForExecution(ruleId: string, eventId: string, statuses: string[], timeoutMs = 20_000): Promise<Execution> {
  const found = await waitFor(
    async () => (await executionsOf(ruleId)).find((e) => e.triggerEventId === eventId && statuses.includes(e.status)),
    timeoutMs,
    50,
  );
  return getExecution(found.id);
}

export async function waitForStatus(id: string, statuses: string[], timeoutMs = 20_000, everyMs = 50): Promise<Execution> {
  return waitFor(async () => {
    const e = await getExecution(id);
    return statuses.includes(e.status) ? e : null;
  }, timeoutMs, everyMs);
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** The text/html part of a raw MIME message, transfer encoding undone. */
export function htmlPart(raw: string): string {
  const m = /Content-Type:\s*text\/html[^\r\n]*((?:\r?\n[^\r\n]+)*)\r?\n\r?\n([\s\S]*?)(?=\r?\n--[^\r\n]*\r?\n|\r?\n--[^\r\n]*--|$)/i.exec(raw);
  if (!m) throw new Error(`no text/html part in:\n${raw}`);
  const encoding = /Content-Transfer-Encoding:\s*([\w-]+)/i.exec(m[1])?.[1]?.toLowerCase() ?? "7bit";
  const body = m[2];
  if (encoding === "base64") return Buffer.from(body.replace(/\s+/g, ""), "base64").toString("utf8");
  if (encoding === "quoted-printable") {
    const parts = body.replace(/=\r?\n/g, "").split(/(=[0-9A-F]{2})/i);
    return Buffer.concat(parts.map((p) => (/^=[0-9A-F]{2}$/i.test(p) ? Buffer.from([parseInt(p.slice(1), 16)]) : Buffer.from(p, "utf8")))).toString("utf8");
  }
  return body;
}
