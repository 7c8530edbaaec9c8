import { describe, expect, it } from "vitest";
import { ruleDocumentSchema } from "@/server/domain/rules/rule-document";
import { conditionIssuesAt, indexIssues } from "./issue-map";

describe("indexIssues", () => {
  it("puts each issue on its node and field", () => {
    const ix = indexIssues([
      { path: "actions.2.params.to", message: "bad to" },
      { path: "actions.2.params.headers.X-A", message: "bad header" },
      { path: "actions.2.params", message: "changes nothing" },
      { path: "actions.0.timeoutMs", message: "too long" },
      { path: "trigger.cron", message: "bad cron" },
      { path: "condition.all.0.value", message: "needs value" },
      { path: "condition.any.1.not", message: "bad not" },
      { path: "name", message: "name is required" },
      { path: "retryPolicy.maxAttempts", message: "too many" },
      { path: "actions", message: "at least one" },
      { path: "", message: "whole" },
    ]);
    expect(ix.actions.get(2)).toEqual({ params: { to: ["bad to"], headers: ["bad header"], "": ["changes nothing"] }, entry: {}, count: 3 });
    expect(ix.actions.get(0)!.entry).toEqual({ timeoutMs: ["too long"] });
    expect(ix.trigger).toEqual({ cron: ["bad cron"] });
    expect(conditionIssuesAt(ix, "all.0")).toEqual({ value: ["needs value"] });
    expect(conditionIssuesAt(ix, "any.1.not")).toEqual({ "": ["bad not"] });
    expect(ix.settings).toEqual({ name: ["name is required"], "retryPolicy.maxAttempts": ["too many"], "": ["whole"] });
    expect(ix.actionList).toEqual(["at least one"]);
    expect(ix.total).toBe(11);
  });

  it("maps the schema's own issues (array paths)", () => {
    const r = ruleDocumentSchema.safeParse({
      name: "x",
      trigger: { type: "event", event: "a" },
      actions: [{ type: "notify", params: { title: "", body: "{{actions.3.output}}" } }],
    });
    expect(r.success).toBe(false);
    const ix = indexIssues(r.error!.issues);
    expect(Object.keys(ix.actions.get(0)!.params).sort()).toEqual(["body", "title"]);
  });
});
