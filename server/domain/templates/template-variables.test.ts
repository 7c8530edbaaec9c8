import { describe, expect, it } from "vitest";
import { checkTemplateVariables, listTemplateVariables } from "./template-variables";

describe("listTemplateVariables", () => {
  it.each<[string, string[]]>([
    ["", []],
    ["plain text", []],
    ["Hi {{contact.name}}, order {{ payload.orderId }}", ["contact.name", "payload.orderId"]],
    ["{{a}}{{b}}{{a}}", ["a", "b"]],
    ["{{ not valid }} {{ok}}", ["ok"]],
    ["{{actions.0.output.items.1}}", ["actions.0.output.items.1"]],
  ])("%j", (text, expected) => {
    expect(listTemplateVariables(text)).toEqual(expected);
  });
});

describe("checkTemplateVariables", () => {
  it("accepts every context root and earlier actions", () => {
    const params = {
      to: "{{contact.email}}",
      subject: "{{event.type}} at {{now}}",
      html: "<p>{{payload.order.items.0.sku}} {{actions.0.output.id}} {{actions.1.status}}</p>",
      headers: { "X-Id": "{{event.id}}" },
      list: ["{{contact.attributes.plan}}", 5, null],
    };
    expect(checkTemplateVariables(params, { earlierActions: 2 })).toEqual([]);
  });

  it.each<[string, unknown, number, { path: string; message: string }[]]>([
    [
      "an unknown root",
      { subject: "Hi {{foo.bar}}" },
      0,
      [{ path: "subject", message: "template variable 'foo.bar' does not exist: use payload.…, event.…, contact.…, now or actions.N.output…" }],
    ],
    [
      "a misspelt root, deep in the params",
      { headers: { Auth: "Bearer {{contcat.token}}" } },
      0,
      [{ path: "headers.Auth", message: expect.stringContaining("'contcat.token' does not exist") }],
    ],
    [
      "an array element",
      { addTags: ["ok", "{{tag}}"] },
      0,
      [{ path: "addTags.1", message: expect.stringContaining("'tag' does not exist") }],
    ],
    [
      "the action itself",
      { body: "{{actions.1.output.id}}" },
      1,
      [{ path: "body", message: "template variable 'actions.1.output.id' does not exist: action 1 does not run before this one (use actions.0 to actions.0)" }],
    ],
    [
      "an action in the first action",
      { body: "{{actions.0.output}}" },
      0,
      [{ path: "body", message: expect.stringContaining("(this is the first action)") }],
    ],
    [
      "actions without an index",
      { body: "{{actions.output.id}}" },
      3,
      [{ path: "body", message: expect.stringContaining("actions.N.output") }],
    ],
    [
      "a leading-zero index",
      { body: "{{actions.01.output}}" },
      3,
      [{ path: "body", message: expect.stringContaining("actions.N.output") }],
    ],
    ["fields of now", { body: "{{now.year}}" }, 0, [{ path: "body", message: expect.stringContaining("now is a time") }]],
    ["a prototype key", { body: "{{payload.__proto__}}" }, 0, [{ path: "body", message: expect.stringContaining("reserved name") }]],
    ["an empty segment", { body: "{{payload..x}}" }, 0, [{ path: "body", message: expect.stringContaining("not a dot path") }]],
    [
      "a malformed variable",
      { body: "Hi {{ contact.name | upper }}" },
      0,
      [{ path: "body", message: "'{{ contact.name | upper }}' is not a template variable: write {{dot.path}}, such as {{contact.name}}" }],
    ],
    ["empty braces", { body: "{{}}" }, 0, [{ path: "body", message: expect.stringContaining("is not a template variable") }]],
    [
      "several problems in one string",
      { body: "{{a}} {{b.c}}" },
      0,
      [
        { path: "body", message: expect.stringContaining("'a' does not exist") },
        { path: "body", message: expect.stringContaining("'b.c' does not exist") },
      ],
    ],
    ["a bare string", "{{x}}", 0, [{ path: "", message: expect.stringContaining("'x' does not exist") }]],
  ])("reports %s", (_, params, earlierActions, expected) => {
    expect(checkTemplateVariables(params, { earlierActions })).toEqual(expected);
  });

  it("takes the allowed roots from the caller", () => {
    expect(checkTemplateVariables({ a: "{{contact.email}}" }, { earlierActions: 0, roots: ["payload"] })).toHaveLength(1);
    expect(checkTemplateVariables({ a: "{{row.id}}" }, { earlierActions: 0, roots: ["row"] })).toEqual([]);
  });

  it("defaults to the first action", () => {
    expect(checkTemplateVariables({ a: "{{actions.0.output}}" })).toHaveLength(1);
    expect(checkTemplateVariables({ a: "{{payload.x}}" })).toEqual([]);
  });
});
