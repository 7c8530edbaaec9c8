// Dangerous actions ask first: deleting a rule from its page (confirmation dialog that names the
// rule), after which the app is back on /rules and the API no longer has the rule.
import { expect, login, shot, test } from "./support/fixtures";

const RUN = Date.now().toString(36);

test("an admin deletes a rule from its page after confirming", async ({ page, api, info }) => {
  const name = `Delete me ${RUN}`;
  const created = await api.call("POST", "/rules", {
    name,
    trigger: { type: "event", event: `confirm.delete.${RUN}` },
    actions: [{ type: "notify", params: { title: "bye", body: "ok" } }],
  });
  expect(created.status, JSON.stringify(created.body)).toBe(201);
  const id = created.body.id as string;

  await login(page, info.adminEmail, info.adminPassword);
  await page.goto(`/rules/${id}`);
  await expect(page.getByTestId("rule-page")).toBeVisible();

  // Cancelling keeps the rule.
  await page.getByTestId("rule-delete").click();
  const dialog = page.getByTestId("confirm-dialog");
  await expect(dialog).toBeVisible();
  await expect(dialog).toContainText(name);
  await expect(dialog).toContainText("executions stay readable");
  await dialog.getByTestId("confirm-cancel").click();
  await expect(dialog).toBeHidden();
  expect((await api.call("GET", `/rules/${id}`)).status).toBe(200);

  await page.getByTestId("rule-delete").click();
  await expect(dialog).toBeVisible();
  await shot(page, "rule-delete-dialog");
  await dialog.getByTestId("confirm-ok").click();

  await expect(page).toHaveURL(/\/rules\/?(\?.*)?$/);
  await expect(page.getByTestId("rules-table")).toBeVisible();
  await expect(page.locator(`[data-testid="rule-row"][data-rule-id="${id}"]`)).toHaveCount(0);
  expect((await api.call("GET", `/rules/${id}`)).status).toBe(404);
});
