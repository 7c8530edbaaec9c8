// The admin CLI: `npm run autoflow -- <command>`. Each command is a thin wrapper over the domain.
import { parseArgs } from "node:util";
import fs from "node:fs";
import { closeDb } from "../db";
import { systemActor } from "../auth/roles";
import { ensureAdmin, ensureDatabase, ensureSecret, migrateDatabase } from "./bootstrap";

process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.CHECKPOINT_DISABLE = "1";

const log = (s: string) => console.log(`[autoflow] ${s}`);

const usage = `Usage: npm run autoflow -- <command>

  start                         everything on one machine (what \`npm start\` runs)
  migrate                       apply database migrations
  web                           the web app alone (PORT, default 3000)
  worker                        one worker process (run several to scale out)
  user:create --email E --password P --role viewer|operator|editor|admin
  token:create --name N --role viewer|operator|editor|admin   (prints the token last)
  rules:export [--out FILE]     all rules as JSON (connections by name, never secrets)
  rules:import FILE             create or update rules from such a file
  secrets:rotate --old OLD --new NEW   re-encrypt stored credentials under a new AUTOFLOW_SECRET`;

// One-shot commands stop the embedded Postgres they started (one that `npm start` runs is reused
// and left running), or the process would never exit.
let embedded: { stop(): Promise<void> } | null = null;
async function database(): Promise<void> {
  embedded = await ensureDatabase(log);
}

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: "string" },
      password: { type: "string" },
      role: { type: "string" },
      name: { type: "string" },
      out: { type: "string" },
      old: { type: "string" },
      new: { type: "string" },
    },
  });
  switch (command) {
    case "start": {
      const { startAll } = await import("./start");
      await startAll();
      return;
    }
    case "migrate":
      await database();
      await migrateDatabase(log);
      break;
    case "web": {
      ensureSecret();
      const { startWeb } = await import("./web");
      await startWeb({ log });
      return;
    }
    case "worker": {
      ensureSecret();
      await ensureDatabase(log);
      await migrateDatabase(log);
      const { startWorker } = await import("../../worker/start-worker");
      await startWorker({ handleSignals: true });
      return;
    }
    case "user:create": {
      ensureSecret();
      await database();
      const { createUser } = await import("../domain/users/users");
      const u = await createUser(systemActor, { email: values.email ?? "", password: values.password ?? "", role: values.role as never });
      log(`created user ${u.email} (${u.role})`);
      break;
    }
    case "token:create": {
      ensureSecret();
      await database();
      const { createToken } = await import("../domain/users/users");
      const t = await createToken(systemActor, { name: values.name ?? "", role: values.role as never });
      log(`created API token '${t.name}' with role ${t.role}; it is shown only now:`);
      console.log(t.token);
      break;
    }
    case "rules:export": {
      ensureSecret();
      await database();
      const { exportRules } = await import("../domain/rules/export-import");
      const json = JSON.stringify(await exportRules(), null, 2);
      if (values.out) fs.writeFileSync(values.out, json + "\n");
      else console.log(json);
      break;
    }
    case "rules:import": {
      ensureSecret();
      await database();
      const file = positionals[0];
      if (!file) throw new Error("rules:import needs a FILE");
      const { importRules } = await import("../domain/rules/export-import");
      const r = await importRules(systemActor, JSON.parse(fs.readFileSync(file, "utf8")));
      log(`imported ${r.created} new and ${r.updated} updated rules`);
      break;
    }
    case "secrets:rotate": {
      // Stop the web app and workers first: they hold the old key until restarted with the new one.
      const oldKey = values.old ?? process.env.AUTOFLOW_SECRET_OLD ?? "";
      const newKey = values.new ?? process.env.AUTOFLOW_SECRET_NEW ?? "";
      await database();
      const { rotateSecrets, updateGeneratedSecretFile } = await import("../domain/connections/rotate-secrets");
      const r = await rotateSecrets(systemActor, oldKey, newKey);
      log(
        `re-encrypted ${r.connections} connection secrets, ${r.webhookSecrets} webhook secrets and ${r.alertWebhookSecrets} alert webhook secrets` +
          (r.alreadyRotated ? ` (${r.alreadyRotated} were already under the new key)` : ""),
      );
      const { env } = await import("../env");
      const f = await updateGeneratedSecretFile(oldKey, newKey, process.env.AUTOFLOW_SECRET, env().AUTOFLOW_DATA_DIR);
      if (f.updated) log(`wrote the new key to ${f.file}`);
      else log("now set AUTOFLOW_SECRET to the new key and restart the web app and every worker (sessions signed with the old key end)");
      break;
    }
    default:
      console.log(usage);
      process.exitCode = command ? 1 : 0;
  }
  await closeDb();
  await embedded?.stop();
}

main().catch(async (err) => {
  const e = (err ?? {}) as { message?: string; issues?: { path: string; message: string }[] };
  console.error(`[autoflow] error: ${e.message ?? String(err)}`);
  for (const i of e.issues ?? []) console.error(`  ${i.path}: ${i.message}`);
  await closeDb();
  await embedded?.stop().catch(() => {});
  process.exit(1);
});
