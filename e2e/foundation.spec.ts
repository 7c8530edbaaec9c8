// Foundation: log in, create a rule through the API, post an event, see the execution succeed in
// the workbench. Screenshots go to e2e/screenshots/.
import { expect, login, shot, test } from "./support/fixtures";

test("an event posted with a CLI token shows up as a successful execution in the UI", async ({ page, api, info }) => {
  const rule = await api.call("POST", "/rules", {
    name: "E2E thank-you",
    trigger: { type: "event", event: "e2e.order.paid" },
    actions: [{ type: "notify", params: { title: "Paid", body: "Order {{payload.orderId}} paid" } }],
  });
  expect(rule.status).toBe(201);
  expect((await api.call("POST", `/rules/${rule.body.id}/enable`)).status).toBe(200);
  const ev = await api.call("POST", "/events", { type: "e2e.order.paid", id: "e2e-evt-1", payload: { orderId: 7 } });
  expect(ev.body).toEqual({ accepted: 1, duplicates: 0 });

  await login(page, info.adminEmail, info.adminPassword);
  await shot(page, "workbench-en");
  await page.getByTestId("nav-rules").click();
  await expect(page.getByTestId("rule-row").filter({ hasText: "E2E thank-you" })).toBeVisible();
  await shot(page, "rules-en");

  await page.getByTestId("nav-executions").click();
  const row = page.getByTestId("execution-row").filter({ hasText: "E2E thank-you" }).first();
  await expect(row).toBeVisible();
  await expect(row.getByTestId("execution-status")).toHaveText(/success|成功/i, { timeout: 30_000 });
  await shot(page, "executions-en");
  await row.getByTestId("execution-link").click();
  await expect(page.getByTestId("execution-page")).toBeVisible();
  await expect(page.getByTestId("action-attempt")).toHaveCount(1);
  await expect(page.getByTestId("execution-status").first()).toHaveText(/success|成功/i);
  await shot(page, "execution-detail-en");
});

test("without a token the API answers 401; a viewer cannot create rules", async ({ info }) => {
  const r = await fetch(`${info.baseURL}/api/v1/rules`);
  expect(r.status).toBe(401);
  const { cliToken, Api } = await import("./support/fixtures");
  const viewer = new Api(info.baseURL, cliToken("viewer"));
  const res = await viewer.call("POST", "/rules", { name: "x", trigger: { type: "event", event: "x" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] });
  expect(res.status).toBe(403);
});
