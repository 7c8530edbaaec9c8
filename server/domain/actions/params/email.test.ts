import { describe, expect, it } from "vitest";
import { emailParamsSchema } from "./email";

const issues = (params: unknown) =>
  emailParamsSchema.safeParse(params).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })) ?? [];

const base = { to: "ann@example.com", subject: "Hi", text: "Hello" };

describe("email params", () => {
  it.each<[string, unknown]>([
    ["text body", base],
    ["html body", { to: "{{contact.email}}", subject: "Thank you, {{contact.name}}", html: "<p>Order {{payload.orderId}}</p>" }],
    ["a saved template", { to: "ann@example.com", subject: "Hi", templateId: "tpl_1" }],
    ["several recipients", { ...base, to: "ann@example.com, Bob <bob@example.org>, {{payload.cc}}" }],
    ["a quoted display name", { ...base, to: '"Ann Lee" <ann@example.com>' }],
    ["a template inside text", { ...base, to: "{{contact.attributes.assistant}}" }],
    ["every optional key", { ...base, html: "<p/>", from: "Shop <shop@example.com>", connectionId: "conn_1", templateId: "tpl_1" }],
    ["a templated from", { ...base, from: "{{payload.sender}}" }],
  ])("accepts %s", (_, params) => {
    expect(issues(params)).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ["a missing to", { subject: "Hi", text: "x" }, "to", "email needs 'to': an address or a template such as {{contact.email}}"],
    ["an empty to", { ...base, to: "  " }, "to", "email needs 'to': an address or a template such as {{contact.email}}"],
    ["a non-address to", { ...base, to: "ann at example" }, "to", "'to' must be email addresses separated by commas, or a template such as {{contact.email}}"],
    ["one bad recipient of two", { ...base, to: "ann@example.com, bob" }, "to", "'to' must be email addresses separated by commas, or a template such as {{contact.email}}"],
    ["a trailing comma", { ...base, to: "ann@example.com," }, "to", "'to' must be email addresses separated by commas, or a template such as {{contact.email}}"],
    ["a number to", { ...base, to: 5 }, "to", "'to' must be email addresses separated by commas, or a template such as {{contact.email}}"],
    ["a missing subject", { to: "a@example.com", text: "x" }, "subject", "email needs a 'subject'"],
    ["a blank subject", { ...base, subject: " " }, "subject", "email needs a 'subject'"],
    ["an over-long subject", { ...base, subject: "x".repeat(999) }, "subject", "at most 998 characters"],
    ["no body", { to: "a@example.com", subject: "Hi" }, "text", "email needs a body: 'text', 'html' or a 'templateId'"],
    ["only blank bodies", { to: "a@example.com", subject: "Hi", text: " ", html: "" }, "text", "email needs a body: 'text', 'html' or a 'templateId'"],
    ["a bad from", { ...base, from: "shop" }, "from", "'from' must be an email address, such as Shop <shop@example.com>"],
    ["an empty connectionId", { ...base, connectionId: "" }, "connectionId", "must not be empty: leave it out instead"],
    ["an html object", { ...base, html: { p: 1 } }, "html", "'html' must be text (HTML)"],
    ["a misspelt key", { ...base, subjet: "x" }, "", "unknown param 'subjet' for email: it takes to, subject, text, html, from, connectionId, templateId"],
    ["not an object", "ann@example.com", "", "email params must be an object"],
    ["no params", undefined, "", "email needs 'params'"],
  ])("rejects %s", (_, params, path, message) => {
    expect(issues(params)).toContainEqual({ path, message });
  });
});
