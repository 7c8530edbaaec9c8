// Bad input can also come from OUTSIDE: an endpoint a rule calls may answer with text Postgres
// cannot store (NUL, unpaired surrogates) or JSON nested absurdly deep. Before the fix the
// engine's write of the whole run batch failed on every retry ("unsupported Unicode escape
// sequence"), so the execution — and every other execution in its batch — never finished.
// Now the answer is kept storable (U+FFFD for the bad characters, deep nesting cut) and the
// execution completes, including the actions after it.
import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { resetEnvCache } from "../../server/env";
import { startTestHttpServer, type TestHttpServer } from "../../server/net/test-http-server";
import { inputProblem, MAX_INPUT_DEPTH, storableCopy } from "../../server/domain/shared/storable-text";
import { enabledRule, sendEvent, waitForExecution } from "../engine/helpers";

let worker: StartedWorker;
let srv: TestHttpServer;
const sfx = crypto.randomUUID().slice(0, 8);
const answers: Record<string, { type: string; body: string }> = {
  "/nul-json": { type: "application/json", body: '{"a":"x\\u0000y","\\u0000key":1,"s":"\\ud800"}' },
  "/nul-text": { type: "text/plain", body: "before\u0000after" },
  "/deep-json": { type: "application/json", body: "[".repeat(200_000) + "]".repeat(200_000) },
};

beforeAll(async () => {
  srv = await startTestHttpServer("127.0.0.2");
  srv.handle((req, res) => {
    const a = answers[req.url] ?? { type: "text/plain", body: "ok" };
    res.writeHead(200, { "content-type": a.type }).end(a.body);
  });
  process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS = `127.0.0.2:${srv.port}`;
  resetEnvCache();
  worker = await withWorker();
});
afterAll(async () => {
  await worker?.stop();
  await srv?.close();
  delete process.env.AUTOFLOW_HTTP_ALLOWED_HOSTS;
  resetEnvCache();
});

describe("storableCopy", () => {
  it("replaces what Postgres cannot store, cuts deep nesting, keeps '__proto__' a plain key", () => {
    const copy = storableCopy(JSON.parse('{"a":"x\\u0000y","__proto__":{"b":"\\udc00"},"deep":' + "[".repeat(500) + "]".repeat(500) + "}")) as Record<string, unknown>;
    expect(inputProblem(copy)).toBeNull();
    expect(copy.a).toBe("x\ufffdy");
    expect(Object.getPrototypeOf(copy)).toBe(Object.prototype);
    expect(Object.keys(copy)).toEqual(["a", "__proto__", "deep"]);
    expect(JSON.stringify(copy)).toContain(`nested more than ${MAX_INPUT_DEPTH} levels deep`);
  });
});

describe("hostile answers through the engine", () => {
  for (const path of Object.keys(answers)) {
    it(`an http action answered with ${path.slice(1)}: the execution completes and later actions run`, async () => {
      const event = `hostile.${path.slice(1)}.${sfx}`;
      const ruleId = await enabledRule({
        name: `hostile ${path}`,
        trigger: { type: "event", event },
        actions: [
          { type: "http", params: { method: "GET", url: `${srv.origin}${path}` } },
          { type: "notify", params: { title: "after", body: "{{actions.0.output.status}}" } },
        ],
        retryPolicy: { maxAttempts: 1 },
      });
      const exec = await waitForExecution(ruleId, await sendEvent(event, {}), ["success", "failed"], 20_000);
      expect(exec.status, exec.errorMessage ?? "").toBe("success");
      expect(exec.actions.map((a) => a.status)).toEqual(["success", "success"]);
      expect(inputProblem(exec.actions[0].details.output.body)).toBeNull();
    });
  }
});
