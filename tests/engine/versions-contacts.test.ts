// Executions are pinned to the rule version current when they were created; update_contact's `set`
// writes, clears (null) and nests attributes, and later actions see the updated contact.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { api } from "../helpers/api";
import { withWorker } from "../helpers/worker";
import type { StartedWorker } from "../../worker/start-worker";
import { pool } from "../../server/db";
import { enabledRule, getExecution, sendEvent, suffix, waitForExecution, waitForStatus } from "./helpers";

let worker: StartedWorker;
const sfx = suffix();

beforeAll(async () => {
  worker = await withWorker();
});
afterAll(async () => {
  await worker?.stop();
});

const notesOf = async (executionId: string) =>
  (await pool().query(`SELECT title, body FROM notification WHERE execution_id = $1 ORDER BY id`, [executionId])).rows;

describe("rule versions", () => {
  it("each execution runs the version that was current when it was created, even when the rule changes mid-run", async () => {
    const event = `ver.${sfx}`;
    const doc = (title: string, actions: unknown[] = []) => ({
      name: `versioned ${sfx}`,
      trigger: { type: "event", event },
      actions: [...actions, { type: "notify", params: { title, body: "order {{payload.orderId}}" } }],
    });
    const ruleId = await enabledRule(doc("version one", [{ type: "delay", params: { seconds: 1 } }]));

    // Execution 1 is created on version 1 and goes to sleep in its delay.
    const e1 = await sendEvent(event, { orderId: 1 });
    const asleep = await waitForExecution(ruleId, e1, ["running"]);
    expect(asleep.ruleVersion).toBe(1);

    const updated = await api("PUT", `/rules/${ruleId}`, { body: doc("version two"), role: "editor" });
    expect(updated.status).toBe(200);
    expect(updated.body.version).toBe(2);
    const e2 = await sendEvent(event, { orderId: 2 });

    const x2 = await waitForExecution(ruleId, e2, ["success", "failed"]);
    const x1 = await waitForStatus(asleep.id, ["success", "failed"]);
    expect([x1.status, x2.status]).toEqual(["success", "success"]);
    expect(x1.ruleVersion).toBe(1);
    expect(x2.ruleVersion).toBe(2);
    // Version 1 (delay, notify) finished as written, although the rule now has version 2.
    expect(x1.actions.map((a) => a.actionType)).toEqual(["delay", "notify"]);
    expect(x2.actions.map((a) => a.actionType)).toEqual(["notify"]);
    expect(await notesOf(x1.id)).toEqual([{ title: "version one", body: "order 1" }]);
    expect(await notesOf(x2.id)).toEqual([{ title: "version two", body: "order 2" }]);
    const v = await api("GET", `/rules/${ruleId}/versions`, { role: "viewer" });
    expect(v.body.items.map((i: { version: number }) => i.version)).toEqual([2, 1]);
  });
});

describe("update_contact", () => {
  it("set: null clears a field, values overwrite, nested attributes land where templates read them; later actions see the update", async () => {
    const id = `uc-${sfx}`;
    const put = await api("PUT", `/contacts/${id}`, {
      body: { email: `uc-${sfx}@example.com`, phone: "+15550100", name: "Before", tags: ["a", "trial"], attributes: { plan: "free", keep: 1, address: { zip: "1000" } }, lastLoginAt: new Date().toISOString() },
      role: "editor",
    });
    expect(put.status).toBe(201);
    const event = `uc.${sfx}`;
    const ruleId = await enabledRule({
      name: `update contact ${sfx}`,
      trigger: { type: "event", event },
      actions: [
        {
          type: "update_contact",
          params: {
            contact: "{{payload.contactId}}",
            addTags: ["buyer"],
            removeTags: ["trial"],
            set: { phone: null, lastLoginAt: null, name: "{{payload.newName}}", "attributes.plan": "pro", "attributes.keep": null, "attributes.address.city": "Shanghai" },
          },
        },
        { type: "notify", params: { title: "Hello {{contact.name}}", body: "{{contact.attributes.plan}} / {{contact.attributes.address.city}} / {{contact.phone}}" } },
      ],
    });
    const exec = await waitForExecution(ruleId, await sendEvent(event, { contactId: id, newName: "After" }), ["success", "failed"]);
    expect(exec.status, exec.errorMessage ?? "").toBe("success");
    const c = (await api("GET", `/contacts/${id}`, { role: "viewer" })).body;
    expect(c).toMatchObject({
      email: `uc-${sfx}@example.com`,
      phone: null,
      name: "After",
      lastLoginAt: null,
      tags: ["a", "buyer"],
      attributes: { plan: "pro", address: { zip: "1000", city: "Shanghai" } },
    });
    expect(c.attributes).not.toHaveProperty("keep");
    expect(await notesOf(exec.id)).toEqual([{ title: "Hello After", body: "pro / Shanghai / " }]);
  });

  it("a contact that does not exist is a configuration error", async () => {
    const event = `uc.missing.${sfx}`;
    const ruleId = await enabledRule({
      name: `update missing ${sfx}`,
      trigger: { type: "event", event },
      actions: [{ type: "update_contact", params: { contact: "{{payload.contactId}}", addTags: ["x"] } }],
    });
    const exec = await waitForExecution(ruleId, await sendEvent(event, { contactId: `nobody-${sfx}` }), ["success", "failed"]);
    expect(exec.status).toBe("failed");
    expect(exec.errorClass).toBe("configuration");
    expect(exec.errorMessage).toBe(`contact 'nobody-${sfx}' does not exist`);
    expect((await getExecution(exec.id)).retryCount).toBe(0);
  });
});
