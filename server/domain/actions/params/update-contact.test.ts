import { describe, expect, it } from "vitest";
import { updateContactParamsSchema } from "./update-contact";

const issues = (params: unknown) =>
  updateContactParamsSchema.safeParse(params).error?.issues.map((i) => ({ path: i.path.join("."), message: i.message })) ?? [];

describe("update_contact params", () => {
  it.each<[string, unknown]>([
    ["the contract example", { contact: "{{payload.contactId}}", addTags: ["buyer"] }],
    ["removing tags", { contact: "c-1", removeTags: ["trial", "{{payload.plan}}"] }],
    [
      "setting every field",
      {
        contact: "c-1",
        set: {
          email: "ann@example.com",
          phone: "+8613800000000",
          name: "{{payload.name}}",
          lastLoginAt: "2024-06-15T12:00:00+08:00",
          "attributes.plan": "pro",
          "attributes.score": 12,
          "attributes.address.city": { zh: "上海" },
        },
      },
    ],
    ["clearing fields with null", { contact: "c-1", set: { phone: null, "attributes.plan": null } }],
    ["a templated date", { contact: "c-1", set: { lastLoginAt: "{{now}}" } }],
  ])("accepts %s", (_, params) => {
    expect(issues(params)).toEqual([]);
  });

  it("trims tags", () => {
    expect(updateContactParamsSchema.parse({ contact: "c", addTags: [" VIP "] }).addTags).toEqual(["VIP"]);
  });

  it.each<[string, unknown, string, string]>([
    ["a missing contact", { addTags: ["x"] }, "contact", "update_contact needs 'contact': the contact's id or a template such as {{payload.contactId}}"],
    ["a blank contact", { contact: " ", addTags: ["x"] }, "contact", "update_contact needs 'contact': the contact's id or a template such as {{payload.contactId}}"],
    ["no change", { contact: "c" }, "", "update_contact changes nothing: give 'addTags', 'removeTags' or 'set'"],
    ["only empty changes", { contact: "c", addTags: [], set: {} }, "", "update_contact changes nothing: give 'addTags', 'removeTags' or 'set'"],
    ["an empty tag", { contact: "c", addTags: [" "] }, "addTags.0", "a tag must not be empty"],
    ["a tag that is a number", { contact: "c", removeTags: [1] }, "removeTags.0", "'removeTags' holds tags as text"],
    ["tags as a string", { contact: "c", addTags: "VIP" }, "addTags", "'addTags' must be a list of tags, such as [\"buyer\"]"],
    ["too many tags", { contact: "c", addTags: Array.from({ length: 101 }, (_, i) => `t${i}`) }, "addTags", "'addTags' takes at most 100 tags"],
    ["an unknown field", { contact: "c", set: { tags: ["x"] } }, "set.tags", "'set' cannot change 'tags': use email, phone, name, lastLoginAt or attributes.<name>"],
    ["the whole attributes object", { contact: "c", set: { attributes: {} } }, "set.attributes", "'set' cannot change 'attributes': use email, phone, name, lastLoginAt or attributes.<name>"],
    ["an empty attribute name", { contact: "c", set: { "attributes.": 1 } }, "set.attributes.", "'attributes.' is not an attribute name: write attributes.<name>, such as attributes.plan"],
    ["a prototype attribute", { contact: "c", set: { "attributes.__proto__": 1 } }, "set.attributes.__proto__", "'attributes.__proto__' is not an attribute name: write attributes.<name>, such as attributes.plan"],
    ["a bad email", { contact: "c", set: { email: "nope" } }, "set.email", "'email' must be an email address or a template such as {{payload.email}}"],
    ["a bad phone", { contact: "c", set: { phone: "n/a" } }, "set.phone", "'phone' must be a phone number or a template such as {{payload.phone}}"],
    ["a bad date", { contact: "c", set: { lastLoginAt: "last week" } }, "set.lastLoginAt", "'lastLoginAt' must be an ISO 8601 date such as 2024-05-01T09:00:00Z, or a template such as {{now}}"],
    ["a numeric name", { contact: "c", set: { name: 5 } }, "set.name", "'name' must be text, a template, or null to clear it"],
    ["a non-JSON attribute", { contact: "c", set: { "attributes.x": new Date() } }, "set.attributes.x", "'attributes.x' must be plain JSON"],
  ])("rejects %s", (_, params, path, message) => {
    expect(issues(params)).toContainEqual({ path, message });
  });
});
