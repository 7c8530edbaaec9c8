import { describe, expect, it } from "vitest";
import { actionMeta, actionParamsSchemas, actionSchema, actionTypes } from "./index";

const issues = (action: unknown) =>
  actionSchema.safeParse(action).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })) ?? [];

/** One valid params object per action type, so every branch of the union is exercised. */
const validParams: Record<(typeof actionTypes)[number], unknown> = {
  email: { to: "{{contact.email}}", subject: "Hi", text: "x" },
  sms: { to: "{{contact.phone}}", text: "x" },
  http: { method: "POST", url: "https://example.com" },
  update_contact: { contact: "{{payload.contactId}}", addTags: ["buyer"] },
  notify: { title: "t", body: "b" },
  publish: { routingKey: "q", message: "m" },
  emit_event: { type: "order.paid" },
  delay: { seconds: 60 },
};

describe("actionTypes and registries", () => {
  it("are exactly the contract's action types", () => {
    expect([...actionTypes]).toEqual(["email", "sms", "http", "update_contact", "notify", "publish", "emit_event", "delay"]);
    expect(Object.keys(actionParamsSchemas).sort()).toEqual([...actionTypes].sort());
    expect(Object.keys(actionMeta).sort()).toEqual([...actionTypes].sort());
  });

  it("marks http and delay slow, and the outward-facing actions external", () => {
    expect(actionTypes.filter((t) => actionMeta[t].slow)).toEqual(["http", "delay"]);
    expect(actionTypes.filter((t) => actionMeta[t].external)).toEqual(["email", "sms", "http", "publish", "delay"]);
  });

  it("labels and describes every action in English and Chinese", () => {
    for (const t of actionTypes) {
      expect(actionMeta[t].label.en).not.toBe("");
      expect(actionMeta[t].label.zh).toMatch(/[\u4e00-\u9fff]/);
      expect(actionMeta[t].description.en.length).toBeGreaterThan(10);
      expect(actionMeta[t].description.zh).toMatch(/[\u4e00-\u9fff]/);
    }
  });
});

describe("actionSchema", () => {
  it.each([...actionTypes])("accepts a valid %s action and checks it with that type's params schema", (type) => {
    expect(issues({ type, params: validParams[type] })).toEqual([]);
    const other = type === "delay" ? "notify" : "delay";
    expect(issues({ type, params: validParams[other] }).length).toBeGreaterThan(0);
  });

  it("parses the contract example's actions, filling defaults", () => {
    const parsed = [
      { type: "update_contact", params: { contact: "{{payload.contactId}}", addTags: ["buyer"] } },
      { type: "email", params: { to: "{{contact.email}}", subject: "Thank you, {{contact.name}}", html: "<p>Order {{payload.orderId}}</p>" } },
      { type: "http", name: " Tell the ERP ", timeoutMs: 30_000, params: { method: "POST", url: "https://erp.example.com/hook" } },
    ].map((a) => actionSchema.parse(a));
    expect(parsed[2]).toEqual({
      type: "http",
      name: "Tell the ERP",
      timeoutMs: 30_000,
      params: { method: "POST", url: "https://erp.example.com/hook", timeoutMs: 10_000, maxResponseBytes: 1_048_576 },
    });
    expect(parsed[0]).toEqual({ type: "update_contact", params: { contact: "{{payload.contactId}}", addTags: ["buyer"] } });
  });

  it.each<[string, unknown, string, string]>([
    ["an unknown type", { type: "webhook", params: {} }, "type", "unknown action type 'webhook': use email, sms, http, update_contact, notify, publish, emit_event, delay"],
    ["a missing type", { params: {} }, "type", "an action needs a 'type': email, sms, http, update_contact, notify, publish, emit_event, delay"],
    ["not an object", "email", "", "an action is an object: {type, params}"],
    ["missing params", { type: "notify" }, "params", "notify needs 'params'"],
    ["bad params, with the path into them", { type: "email", params: { subject: "Hi", text: "x" } }, "params.to", "email needs 'to': an address or a template such as {{contact.email}}"],
    ["an unknown key", { type: "delay", params: { seconds: 1 }, retries: 3 }, "", "unknown key 'retries' in an action: it takes type, params, name, timeoutMs"],
    ["a long name", { type: "delay", params: { seconds: 1 }, name: "x".repeat(101) }, "name", "an action's 'name' is at most 100 characters"],
    ["a small timeout", { type: "delay", params: { seconds: 1 }, timeoutMs: 99 }, "timeoutMs", "an action's 'timeoutMs' must be from 100 to 3600000"],
    ["a fractional timeout", { type: "delay", params: { seconds: 1 }, timeoutMs: 1000.5 }, "timeoutMs", "an action's 'timeoutMs' must be a whole number of milliseconds"],
  ])("rejects %s", (_, action, path, message) => {
    expect(issues(action)).toContainEqual({ path, message });
  });
});
