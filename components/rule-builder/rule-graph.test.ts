import { describe, expect, it } from "vitest";
import { ruleDocumentSchema } from "@/server/domain/rules/rule-document";
import { actionTypes } from "@/server/domain/actions/params";
import {
  CONDITION_ID, LAYOUT, TRIGGER_ID, graphToRule, insertIndexAt, orderedActionNodes, rowY, ruleBase, ruleToGraph,
  type DraftAction, type RuleDraft, type RuleNode,
} from "./rule-graph";
import { defaultAction } from "./defaults";

const triggers: Record<string, RuleDraft["trigger"]> = {
  cron: { type: "cron", cron: "0 9 * * 1-5", timezone: "Asia/Shanghai", misfirePolicy: "fire_all", misfireThresholdSeconds: 120, overlapPolicy: "queue" },
  interval: { type: "interval", everySeconds: 300 },
  once: { type: "once", at: "2026-12-24T09:00:00+08:00" },
  event: { type: "event", event: "order.paid" },
  webhook: { type: "webhook" },
  threshold: { type: "threshold", metric: "failure_rate", op: ">", value: 0.2, everySeconds: 60, cooldownSeconds: 3600, window: "5m" },
};

const condition = {
  all: [
    { field: "contact.tags", op: "contains", value: "VIP" },
    { any: [{ field: "payload.total", op: "gte", value: 100 }, { not: { field: "contact.email", op: "ends_with", value: "@test.local" } }] },
  ],
};

function notify(i: number): DraftAction {
  return { type: "notify", params: { title: `Step ${i}`, body: `Order {{payload.orderId}} (${i})` } };
}

function doc(overrides: Partial<RuleDraft> = {}): RuleDraft {
  return {
    name: "VIP thank-you",
    description: "round trip",
    priority: 5,
    trigger: { type: "event", event: "order.paid" },
    actions: [notify(0)],
    retryPolicy: { maxAttempts: 3, initialDelayMs: 1000, backoffFactor: 2, maxDelayMs: 600000 },
    ...overrides,
  };
}

function roundTrip(d: RuleDraft): RuleDraft {
  return graphToRule(ruleToGraph(d), ruleBase(d));
}

function expectValidRoundTrip(d: RuleDraft) {
  const before = ruleDocumentSchema.safeParse(d);
  expect(before.success, JSON.stringify(before.error?.issues)).toBe(true);
  const back = roundTrip(d);
  expect(back).toEqual(d);
  const after = ruleDocumentSchema.safeParse(back);
  expect(after.success, JSON.stringify(after.error?.issues)).toBe(true);
  expect(after.data).toEqual(before.data);
}

describe("ruleToGraph / graphToRule", () => {
  for (const [type, trigger] of Object.entries(triggers)) {
    it(`round-trips a ${type} trigger without a condition`, () => expectValidRoundTrip(doc({ trigger })));
    it(`round-trips a ${type} trigger with a condition`, () => expectValidRoundTrip(doc({ trigger, condition })));
  }

  it("round-trips one action and fifty actions", () => {
    expectValidRoundTrip(doc({ actions: [notify(0)] }));
    const fifty = Array.from({ length: 50 }, (_, i) => notify(i));
    expectValidRoundTrip(doc({ actions: fifty, condition }));
  });

  it("round-trips every action type with its params", () => {
    const actions: DraftAction[] = [
      { type: "email", params: { to: "{{contact.email}}", subject: "Thanks, {{contact.name}}", html: "<p>{{payload.orderId}}</p>" }, name: "mail", timeoutMs: 5000 },
      { type: "sms", params: { to: "+8613800000000", text: "Hi" } },
      { type: "http", params: { method: "POST", url: "https://example.com/hook", headers: { "X-A": "1" }, body: { id: "{{payload.orderId}}" } } },
      { type: "update_contact", params: { contact: "{{payload.contactId}}", addTags: ["buyer"], set: { name: "Ann", "attributes.plan": "gold" } } },
      notify(4),
      { type: "publish", params: { routingKey: "orders", message: { id: 1 } } },
      { type: "emit_event", params: { type: "order.thanked", payload: { out: "{{actions.0.output.messageId}}" } } },
      { type: "delay", params: { seconds: 30 } },
    ];
    expect(actions.map((a) => a.type)).toEqual([...actionTypes]);
    expectValidRoundTrip(doc({ actions, condition }));
  });

  it("keeps the execution control settings and anything else of the document", () => {
    expectValidRoundTrip(doc({ execution: { timeoutSeconds: 600 } }));
    expect(roundTrip(doc({ description: null }))).toEqual(doc({ description: null }));
  });

  it("lays nodes out top to bottom with edges implied by order", () => {
    const g = ruleToGraph(doc({ condition, actions: [notify(0), notify(1)] }), { actionIds: ["x", "y"] });
    expect(g.nodes.map((n) => [n.id, n.type, n.position.y])).toEqual([
      [TRIGGER_ID, "trigger", rowY(0)],
      [CONDITION_ID, "condition", rowY(1)],
      ["x", "action", rowY(2)],
      ["y", "action", rowY(3)],
    ]);
    expect(g.nodes.every((n) => n.position.x === LAYOUT.x)).toBe(true);
    expect(g.edges.map((e) => `${e.source}->${e.target}`)).toEqual(["trigger->condition", "condition->x", "x->y"]);

    const noCond = ruleToGraph(doc({ actions: [notify(0)] }));
    expect(noCond.edges.map((e) => `${e.source}->${e.target}`)).toEqual(["trigger->action-0"]);
    expect(noCond.nodes.find((n) => n.type === "action")!.position.y).toBe(rowY(1));
  });

  it("refuses ids that do not match the actions", () => {
    expect(() => ruleToGraph(doc(), { actionIds: ["a", "b"] })).toThrow();
  });

  it("reorders actions by where their nodes are dropped", () => {
    const d = doc({ actions: [notify(0), notify(1), notify(2), notify(3)], condition });
    const g = ruleToGraph(d);
    // Drag action 0 below action 2 (between 2 and 3).
    const moved: RuleNode[] = g.nodes.map((n) => (n.id === "action-0" ? { ...n, position: { x: 40, y: rowY(4) + 10 } } : n));
    const back = graphToRule({ nodes: moved }, ruleBase(d));
    expect(back.actions.map((a) => a.params.title)).toEqual(["Step 1", "Step 2", "Step 0", "Step 3"]);
    expect(ruleDocumentSchema.safeParse(back).success).toBe(true);

    // Drag the last one to the very top (above the trigger even): it becomes the first action.
    const top: RuleNode[] = g.nodes.map((n) => (n.id === "action-3" ? { ...n, position: { x: 0, y: -500 } } : n));
    expect(graphToRule({ nodes: top }, ruleBase(d)).actions.map((a) => a.params.title)).toEqual(["Step 3", "Step 0", "Step 1", "Step 2"]);

    // Node order in the array does not matter, only positions.
    expect(orderedActionNodes([...g.nodes].reverse()).map((n) => n.id)).toEqual(["action-0", "action-1", "action-2", "action-3"]);
  });

  it("keeps a 50-action reorder valid", () => {
    const d = doc({ actions: Array.from({ length: 50 }, (_, i) => notify(i)) });
    const g = ruleToGraph(d);
    const moved = g.nodes.map((n) => (n.id === "action-49" ? { ...n, position: { x: 0, y: rowY(1) - 1 } } : n));
    const back = graphToRule({ nodes: moved }, ruleBase(d));
    expect(back.actions[0]!.params.title).toBe("Step 49");
    expect(back.actions).toHaveLength(50);
    expect(ruleDocumentSchema.safeParse(back).success).toBe(true);
  });

  it("removes the condition when its node is gone and keeps key order", () => {
    const d = doc({ condition });
    const g = ruleToGraph(d);
    const back = graphToRule({ nodes: g.nodes.filter((n) => n.type !== "condition") }, ruleBase(d));
    expect(back.condition).toBeUndefined();
    expect(Object.keys(back)).toEqual(["name", "description", "priority", "trigger", "actions", "retryPolicy"]);
    expect(Object.keys(roundTrip(d))).toEqual(["name", "description", "priority", "trigger", "condition", "actions", "retryPolicy"]);
  });

  it("draws a draft without a trigger yet", () => {
    const d = doc({ trigger: null, actions: [] });
    const g = ruleToGraph(d);
    expect(g.nodes).toEqual([]);
    expect(graphToRule(g, ruleBase(d))).toEqual(d);
    expect(ruleDocumentSchema.safeParse(graphToRule(g, ruleBase(d))).success).toBe(false);
  });

  it("places palette drops before the first action whose middle is below the pointer", () => {
    const first = rowY(1);
    expect(insertIndexAt(first - 100, 3, false)).toBe(0);
    expect(insertIndexAt(first + LAYOUT.height / 2 - 1, 3, false)).toBe(0);
    expect(insertIndexAt(first + LAYOUT.height / 2 + 1, 3, false)).toBe(1);
    expect(insertIndexAt(rowY(3) + LAYOUT.height, 3, false)).toBe(3);
    expect(insertIndexAt(99_999, 3, false)).toBe(3);
    expect(insertIndexAt(rowY(2) + 10, 2, true)).toBe(0);
  });

  it("starts every palette action as a draft the schema explains", () => {
    for (const type of actionTypes) {
      const d = doc({ actions: [defaultAction(type)] });
      const r = ruleDocumentSchema.safeParse(d);
      // Either valid, or invalid only inside that action's params (never an unknown key).
      if (!r.success) for (const issue of r.error.issues) expect(issue.path.slice(0, 3)).toEqual(["actions", 0, "params"]);
      expect(roundTrip(d)).toEqual(d);
    }
  });
});
