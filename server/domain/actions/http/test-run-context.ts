// Tests only: the ActionRunContext the engine would pass, on the test database, with a silent
// logger. Shared by the email, sms, http and publish plugin tests.
import pino from "pino";
import { pool } from "../../../db";
import type { ActionRunContext } from "../plugin";

let seq = 0;

export function testRunContext(overrides: Partial<ActionRunContext> = {}): ActionRunContext {
  const executionId = overrides.executionId ?? String(Date.now() * 1000 + (seq++ % 1000));
  const actionIndex = overrides.actionIndex ?? 0;
  return {
    executionId,
    ruleId: "00000000-0000-4000-8000-000000000000",
    actionIndex,
    attempt: 1,
    idempotencyKey: `${executionId}:${actionIndex}`,
    signal: new AbortController().signal,
    db: pool(),
    log: pino({ level: "silent" }),
    eventDepth: 0,
    dryRun: false,
    progress: () => {},
    ...overrides,
  };
}
