// Starts Autoflow for the e2e run on a fresh database: `autoflow_e2e` on the server in
// DATABASE_URL, else an embedded Postgres under .data/e2e. Writes what the tests need to
// .data/e2e/info.json. Playwright stops this process when the run ends; it stops its children.
import { spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import pg from "pg";

const PORT = Number(process.env.E2E_PORT ?? 3210);
const DATA = path.resolve(".data/e2e");
fs.mkdirSync(DATA, { recursive: true });
const ADMIN_EMAIL = "admin@autoflow.local";
const ADMIN_PASSWORD = "e2e-admin-password";

async function freshDatabase(): Promise<string | undefined> {
  const server = process.env.DATABASE_URL;
  if (!server) return undefined; // `autoflow start` starts an embedded Postgres in AUTOFLOW_DATA_DIR
  const admin = new pg.Client({ connectionString: server });
  await admin.connect();
  await admin.query("DROP DATABASE IF EXISTS autoflow_e2e WITH (FORCE)");
  await admin.query("CREATE DATABASE autoflow_e2e");
  await admin.end();
  const url = new URL(server);
  url.pathname = "/autoflow_e2e";
  return url.toString();
}

const databaseUrl = await freshDatabase();
fs.rmSync(path.join(DATA, "info.json"), { force: true });
if (!databaseUrl) fs.rmSync(path.join(DATA, "pg"), { recursive: true, force: true });
const env: NodeJS.ProcessEnv = {
  ...process.env,
  PORT: String(PORT),
  AUTOFLOW_DATA_DIR: DATA,
  ADMIN_EMAIL,
  ADMIN_PASSWORD,
  AUTOFLOW_SECRET: "e2e-secret-e2e-secret-e2e-secret",
  LOG_LEVEL: "warn",
};
if (databaseUrl) env.DATABASE_URL = databaseUrl;
else delete env.DATABASE_URL;

const child = spawn(process.execPath, ["--import", "tsx", "server/cli/index.ts", "start"], {
  env,
  stdio: ["ignore", "pipe", "inherit"],
});
let out = "";
child.stdout!.on("data", (d: Buffer) => {
  process.stdout.write(d);
  out += d.toString();
  if (/Autoflow is running/.test(out) && !fs.existsSync(path.join(DATA, "info.json"))) {
    const dbUrl = databaseUrl ?? `postgresql://postgres:autoflow@127.0.0.1:${fs.readFileSync(path.join(DATA, "pg.port"), "utf8").trim()}/autoflow`;
    fs.writeFileSync(
      path.join(DATA, "info.json"),
      JSON.stringify({ baseURL: `http://localhost:${PORT}`, databaseUrl: dbUrl, adminEmail: ADMIN_EMAIL, adminPassword: ADMIN_PASSWORD, dataDir: DATA }),
    );
  }
});
const stop = () => child.kill("SIGTERM");
process.on("SIGTERM", stop);
process.on("SIGINT", stop);
child.on("exit", (code) => process.exit(code ?? 0));
