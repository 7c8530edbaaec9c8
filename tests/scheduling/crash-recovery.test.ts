// A worker killed with SIGKILL in the middle of an execution: a live worker notices the stale
// heartbeat, unlocks the dead worker's jobs, and finishes the execution within 30 s — without
// running the actions that had already completed again.
import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { pool } from "../../server/db";
import { api, waitFor } from "../helpers/api";
import { spawnWorker, waitForWorkers, type WorkerProcess } from "../helpers/worker-process";

let server: http.Server;
let port = 0;
const requests: { key: string | undefined; at: number }[] = [];
const workers: WorkerProcess[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    requests.push({ key: req.headers["idempotency-key"] as string | undefined, at: Date.now() });
    setTimeout(() => res.writeHead(200, { "content-type": "application/json" }).end('{"ok":true}'), 3000);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as { port: number }).port;
});
afterAll(async () => {
  await Promise.all(workers.map((w) => w.stop()));
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

describe("crash recovery", () => {
  it("finishes a SIGKILLed worker's execution on another worker without repeating completed actions", { timeout: 90_000 }, async () => {
    const env = { AUTOFLOW_HTTP_ALLOWED_HOSTS: `127.0.0.1:${port}` };
    const a = spawnWorker(env);
    workers.push(a);
    await waitForWorkers((s) => pool().query(s), 1);
    const rule = await api("POST", "/rules", {
      body: {
        name: "crash in the middle",
        trigger: { type: "event", event: "crash.test" },
        actions: [
          { type: "notify", params: { title: "first", body: "before the crash" } },
          { type: "http", params: { method: "POST", url: `http://127.0.0.1:${port}/slow`, body: { n: 1 } } },
          { type: "notify", params: { title: "last", body: "after the crash" } },
        ],
      },
    });
    const { executionId } = (await api("POST", `/rules/${rule.body.id}/trigger`, { body: { payload: {} } })).body;
    await waitFor(async () => requests.length > 0, 20_000, 20);
    await a.kill();
    const killedAt = Date.now();
    const b = spawnWorker(env);
    workers.push(b);

    const done = await waitFor(async () => {
      const e = await api("GET", `/executions/${executionId}`);
      return e.body.status === "success" ? e.body : null;
    }, 40_000, 200);
    expect(Date.now() - killedAt).toBeLessThan(30_000);

    const attempts = done.actions.map((x: { actionIndex: number; status: string }) => `${x.actionIndex}:${x.status}`);
    expect(attempts.filter((x: string) => x.startsWith("0:"))).toEqual(["0:success"]);
    expect(attempts).toContain("1:success");
    expect(attempts).toContain("2:success");
    const notes = await pool().query(`SELECT title FROM notification WHERE execution_id = $1 ORDER BY id`, [executionId]);
    expect(notes.rows.map((r) => r.title)).toEqual(["first", "last"]);
    // the interrupted http attempt was repeated with the same idempotency key
    expect(new Set(requests.map((r) => r.key))).toEqual(new Set([`${executionId}:1`]));
  });
});
