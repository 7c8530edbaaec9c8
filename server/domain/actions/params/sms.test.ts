import { describe, expect, it } from "vitest";
import { smsParamsSchema } from "./sms";

const issues = (params: unknown) =>
  smsParamsSchema.safeParse(params).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })) ?? [];

describe("sms params", () => {
  it.each<[string, unknown]>([
    ["E.164", { to: "+8613800000000", text: "Hi" }],
    ["a local number with punctuation", { to: "(021) 555-0100", text: "Hi" }],
    ["a template", { to: "{{contact.phone}}", text: "Code {{payload.code}}", connectionId: "c1" }],
    ["a saved template instead of text", { to: "+14155550100", templateId: "t1" }],
  ])("accepts %s", (_, params) => {
    expect(issues(params)).toEqual([]);
  });

  it.each<[string, unknown, string, string]>([
    ["a missing to", { text: "Hi" }, "to", "sms needs 'to': a phone number or a template such as {{contact.phone}}"],
    ["letters", { to: "call me", text: "Hi" }, "to", "'to' must be a phone number such as +8613800000000, or a template such as {{contact.phone}}"],
    ["too few digits", { to: "+12", text: "Hi" }, "to", "'to' must be a phone number such as +8613800000000, or a template such as {{contact.phone}}"],
    ["too many digits", { to: "+1234567890123456", text: "Hi" }, "to", "'to' must be a phone number such as +8613800000000, or a template such as {{contact.phone}}"],
    ["no message", { to: "+8613800000000" }, "text", "sms needs 'text' or a 'templateId'"],
    ["a blank message", { to: "+8613800000000", text: "  " }, "text", "sms needs 'text' or a 'templateId'"],
    ["an unknown key", { to: "+8613800000000", text: "x", from: "y" }, "", "unknown param 'from' for sms: it takes to, text, templateId, connectionId"],
  ])("rejects %s", (_, params, path, message) => {
    expect(issues(params)).toContainEqual({ path, message });
  });
});
