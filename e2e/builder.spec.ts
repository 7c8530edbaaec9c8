// The visual rule builder: a rule built ONLY through the UI — an event trigger, a condition and two
// actions dragged from the palette onto the canvas, forms filled in, tested, saved and enabled —
// then an event posted through the API runs it, and the rule's page shows the execution succeed.
// Screenshots of the builder in English and Chinese go to e2e/screenshots/.
import { execFileSync } from "node:child_process";
import type { Locator, Page } from "@playwright/test";
import { expect, login, serverInfo, shot, test } from "./support/fixtures";

const EVENT = `e2e.builder.${Date.now()}`;

/** HTML5 drag from a palette item onto the canvas; `y` is a fraction of the canvas height. */
async function dragToCanvas(page: Page, item: string, y = 0.5) {
  const canvas = page.getByTestId("canvas");
  const box = (await canvas.boundingBox())!;
  await page.getByTestId(`palette-item-${item}`).dragTo(canvas, { targetPosition: { x: box.width / 2, y: Math.round(box.height * y) } });
}

async function inspectorField(page: Page, name: string): Promise<Locator> {
  const field = page.getByTestId("inspector").getByTestId(`field-${name}`);
  await expect(field).toBeVisible();
  return field;
}

test("builds, tests, saves and enables a rule through the UI; an event runs it", async ({ page, api, info }) => {
  await page.setViewportSize({ width: 1280, height: 1100 });
  const contactId = `builder-e2e-${Date.now()}`;
  expect((await api.call("PUT", `/contacts/${contactId}`, { email: "ann@example.com", name: "Ann", tags: ["VIP"] })).status).toBeLessThan(300);

  await login(page, info.adminEmail, info.adminPassword);
  await page.goto("/rules/new");
  await expect(page.getByTestId("builder")).toBeVisible();
  await expect(page.getByTestId("palette")).toBeVisible();
  await expect(page.getByTestId("canvas-empty")).toBeVisible();

  // Trigger: drag "Event" onto the canvas, then name the event in the inspector.
  await dragToCanvas(page, "event");
  await expect(page.getByTestId("node-trigger")).toBeVisible();
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "trigger");
  await (await inspectorField(page, "event")).fill(EVENT);
  await expect(page.getByTestId("node-trigger")).toContainText(EVENT);

  // Condition: payload.total ≥ 100 and contact.tags contains VIP.
  await dragToCanvas(page, "condition");
  await expect(page.getByTestId("node-condition")).toBeVisible();
  await expect(page.getByTestId("inspector")).toHaveAttribute("data-kind", "condition");
  const inspector = page.getByTestId("inspector");
  await inspector.getByTestId("cond-add-rule").first().click();
  await inspector.getByTestId("cond-field").nth(0).selectOption("payload.*");
  await inspector.getByTestId("cond-field-path").nth(0).fill("total");
  await inspector.getByTestId("cond-op").nth(0).selectOption("gte");
  await inspector.getByTestId("cond-value").nth(0).fill("100");
  await inspector.getByTestId("cond-add-rule").first().click();
  await inspector.getByTestId("cond-field").nth(1).selectOption("contact.tags");
  await inspector.getByTestId("cond-op").nth(1).selectOption("contains");
  await inspector.getByTestId("cond-value").nth(1).fill("VIP");
  await expect(page.getByTestId("node-condition")).toContainText("payload.total");

  // Actions: an in-app notification, then a contact update, each dropped below the last node.
  await dragToCanvas(page, "notify", 0.95);
  await expect(page.getByTestId("node-action")).toHaveCount(1);
  await expect(inspector).toHaveAttribute("data-kind", "action");
  await (await inspectorField(page, "title")).fill("Big order");
  const body = await inspectorField(page, "body");
  await body.fill("Order ");
  // The variable picker inserts {{payload.orderId}} at the caret.
  await body.press("End");
  await inspector.locator('[data-field="body"]').getByTestId("template-picker").click();
  await inspector.getByTestId("template-custom").fill("payload.orderId");
  await inspector.getByTestId("template-custom").press("Enter");
  await expect(body).toHaveValue("Order {{payload.orderId}}");
  await body.press("End");
  await body.pressSequentially(" was paid");

  await dragToCanvas(page, "update_contact", 0.97);
  await expect(page.getByTestId("node-action")).toHaveCount(2);
  await expect(page.locator('[data-testid="node-action"][data-index="1"]')).toContainText("Update contact");
  await expect(await inspectorField(page, "contact")).toHaveValue("{{payload.contactId}}");
  await (await inspectorField(page, "addTags")).fill("big-spender, builder-e2e");

  await page.getByTestId("rule-name").fill("Built in the builder");
  await expect(page.locator('[data-testid="node-action"][data-index="0"]')).toContainText("Big order");

  // Undo/redo the name (typing within a second is one undo step, so wait before the next edit).
  await page.waitForTimeout(1100);
  await page.getByTestId("rule-name").fill("Built in the builder!");
  await page.getByTestId("builder-undo").click();
  await expect(page.getByTestId("rule-name")).toHaveValue("Built in the builder");
  await page.getByTestId("builder-redo").click();
  await expect(page.getByTestId("rule-name")).toHaveValue("Built in the builder!");
  await page.getByTestId("builder-undo").click();

  // Test: a dry run with a sample payload shows each step's result on its node.
  await page.getByTestId("builder-test-tab").click();
  await page.getByTestId("builder-test-payload").fill(JSON.stringify({ total: 150, orderId: 42, contactId }));
  await page.getByTestId("builder-test-run").click();
  const result = page.getByTestId("builder-test-result");
  await expect(result).toBeVisible();
  await expect(result).toHaveAttribute("data-condition", "true");
  await expect(result).toHaveAttribute("data-failed", "0");
  await expect(page.getByTestId("node-condition").getByTestId("node-result")).toHaveAttribute("data-ok", "true");
  await expect(page.getByTestId("node-action").first().getByTestId("node-result")).toHaveAttribute("data-ok", "true");
  await shot(page, "builder-en");

  // The same builder in Chinese.
  await page.getByTestId("lang-switch").selectOption("zh");
  await expect(page.getByTestId("builder-save")).toHaveText("创建规则");
  await shot(page, "builder-zh");
  await page.getByTestId("lang-switch").selectOption("en");

  // Save (creates the rule and opens its page), then enable.
  await page.getByTestId("builder-save").click();
  await expect(page.getByTestId("rule-page")).toBeVisible();
  await expect(page.getByTestId("rule-name")).toHaveValue("Built in the builder");
  await expect(page.getByTestId("node-action")).toHaveCount(2);
  await expect(page.getByTestId("builder-enable")).toBeEnabled();
  await page.getByTestId("builder-enable").click();
  await expect(page.getByTestId("builder-disable")).toBeVisible();
  await expect(page.getByTestId("rule-status")).toHaveAttribute("data-status", "enabled");
  const ruleId = await page.getByTestId("rule-page").getAttribute("data-rule-id");
  expect(ruleId).toBeTruthy();

  // The rule as stored is the one built on the canvas.
  const stored = await api.call("GET", `/rules/${ruleId}`);
  expect(stored.body.trigger).toEqual({ type: "event", event: EVENT });
  expect(stored.body.condition).toEqual({ all: [{ field: "payload.total", op: "gte", value: 100 }, { field: "contact.tags", op: "contains", value: "VIP" }] });
  expect(stored.body.actions).toEqual([
    { type: "notify", params: { title: "Big order", body: "Order {{payload.orderId}} was paid" } },
    { type: "update_contact", params: { contact: "{{payload.contactId}}", addTags: ["big-spender", "builder-e2e"] } },
  ]);

  // An event that matches runs the rule; the rule's page shows the execution succeed.
  const ev = await api.call("POST", "/events", { type: EVENT, id: `${EVENT}-1`, payload: { total: 150, orderId: 42, contactId } });
  expect(ev.body).toEqual({ accepted: 1, duplicates: 0 });
  const row = page.getByTestId("execution-row").first();
  await expect(row).toBeVisible({ timeout: 30_000 });
  await expect(row.getByTestId("execution-status")).toHaveText(/success|成功/i, { timeout: 30_000 });
  const contact = await api.call("GET", `/contacts/${contactId}`);
  expect(contact.body.tags).toEqual(expect.arrayContaining(["VIP", "big-spender", "builder-e2e"]));
  await shot(page, "builder-rule-page-en");
});

test("a viewer gets a read-only builder", async ({ page, api, info }) => {
  const rule = await api.call("POST", "/rules", {
    name: "Viewer can look",
    trigger: { type: "event", event: "e2e.builder.viewer" },
    actions: [{ type: "notify", params: { title: "t", body: "b" } }],
  });
  expect(rule.status).toBe(201);
  const email = `viewer-${Date.now()}@example.com`;
  const s = serverInfo();
  execFileSync(process.execPath, ["--import", "tsx", "server/cli/index.ts", "user:create", "--email", email, "--password", "viewer-password", "--role", "viewer"], {
    env: { ...process.env, DATABASE_URL: s.databaseUrl, AUTOFLOW_DATA_DIR: s.dataDir, LOG_LEVEL: "silent" },
  });
  await login(page, email, "viewer-password");
  await page.goto(`/rules/${rule.body.id}`);
  await expect(page.getByTestId("builder")).toHaveAttribute("data-readonly", "true");
  await expect(page.getByTestId("node-action")).toHaveCount(1);
  await expect(page.getByTestId("palette")).toHaveCount(0);
  await expect(page.getByTestId("builder-save")).toHaveCount(0);
  await expect(page.getByTestId("builder-enable")).toHaveCount(0);
  await page.getByTestId("node-action").click();
  await expect(page.getByTestId("inspector").getByTestId("field-title")).toHaveAttribute("readonly", "");
  await expect(page.getByTestId("rule-name")).toHaveAttribute("readonly", "");
  await page.getByTestId("inspector-close").click();
  await expect(page.getByTestId("exec-timeout")).toHaveAttribute("readonly", "");
  await expect(page.getByTestId("exec-concurrency-toggle")).toBeDisabled();
  expect(info.baseURL).toBeTruthy();
});

test("sets execution control in the rule settings; it is stored as typed", async ({ page, api, info }) => {
  const rule = await api.call("POST", "/rules", {
    name: "Execution control from the builder",
    trigger: { type: "event", event: "e2e.builder.exec" },
    actions: [{ type: "notify", params: { title: "t", body: "b" } }],
  });
  expect(rule.status).toBe(201);
  await login(page, info.adminEmail, info.adminPassword);
  await page.goto(`/rules/${rule.body.id}`);
  const settings = page.getByTestId("inspector");
  await expect(settings).toHaveAttribute("data-kind", "settings");
  const section = settings.getByTestId("execution-control");
  await expect(section).toBeVisible();

  // Concurrency 1 per contact, the key picked from the variable picker.
  await section.getByTestId("exec-concurrency-toggle").check();
  await section.getByTestId("exec-concurrency-limit").fill("1");
  await section.locator('[data-field="key"]').first().getByTestId("template-picker").click();
  await section.locator('[data-testid="template-var"][data-path="payload.contactId"]').click();
  await expect(section.getByTestId("exec-concurrency-key")).toHaveValue("{{payload.contactId}}");
  await expect(section.getByTestId("exec-concurrency-explain")).toHaveAttribute("data-mode", "perKeyInOrder");

  // Rate limit 5 per 1 s; an invalid value shows inline until fixed.
  await section.getByTestId("exec-rate-toggle").check();
  await section.getByTestId("exec-rate-limit").fill("0");
  await expect(section.getByTestId("field-error")).toHaveCount(1);
  await section.getByTestId("exec-rate-limit").fill("5");
  await section.getByTestId("exec-rate-per").fill("1");
  await expect(section.getByTestId("field-error")).toHaveCount(0);

  // Debounce on and off again: nothing of it stays in the document.
  await section.getByTestId("exec-debounce-toggle").check();
  await expect(section.getByTestId("exec-debounce-window")).toBeVisible();
  await section.getByTestId("exec-debounce-toggle").uncheck();
  await expect(section.getByTestId("exec-debounce-window")).toHaveCount(0);

  await page.getByTestId("builder-save").click();
  await expect(page.getByTestId("builder-saved")).toBeVisible();
  const stored = await api.call("GET", `/rules/${rule.body.id}`);
  expect(stored.body.execution).toEqual({ concurrency: { limit: 1, key: "{{payload.contactId}}" }, rateLimit: { limit: 5, perSeconds: 1 } });
});
