import { describe, expect, it } from "vitest";
import { executionControlSchema } from "@/server/domain/rules/execution-control";
import {
  concurrencyMode, executionFromForm, executionIssues, formFromExecution, keyVariablesOutOfScope,
  mergeIssues, sectionIssues, sectionValue, toggleSection,
} from "./execution-settings";

const full = {
  timeoutSeconds: 600,
  concurrency: { limit: 1, key: "{{payload.contactId}}" },
  rateLimit: { limit: 10, perSeconds: 1 },
  debounce: { key: "{{payload.contactId}}", windowSeconds: 5 },
};

describe("form ↔ execution", () => {
  it("round-trips a full execution object", () => {
    const form = formFromExecution(full);
    expect(form.concurrency).toEqual({ enabled: true, limit: 1, key: "{{payload.contactId}}" });
    expect(form.rateLimit).toEqual({ enabled: true, limit: 10, perSeconds: 1 });
    expect(form.debounce).toEqual({ enabled: true, windowSeconds: 5, key: "{{payload.contactId}}" });
    expect(executionFromForm(form)).toEqual(full);
  });

  it("reads nothing as all off, and writes undefined (not {}) when everything is off", () => {
    const form = formFromExecution(undefined);
    expect([form.concurrency.enabled, form.rateLimit.enabled, form.debounce.enabled]).toEqual([false, false, false]);
    expect(executionFromForm(form)).toBeUndefined();
    const off = toggleSection(toggleSection(formFromExecution({ concurrency: { limit: 2 } }), "concurrency", false), "rateLimit", false);
    expect(executionFromForm(off)).toBeUndefined();
    expect(executionFromForm(formFromExecution({}))).toBeUndefined();
  });

  it("keeps a lone timeout, and drops an empty key", () => {
    expect(executionFromForm({ ...formFromExecution(undefined), timeoutSeconds: 30 })).toEqual({ timeoutSeconds: 30 });
    const form = formFromExecution({ concurrency: { limit: 3 } });
    expect(executionFromForm({ ...form, concurrency: { ...form.concurrency, key: "" } })).toEqual({ concurrency: { limit: 3 } });
  });

  it("switches a section on with valid defaults, off without a trace, and back on with what it had", () => {
    const on = toggleSection(formFromExecution(undefined), "rateLimit", true);
    expect(executionFromForm(on)).toEqual({ rateLimit: { limit: 10, perSeconds: 1 } });
    expect(executionControlSchema.safeParse(executionFromForm(toggleSection(on, "debounce", true))).success).toBe(true);
    const form = formFromExecution({ concurrency: { limit: 4, key: "{{event.type}}" }, timeoutSeconds: 9 });
    const remembered = sectionValue(form, "concurrency");
    expect(remembered).toEqual({ limit: 4, key: "{{event.type}}" });
    const off = toggleSection(form, "concurrency", false);
    expect(executionFromForm(off)).toEqual({ timeoutSeconds: 9 });
    expect(executionFromForm(toggleSection(off, "concurrency", true, remembered))).toEqual({ timeoutSeconds: 9, concurrency: { limit: 4, key: "{{event.type}}" } });
  });

  it("keeps unknown keys so the schema can point at them", () => {
    const odd = { concurrency: { limit: 1, burst: 3 }, retries: 2 };
    expect(executionFromForm(formFromExecution(odd))).toEqual(odd);
    expect(Object.keys(executionIssues(odd))).toEqual(expect.arrayContaining(["", "concurrency"]));
  });

  it("an emptied limit stays in the document, as an error", () => {
    const form = formFromExecution({ concurrency: { limit: 1 } });
    const value = executionFromForm({ ...form, concurrency: { ...form.concurrency, limit: undefined } });
    expect(value).toEqual({ concurrency: {} });
    expect(executionIssues(value)).toEqual({ "concurrency.limit": [{ kind: "required" }] });
  });
});

describe("issues", () => {
  it("are none for a valid or absent object", () => {
    expect(executionIssues(undefined)).toEqual({});
    expect(executionIssues(full)).toEqual({});
  });

  it("are keyed by path inside execution, in words the panel can translate", () => {
    const issues = executionIssues({
      timeoutSeconds: 0,
      concurrency: { limit: 1001, key: "contact" },
      rateLimit: { limit: 5, perSeconds: 0.5 },
      debounce: { windowSeconds: "5" },
    });
    expect(issues).toEqual({
      timeoutSeconds: [{ kind: "min", bound: 1 }],
      "concurrency.limit": [{ kind: "max", bound: 1000 }],
      "concurrency.key": [{ kind: "keyTemplate" }],
      "rateLimit.perSeconds": [{ kind: "int" }],
      "debounce.windowSeconds": [{ kind: "text", text: expect.stringMatching(/number/) }],
    });
    expect(sectionIssues(issues, "rateLimit")).toEqual({ perSeconds: [{ kind: "int" }] });
  });

  it("merge the document's issues under execution.*, leaving out paths the local check covers", () => {
    const local = { "concurrency.limit": [{ kind: "required" as const }] };
    const merged = mergeIssues(local, {
      "execution.concurrency.limit": ["Invalid input: expected number, received undefined"],
      "execution.rateLimit.limit": ["from the server", "from the server"],
      execution: ["whole"],
      priority: ["other"],
    });
    expect(merged).toEqual({
      "concurrency.limit": [{ kind: "required" }],
      "rateLimit.limit": [{ kind: "text", text: "from the server" }],
      "": [{ kind: "text", text: "whole" }],
    });
    expect(local).toEqual({ "concurrency.limit": [{ kind: "required" }] });
  });
});

describe("explanations and key scope", () => {
  it("picks the concurrency explanation", () => {
    const mode = (c: object) => concurrencyMode(formFromExecution({ concurrency: c }));
    expect(mode({ limit: 1, key: "{{payload.contactId}}" })).toBe("perKeyInOrder");
    expect(mode({ limit: 3, key: "{{payload.contactId}}" })).toBe("perKey");
    expect(mode({ limit: 1 })).toBe("oneAtATime");
    expect(mode({ limit: 3 })).toBe("limited");
    expect(mode({})).toBeNull();
    expect(concurrencyMode(formFromExecution(undefined))).toBeNull();
  });

  it("flags key variables that render empty at admission", () => {
    expect(keyVariablesOutOfScope("{{payload.contactId}}-{{ event.type }}")).toEqual([]);
    expect(keyVariablesOutOfScope("{{contact.email}}/{{actions.0.output}}/{{contact.email}}")).toEqual(["contact.email", "actions.0.output"]);
  });
});
