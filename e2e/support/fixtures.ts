// Shared e2e fixtures: server info, an admin API client with a token made by the real CLI, and
// a logged-in page.
import { execFileSync } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { test as base, expect, type Page } from "@playwright/test";

export interface ServerInfo {
  baseURL: string;
  databaseUrl: string;
  adminEmail: string;
  adminPassword: string;
  dataDir: string;
}

export function serverInfo(): ServerInfo {
  return JSON.parse(fs.readFileSync(path.resolve(".data/e2e/info.json"), "utf8"));
}

const tokens = new Map<string, string>();

/** `npm run autoflow -- token:create` — the token is the last line it prints. */
export function cliToken(role: "viewer" | "operator" | "editor" | "admin"): string {
  const hit = tokens.get(role);
  if (hit) return hit;
  const info = serverInfo();
  const out = execFileSync(process.execPath, ["--import", "tsx", "server/cli/index.ts", "token:create", "--name", `e2e-${role}`, "--role", role], {
    env: { ...process.env, DATABASE_URL: info.databaseUrl, AUTOFLOW_DATA_DIR: info.dataDir, AUTOFLOW_SECRET: "e2e-secret-e2e-secret-e2e-secret", LOG_LEVEL: "silent" },
    encoding: "utf8",
  });
  const token = out.trim().split("\n").pop()!.trim();
  tokens.set(role, token);
  return token;
}

export class Api {
  constructor(private baseURL: string, private token: string) {}
  async call<T = any>(method: string, p: string, body?: unknown): Promise<{ status: number; body: T }> {
    const r = await fetch(`${this.baseURL}/api/v1${p}`, {
      method,
      headers: { authorization: `Bearer ${this.token}`, "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await r.text();
    return { status: r.status, body: text ? JSON.parse(text) : null };
  }
}

export async function login(page: Page, email: string, password: string) {
  await page.goto("/login");
  await page.getByTestId("login-email").fill(email);
  await page.getByTestId("login-password").fill(password);
  await page.getByTestId("login-submit").click();
  await expect(page.getByTestId("nav-rules")).toBeVisible();
}

export const SHOTS = path.resolve("e2e/screenshots");
fs.mkdirSync(SHOTS, { recursive: true });

export async function shot(page: Page, name: string) {
  await page.waitForLoadState("networkidle").catch(() => {});
  await page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage: true });
}

export const test = base.extend<{ api: Api; info: ServerInfo }>({
  info: async ({}, use) => use(serverInfo()),
  api: async ({}, use) => use(new Api(serverInfo().baseURL, cliToken("admin"))),
});
export { expect };
