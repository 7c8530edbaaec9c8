import { describe, expect, it } from "vitest";
import { alertDocument } from "./alert-schema";

const base = { name: "x", channels: [{ type: "in_app" }] };

describe("alert documents", () => {
  it("fills each kind's defaults and the channel defaults", () => {
    const d = alertDocument.parse({ ...base, kind: "missed_schedule" });
    expect(d.params).toEqual({ graceSeconds: 300, windowSeconds: 600, cooldownSeconds: 300 });
    expect(d.channels).toEqual([{ type: "in_app", role: "operator" }]);
    expect(d.enabled).toBe(true);
    expect(alertDocument.parse({ ...base, kind: "failure_rate", params: { threshold: 0.25 } }).params).toEqual({ threshold: 0.25, windowSeconds: 300, minExecutions: 5, cooldownSeconds: 300 });
  });

  it("names the field that is wrong", () => {
    const paths = (doc: unknown) => {
      const r = alertDocument.safeParse(doc);
      return r.success ? [] : r.error.issues.map((i) => i.path.join("."));
    };
    expect(paths({ ...base, kind: "failure_rate", params: { threshold: 1.5 } })).toEqual(["params.threshold"]);
    expect(paths({ ...base, kind: "missed_schedule", params: { graceSeconds: 5 } })).toEqual(["params.graceSeconds"]);
    expect(paths({ ...base, kind: "worker_count", ruleId: "6f1c2a3b-1111-4222-8333-944455556666" })).toEqual(["ruleId"]);
    expect(paths({ ...base, kind: "nope" })).toEqual(["kind"]);
    expect(paths({ name: "x", kind: "worker_count", channels: [] })).toEqual(["channels"]);
    expect(paths({ ...base, kind: "worker_count", channels: [{ type: "webhook", url: "ftp://x" }] })).toEqual(["channels.0.url"]);
    expect(paths({ ...base, kind: "worker_count", channels: [{ type: "webhook", url: "https://x.example/h", secret: "short" }] })).toEqual(["channels.0.secret"]);
    expect(paths({ ...base, kind: "worker_count", channels: [{ type: "email", to: ["not-an-email"] }] })).toEqual(["channels.0.to.0"]);
  });
});
