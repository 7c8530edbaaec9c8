import { describe, expect, it } from "vitest";
import { formatTemplateValue, renderParams, renderTemplate } from "./render-template";

const ctx = {
  payload: { orderId: "o-42", amount: 99.5, paid: true, zero: 0, items: [{ sku: "A" }], note: null, html: "<b>bold</b> & 'q'" },
  contact: { name: "Ann <admin>", email: "ann@example.com", tags: ["VIP"] },
  event: { occurredAt: new Date("2024-06-15T12:00:00Z") },
  now: new Date("2024-06-15T12:00:00Z"),
  actions: [{ output: { id: 7 } }],
};

describe("renderTemplate", () => {
  it.each<[string, string]>([
    ["Order {{payload.orderId}}", "Order o-42"],
    ["Order {{ payload.orderId }}", "Order o-42"],
    ["{{\tpayload.orderId\n}}", "o-42"],
    ["{{payload.amount}} / {{payload.paid}} / {{payload.zero}}", "99.5 / true / 0"],
    ["at {{event.occurredAt}}", "at 2024-06-15T12:00:00.000Z"],
    ["{{now}}", "2024-06-15T12:00:00.000Z"],
    ["{{contact.tags}}", '["VIP"]'],
    ["{{payload.items}}", '[{"sku":"A"}]'],
    ["{{payload.items.0.sku}}", "A"],
    ["{{actions.0.output.id}}", "7"],
    ["[{{payload.missing}}]", "[]"],
    ["[{{payload.note}}]", "[]"],
    ["[{{nope.root}}]", "[]"],
    ["[{{payload.__proto__}}]", "[]"],
    ["{{payload.orderId}}{{payload.orderId}}", "o-42o-42"],
    ["no variables", "no variables"],
    ["{{ not a path }}", "{{ not a path }}"], // spaces inside the path: left as written
    ["{single} {{", "{single} {{"],
  ])("%j → %j", (template, expected) => {
    expect(renderTemplate(template, ctx)).toBe(expected);
  });

  it("does not treat values as templates (no second pass)", () => {
    expect(renderTemplate("{{payload.v}}", { payload: { v: "{{payload.secret}}", secret: "s" } })).toBe("{{payload.secret}}");
  });

  it("escapes values, and only values, in html mode", () => {
    expect(renderTemplate("<p>Hi {{contact.name}}</p>", ctx, { html: true })).toBe("<p>Hi Ann &lt;admin&gt;</p>");
    expect(renderTemplate("<i>{{payload.html}}</i>", ctx, { html: true })).toBe("<i>&lt;b&gt;bold&lt;/b&gt; &amp; &#39;q&#39;</i>");
    expect(renderTemplate('<a title="{{payload.items}}">', ctx, { html: true })).toBe('<a title="[{&quot;sku&quot;:&quot;A&quot;}]">');
    expect(renderTemplate("<p>Hi {{contact.name}}</p>", ctx, { html: false })).toBe("<p>Hi Ann <admin></p>");
    expect(renderTemplate("<p>Hi {{contact.name}}</p>", ctx)).toBe("<p>Hi Ann <admin></p>");
  });
});

describe("formatTemplateValue", () => {
  it.each<[unknown, string]>([
    ["s", "s"],
    [1.5, "1.5"],
    [false, "false"],
    [10n, "10"],
    [null, ""],
    [undefined, ""],
    [new Date("invalid"), ""],
    [{ a: [1] }, '{"a":[1]}'],
    [() => 1, ""],
  ])("%s → %j", (value, expected) => {
    expect(formatTemplateValue(value)).toBe(expected);
  });

  it("renders a cyclic object as empty text instead of throwing", () => {
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    expect(formatTemplateValue(cyclic)).toBe("");
  });
});

describe("renderParams", () => {
  const params = {
    to: "{{contact.email}}",
    subject: "Hi {{contact.name}}",
    html: "<p>{{contact.name}}</p>",
    headers: { "X-Order": "{{payload.orderId}}" },
    tags: ["{{contact.tags.0}}", "fixed"],
    count: 3,
    flag: true,
    nothing: null,
    "{{payload.orderId}}": "keys are not rendered",
  };

  it("renders every string in the tree and escapes only under html keys", () => {
    expect(renderParams(params, ctx)).toEqual({
      to: "ann@example.com",
      subject: "Hi Ann <admin>",
      html: "<p>Ann &lt;admin&gt;</p>",
      headers: { "X-Order": "o-42" },
      tags: ["VIP", "fixed"],
      count: 3,
      flag: true,
      nothing: null,
      "{{payload.orderId}}": "keys are not rendered",
    });
  });

  it("does not change its input", () => {
    const copy = structuredClone(params);
    renderParams(params, ctx);
    expect(params).toEqual(copy);
  });

  it("takes html keys as paths, matching everything under them", () => {
    const out = renderParams({ body: { html: ["<b>{{contact.name}}</b>"], text: "{{contact.name}}" }, html: "{{contact.name}}" }, ctx, ["body.html"]);
    expect(out).toEqual({ body: { html: ["<b>Ann &lt;admin&gt;</b>"], text: "Ann <admin>" }, html: "Ann <admin>" });
  });

  it("keeps a __proto__ key as plain data", () => {
    const hostile = JSON.parse('{"payload": {"__proto__": {"x": "{{contact.name}}"}}}');
    const out = renderParams(hostile, ctx) as { payload: Record<string, unknown> };
    expect(Object.getPrototypeOf(out.payload)).toBe(Object.prototype);
    expect(Object.hasOwn(out.payload, "__proto__")).toBe(true);
    expect(({} as Record<string, unknown>).x).toBeUndefined();
  });

  it("renders a bare string", () => {
    expect(renderParams("{{payload.orderId}}", ctx)).toBe("o-42");
    expect(renderParams("<{{contact.name}}>", ctx, [""])).toBe("<Ann &lt;admin&gt;>");
  });
});
