// Every workbench screen as an admin, in English and in 简体中文 (switched with the language menu),
// with a screenshot of each; then a viewer, who sees no edit controls and whose direct tRPC
// mutation is refused. Data comes from the REST API with a CLI-made admin token.
import type { Page } from "@playwright/test";
import { expect, login, shot as takeShot, test, type Api } from "./support/fixtures";

const RUN = Date.now().toString(36);
const VIEWER = { email: `viewer-${RUN}@example.com`, password: "viewer-password-1" };

interface Seeded {
  templateId: string;
  smsTemplateId: string;
  connectionId: string;
  contactId: string;
}

let seeded: Promise<Seeded> | null = null;

async function ok<T = any>(p: Promise<{ status: number; body: T }>, ...expected: number[]): Promise<T> {
  const r = await p;
  expect(expected.length ? expected : [200, 201, 202], JSON.stringify(r.body)).toContain(r.status);
  return r.body;
}

/** Rules, events (one success with email, SMS and a notification; failures for the dead letter), a template, a connection, a contact. */
function seed(api: Api): Promise<Seeded> {
  seeded ??= (async () => {
    const contactId = `screens-${RUN}`;
    await ok(api.call("PUT", `/contacts/${contactId}`, {
      name: "Ann Lee 李安", email: `ann-${RUN}@example.com`, phone: "+8613800000001", tags: ["VIP", "buyer"],
      attributes: { plan: "pro" }, lastLoginAt: new Date(Date.now() - 2 * 864e5).toISOString(),
    }));
    const template = await ok(api.call("POST", "/templates", {
      name: `Thank-you ${RUN}`, channel: "email", subject: "Thank you for order {{payload.orderId}}",
      body: "<h2>Thank you, {{contact.name}}!</h2><p>Order <b>{{payload.orderId}}</b> is paid.</p><script>document.title='pwned'</script>",
    }), 201);
    // An update, so the audit log has a before/after to show.
    await ok(api.call("PUT", `/templates/${template.id}`, { subject: "Thanks for order {{payload.orderId}}, {{contact.name}}" }));
    const sms = await ok(api.call("POST", "/templates", { name: `Shipped ${RUN}`, channel: "sms", body: "Hi {{contact.name}}, order {{payload.orderId}} shipped." }), 201);
    const connection = await ok(api.call("POST", "/connections", {
      name: `SMTP ${RUN}`, type: "smtp", config: { host: "smtp.example.com", port: 587, user: "mailer" }, secret: "s3cret-pass",
    }), 201);

    const paid = await ok(api.call("POST", "/rules", {
      name: `Screens thank-you ${RUN}`,
      trigger: { type: "event", event: `screens.paid.${RUN}` },
      actions: [
        { type: "email", params: { to: "{{contact.email}}", subject: "Thank you, {{contact.name}}", html: "<h2>Thanks {{contact.name}}</h2><p>Order {{payload.orderId}}</p>" } },
        { type: "sms", params: { to: "{{contact.phone}}", text: "Order {{payload.orderId}} is paid." } },
        { type: "notify", params: { title: `Order paid ${RUN}`, body: "Order {{payload.orderId}} by {{contact.name}}" } },
      ],
    }), 201);
    const broken = await ok(api.call("POST", "/rules", {
      name: `Screens CRM sync ${RUN}`,
      trigger: { type: "event", event: `screens.sync.${RUN}` },
      retryPolicy: { maxAttempts: 1, initialDelayMs: 100, backoffFactor: 2, maxDelayMs: 1000 },
      actions: [{ type: "http", params: { method: "POST", url: "http://127.0.0.1:9/unreachable" } }],
    }), 201);
    await ok(api.call("POST", "/rules", { name: `Screens hourly ${RUN}`, trigger: { type: "interval", everySeconds: 3600 }, actions: [{ type: "notify", params: { title: "tick", body: "ok" } }] }), 201)
      .then((r) => ok(api.call("POST", `/rules/${r.id}/enable`)));
    for (const id of [paid.id, broken.id]) await ok(api.call("POST", `/rules/${id}/enable`));
    await ok(api.call("POST", "/events", {
      events: [
        { type: `screens.paid.${RUN}`, id: `paid-${RUN}`, payload: { orderId: "A-1001", contactId } },
        { type: `screens.sync.${RUN}`, id: `sync-${RUN}`, payload: { id: 1 } },
      ],
    }));
    return { templateId: template.id, smsTemplateId: sms.id, connectionId: connection.id, contactId };
  })();
  return seeded;
}

/** Full-page screenshot from the top (a focused field may have scrolled the page). */
async function shot(page: Page, name: string) {
  await page.evaluate(() => window.scrollTo(0, 0));
  await takeShot(page, name);
}

async function switchLanguage(page: Page, lang: "en" | "zh") {
  await page.getByTestId("lang-switch").selectOption(lang);
  await expect(page.getByTestId("nav-rules")).toHaveText(lang === "zh" ? /自动化规则/ : /Rules/);
}

async function go(page: Page, navTestId: string, pageTestId: string) {
  await page.getByTestId(navTestId).click();
  await expect(page.getByTestId(pageTestId)).toBeVisible();
}

for (const lang of ["en", "zh"] as const) {
  test(`every workbench screen as admin (${lang})`, async ({ page, api, info }) => {
    test.setTimeout(180_000);
    const data = await seed(api);
    await login(page, info.adminEmail, info.adminPassword);
    await switchLanguage(page, lang);

    // Workbench: entry cards, today's figures, recent failures, next scheduled fires.
    await go(page, "nav-workbench", "workbench-home");
    await expect(page.getByTestId("home-shortcuts")).toBeVisible();
    await expect(page.getByTestId("next-fire-row").first()).toBeVisible();
    await expect(page.getByTestId("recent-failures").getByTestId("execution-row").first()).toBeVisible({ timeout: 30_000 });
    await shot(page, `workbench-${lang}`);

    // Rules, with a row ticked so the bulk bar shows.
    await go(page, "nav-rules", "rules-page");
    const ruleRow = page.getByTestId("rule-row").filter({ hasText: `Screens hourly ${RUN}` });
    await ruleRow.getByTestId("rule-select").check();
    await expect(page.getByTestId("rules-bulk-bar")).toBeVisible();
    await shot(page, `rules-${lang}`);
    await page.getByTestId("bulk-clear").click();
    await expect(page.getByTestId("rules-bulk-bar")).toHaveCount(0);

    // Executions (filters by status, rule and time) and the dead letter.
    await go(page, "nav-executions", "executions-page");
    await expect(page.getByTestId("executions-filter-status")).toBeVisible();
    await expect(page.getByTestId("executions-filter-rule")).toBeVisible();
    await expect(page.getByTestId("executions-filter-from")).toBeVisible();
    await expect(page.getByTestId("execution-row").first()).toBeVisible();
    await shot(page, `executions-${lang}`);
    await page.getByTestId("dead-letter-link").click();
    await expect(page.getByTestId("dead-letter-page")).toBeVisible();
    const dead = page.getByTestId("dead-letter-row").filter({ hasText: `Screens CRM sync ${RUN}` }).first();
    await expect(dead).toBeVisible({ timeout: 30_000 });
    await expect(dead.getByTestId("failed-action")).toContainText("http");
    await expect(dead.getByTestId("execution-retry")).toBeVisible();
    await shot(page, `dead-letter-${lang}`);

    // Templates: list, then the editor with its preview in a sandboxed iframe.
    await go(page, "nav-templates", "templates-page");
    await expect(page.getByTestId("template-row").filter({ hasText: `Thank-you ${RUN}` })).toBeVisible();
    await shot(page, `templates-${lang}`);
    await page.goto(`/templates/${data.templateId}`);
    await expect(page.getByTestId("template-editor")).toBeVisible();
    await page.getByTestId("preview-contact").selectOption(data.contactId);
    await expect(page.getByTestId("preview-subject")).toContainText("A-1001");
    const frame = page.getByTestId("preview-frame");
    await expect(frame).toHaveAttribute("sandbox", "");
    await expect(page.frameLocator('[data-testid="preview-frame"]').locator("h2")).toContainText("Ann Lee");
    if (lang === "en") {
      // The variable picker inserts at the caret.
      await page.getByTestId("template-body").click();
      await page.getByTestId("template-body").press("Control+End");
      await page.getByTestId("variable-picker").click();
      await page.getByTestId("variable-option").filter({ hasText: "{{contact.email}}" }).click();
      await expect(page.getByTestId("template-body")).toHaveValue(/\{\{contact\.email\}\}$/);
      await expect(page.getByTestId("template-discard")).toBeVisible();
    }
    await shot(page, `templates-preview-${lang}`);
    if (lang === "en") await page.getByTestId("template-discard").click();
    // The script in the template never ran in the app's page.
    expect(await page.title()).not.toBe("pwned");

    // Connections: list with the secret badge; the editor shows the secret only as set.
    await go(page, "nav-connections", "connections-page");
    const conn = page.getByTestId("connection-row").filter({ hasText: `SMTP ${RUN}` });
    await expect(conn.getByTestId("connection-secret")).toHaveAttribute("data-set", "true");
    await shot(page, `connections-${lang}`);
    await conn.getByTestId("connection-edit").click();
    await expect(page.getByTestId("connection-secret-stored")).toContainText("••••");
    await expect(page.getByTestId("connection-secret-input")).toHaveCount(0);
    await shot(page, `connection-edit-${lang}`);
    await page.getByTestId("connection-secret-replace").click();
    await expect(page.getByTestId("connection-secret-input")).toBeFocused();

    // Contacts: list with search and tag filter, then one contact.
    await go(page, "nav-contacts", "contacts-page");
    await page.getByTestId("contacts-filter-tag").fill("VIP");
    await page.getByTestId("contacts-filter-tag").press("Enter");
    await expect(page.getByTestId("contact-row").filter({ hasText: data.contactId })).toBeVisible();
    await shot(page, `contacts-${lang}`);
    await page.getByTestId("contact-row").filter({ hasText: data.contactId }).getByTestId("contact-link").click();
    await expect(page.getByTestId("contact-editor")).toBeVisible();
    await expect(page.getByTestId("contact-tags").getByTestId("tag-chip")).toHaveCount(2);
    await shot(page, `contact-detail-${lang}`);

    // Users and API tokens: a new token is shown once, with copy and a warning.
    await go(page, "nav-users", "users-page");
    await expect(page.getByTestId("user-row").first()).toBeVisible();
    await shot(page, `users-${lang}`);
    await page.getByTestId("tab-tokens").click();
    await expect(page.getByTestId("tokens-panel")).toBeVisible();
    await page.getByTestId("token-new").click();
    await page.getByTestId("token-name").fill(`screens-${lang}-${RUN}`);
    await page.getByTestId("token-role").selectOption("operator");
    await page.getByTestId("token-create-submit").click();
    await expect(page.getByTestId("token-value")).toHaveText(/\S{20,}/);
    await expect(page.getByTestId("token-copy")).toBeVisible();
    await shot(page, `tokens-${lang}`);
    await page.getByTestId("token-done").click();
    await expect(page.getByTestId("token-row").filter({ hasText: `screens-${lang}-${RUN}` })).toBeVisible();
    await expect(page.getByTestId("token-value")).toHaveCount(0);

    // Audit log, filtered to templates, with one entry's before/after open.
    await go(page, "nav-audit", "audit-page");
    await page.getByTestId("audit-filter-entity").selectOption("template");
    await expect(page.locator('[data-testid="audit-row"]:not([data-entity="template"])')).toHaveCount(0);
    const update = page.getByTestId("audit-row").filter({ has: page.locator('[data-testid="audit-action"]', { hasText: "template.update" }) }).first();
    await update.getByTestId("audit-toggle").click();
    await expect(page.getByTestId("audit-diff").first()).toBeVisible();
    await expect(page.getByTestId("audit-diff").first().locator('[data-changed="true"]').first()).toBeVisible();
    await shot(page, `audit-${lang}`);

    // Dev mailbox: the email (HTML in a sandboxed iframe) and the SMS outbox.
    await go(page, "nav-mailbox", "mailbox-page");
    await expect(page.getByTestId("mail-item").filter({ hasText: `ann-${RUN}@example.com` }).first()).toBeVisible({ timeout: 30_000 });
    await page.getByTestId("mail-item").filter({ hasText: `ann-${RUN}@example.com` }).first().click();
    await expect(page.getByTestId("mail-frame")).toHaveAttribute("sandbox", "");
    await shot(page, `mailbox-${lang}`);
    await page.getByTestId("tab-sms").click();
    await expect(page.getByTestId("sms-row").first()).toBeVisible();
    await shot(page, `mailbox-sms-${lang}`);

    // Notifications: the bell's panel; Escape closes it and gives focus back to the bell.
    await page.getByTestId("notifications-bell").click();
    await expect(page.getByTestId("notifications-panel")).toBeVisible();
    await expect(page.getByTestId("notification-item").filter({ hasText: `Order paid ${RUN}` }).first()).toBeVisible();
    await shot(page, `notifications-${lang}`);
    await page.keyboard.press("Escape");
    await expect(page.getByTestId("notifications-panel")).toHaveCount(0);
    await expect(page.getByTestId("notifications-bell")).toBeFocused();
  });
}

test("a viewer sees no edit controls, and the server refuses a direct mutation", async ({ page, api, info }) => {
  test.setTimeout(120_000);
  const data = await seed(api);
  await ok(api.call("POST", "/users", { email: VIEWER.email, password: VIEWER.password, role: "viewer" }), 201, 409);
  await login(page, VIEWER.email, VIEWER.password);
  await expect(page.getByTestId("current-user-role")).toHaveAttribute("data-role", "viewer");
  for (const hidden of ["nav-connections", "nav-users", "nav-audit"]) await expect(page.getByTestId(hidden)).toHaveCount(0);

  // Rules: rows, but no New, no enable/disable, no bulk checkboxes.
  await go(page, "nav-rules", "rules-page");
  await expect(page.getByTestId("rule-row").first()).toBeVisible();
  await expect(page.getByTestId("rule-new")).toHaveCount(0);
  await expect(page.getByTestId("rule-enable")).toHaveCount(0);
  await expect(page.getByTestId("rule-disable")).toHaveCount(0);
  await expect(page.getByTestId("rule-select")).toHaveCount(0);
  await expect(page.getByTestId("rules-select-all")).toHaveCount(0);

  // Templates: read only, the preview still works.
  await go(page, "nav-templates", "templates-page");
  await expect(page.getByTestId("template-row").first()).toBeVisible();
  await expect(page.getByTestId("template-new")).toHaveCount(0);
  await expect(page.getByTestId("template-edit")).toHaveCount(0);
  await page.goto(`/templates/${data.templateId}`);
  await expect(page.getByTestId("template-editor")).toBeVisible();
  await expect(page.getByTestId("read-only-note")).toBeVisible();
  await expect(page.getByTestId("preview-frame")).toBeVisible();
  for (const control of ["template-save", "template-delete", "variable-picker"]) await expect(page.getByTestId(control)).toHaveCount(0);
  await expect(page.getByTestId("template-name")).toHaveAttribute("readonly", "");

  // Connections: not even listed for a viewer; no controls.
  await page.goto("/connections");
  await expect(page.getByTestId("connections-page")).toBeVisible();
  await expect(page.getByTestId("need-role")).toBeVisible();
  for (const control of ["connection-new", "connection-edit", "connection-delete"]) await expect(page.getByTestId(control)).toHaveCount(0);
  await page.goto(`/connections/${data.connectionId}`);
  await expect(page.getByTestId("need-role")).toBeVisible();
  await expect(page.getByTestId("connection-save")).toHaveCount(0);
  await shot(page, "viewer-connections");

  // Admin pages say so.
  await page.goto("/users");
  await expect(page.getByTestId("need-role")).toBeVisible();
  await expect(page.getByTestId("user-new")).toHaveCount(0);

  // The server refuses anyway: a same-origin tRPC mutation with the viewer's session is FORBIDDEN.
  const res = await page.request.post("/api/trpc/rules.create", {
    data: { document: { name: "viewer rule", trigger: { type: "event", event: "x" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } },
    headers: { origin: info.baseURL },
  });
  expect(res.status()).toBe(403);
  const body = await res.json();
  expect(body.error?.data?.code).toBe("FORBIDDEN");
  const templ = await page.request.post("/api/trpc/templates.delete", { data: { id: data.templateId }, headers: { origin: info.baseURL } });
  expect(templ.status()).toBe(403);
});

test("an admin creates a template, a connection, a contact and a user through the forms; bulk-disables rules", async ({ page, api, info }) => {
  test.setTimeout(150_000);
  await seed(api);
  await login(page, info.adminEmail, info.adminPassword);

  // Template: SMS, previewed as typed, then created.
  await page.goto("/templates/new");
  await page.getByTestId("template-name").fill(`Form SMS ${RUN}`);
  await page.getByTestId("template-channel").selectOption("sms");
  await expect(page.getByTestId("template-subject")).toHaveCount(0);
  await page.getByTestId("template-body").fill("Hi {{contact.name}}, order {{payload.orderId}} shipped.");
  await expect(page.getByTestId("preview-sms")).toContainText("order A-1001 shipped");
  await expect(page.getByTestId("preview-missing")).toContainText("contact.name");
  await page.getByTestId("template-save").click();
  await expect(page).toHaveURL(/\/templates\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("save-notice")).toBeVisible();

  // Connection: the secret goes in once and never comes back.
  const secret = `tok-${RUN}-never-shown`;
  await page.goto("/connections/new");
  await page.getByTestId("connection-type-http").check();
  await page.getByTestId("connection-name").fill(`CRM ${RUN}`);
  await page.getByTestId("connection-base-url").fill("https://crm.example.com");
  await page.getByTestId("connection-secret-input").fill(secret);
  await page.getByTestId("connection-save").click();
  await expect(page).toHaveURL(/\/connections\/[0-9a-f-]{36}$/);
  await expect(page.getByTestId("connection-secret-stored")).toContainText("••••");
  await expect(page.locator("body")).not.toContainText(secret);
  // An empty secret on save keeps the stored one.
  await page.getByTestId("connection-name").fill(`CRM ${RUN} renamed`);
  await page.getByTestId("connection-save").click();
  await expect(page.getByTestId("save-notice")).toBeVisible();
  await expect(page.getByTestId("connection-secret-stored")).toBeVisible();

  // Contact with tags typed as chips.
  await page.goto("/contacts/new");
  await page.getByTestId("contact-external-id").fill(`form-${RUN}`);
  await page.getByTestId("contact-name").fill("Form Contact");
  await page.getByTestId("contact-email").fill(`form-${RUN}@example.com`);
  await page.getByTestId("tag-text").fill("VIP");
  await page.getByTestId("tag-text").press("Enter");
  await page.getByTestId("tag-text").pressSequentially("beta,");
  await expect(page.getByTestId("tag-chip")).toHaveCount(2);
  await page.getByTestId("contact-save").click();
  await expect(page).toHaveURL(new RegExp(`/contacts/form-${RUN}$`));
  await expect(page.getByTestId("save-notice")).toBeVisible();
  const saved = await api.call("GET", `/contacts/form-${RUN}`);
  expect(saved.body.tags).toEqual(["VIP", "beta"]);

  // User: create, promote, disable.
  await page.goto("/users");
  await page.getByTestId("user-new").click();
  await page.getByTestId("user-email").fill(`form-user-${RUN}@example.com`);
  await page.getByTestId("user-password").fill("form-user-password");
  await page.getByTestId("user-create-submit").click();
  const row = page.getByTestId("user-row").filter({ hasText: `form-user-${RUN}@example.com` });
  await expect(row).toBeVisible();
  await row.getByTestId("user-role").selectOption("editor");
  await page.getByTestId("confirm-ok").click();
  await expect(row.getByTestId("user-role")).toHaveValue("editor");
  await row.getByTestId("user-disable").click();
  await page.getByTestId("confirm-ok").click();
  await expect(row).toHaveAttribute("data-disabled", "true");

  // Bulk: disable two rules at once, then enable them again.
  await page.goto("/rules");
  const names = [`Screens hourly ${RUN}`, `Screens CRM sync ${RUN}`];
  for (const n of names) await page.getByTestId("rule-row").filter({ hasText: n }).getByTestId("rule-select").check();
  await expect(page.getByTestId("rules-bulk-count")).toContainText("2");
  await page.getByTestId("bulk-disable").click();
  await expect(page.getByTestId("rules-bulk-result")).toBeVisible();
  for (const n of names) await expect(page.getByTestId("rule-row").filter({ hasText: n })).toHaveAttribute("data-status", "disabled");
  for (const n of names) await page.getByTestId("rule-row").filter({ hasText: n }).getByTestId("rule-select").check();
  await page.getByTestId("bulk-enable").click();
  for (const n of names) await expect(page.getByTestId("rule-row").filter({ hasText: n })).toHaveAttribute("data-status", "enabled");
});
