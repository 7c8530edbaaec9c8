// Key rotation for credentials at rest: every connection secret (connection.secret_enc), every
// webhook signing secret (automation_rule.webhook_secret_enc) and every alert webhook channel's
// secret (alert_rule.channels[].secretEnc) is decrypted with the old AUTOFLOW_SECRET and encrypted
// again with the new one, in ONE transaction: either all of them move to the new key or none does.
// `npm run autoflow -- secrets:rotate --old OLD --new NEW`.
//
// A value that already opens with the new key is left as it is, so running the command again
// after a partial roll-out (or twice) is harmless. A value that opens with neither key stops the
// rotation with the row named and nothing changed.
import type { PoolClient } from "pg";
import { withTransaction } from "../../db";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { decryptSecret, encryptSecret } from "./secret-box";

export interface RotationResult {
  connections: number;
  webhookSecrets: number;
  alertWebhookSecrets: number;
  /** Values that were already under the new key. */
  alreadyRotated: number;
}

export const MIN_SECRET_LENGTH = 16;

type Opened = { plain: string; under: "old" | "new" };

function open(box: string, oldSecret: string, newSecret: string): Opened | null {
  try {
    return { plain: decryptSecret(box, oldSecret), under: "old" };
  } catch {
    try {
      return { plain: decryptSecret(box, newSecret), under: "new" };
    } catch {
      return null;
    }
  }
}

async function rotateColumn(
  db: PoolClient,
  what: string,
  select: string,
  update: string,
  oldSecret: string,
  newSecret: string,
): Promise<{ rotated: number; already: number }> {
  const { rows } = await db.query<{ id: string; name: string; box: string }>(select);
  let rotated = 0;
  let already = 0;
  for (const row of rows) {
    const opened = open(row.box, oldSecret, newSecret);
    if (!opened) {
      throw new AppError(
        "CONFLICT",
        `the ${what} of '${row.name}' (${row.id}) opens with neither the old nor the new key; nothing was changed`,
      );
    }
    if (opened.under === "new") {
      already++;
      continue;
    }
    await db.query(update, [row.id, encryptSecret(opened.plain, newSecret)]);
    rotated++;
  }
  return { rotated, already };
}

async function hasAlertRules(db: PoolClient): Promise<boolean> {
  return (await db.query<{ t: string | null }>(`SELECT to_regclass('alert_rule')::text AS t`)).rows[0].t !== null;
}

/** Alert webhook channels keep their secret inside the channels JSON: [{type: "webhook", url, secretEnc}]. */
async function rotateAlertChannels(db: PoolClient, oldSecret: string, newSecret: string): Promise<{ rotated: number; already: number }> {
  if (!(await hasAlertRules(db))) return { rotated: 0, already: 0 };
  const { rows } = await db.query<{ id: string; name: string; channels: unknown }>(
    `SELECT id::text AS id, name, channels FROM alert_rule WHERE channels::text LIKE '%secretEnc%' ORDER BY id`,
  );
  let rotated = 0;
  let already = 0;
  for (const row of rows) {
    if (!Array.isArray(row.channels)) continue;
    let changed = false;
    const channels = row.channels.map((ch: unknown) => {
      const c = ch as { secretEnc?: unknown };
      if (!c || typeof c !== "object" || typeof c.secretEnc !== "string") return ch;
      const opened = open(c.secretEnc, oldSecret, newSecret);
      if (!opened) {
        throw new AppError("CONFLICT", `an alert webhook secret of '${row.name}' (${row.id}) opens with neither the old nor the new key; nothing was changed`);
      }
      if (opened.under === "new") {
        already++;
        return ch;
      }
      rotated++;
      changed = true;
      return { ...c, secretEnc: encryptSecret(opened.plain, newSecret) };
    });
    if (changed) await db.query(`UPDATE alert_rule SET channels = $2 WHERE id = $1::uuid`, [row.id, JSON.stringify(channels)]);
  }
  return { rotated, already };
}

export async function rotateSecrets(actor: Actor, oldSecret: string, newSecret: string): Promise<RotationResult> {
  if (!oldSecret) throw new AppError("BAD_REQUEST", "give the current key as --old");
  if (!newSecret || newSecret.length < MIN_SECRET_LENGTH) {
    throw new AppError("BAD_REQUEST", `the new key must be at least ${MIN_SECRET_LENGTH} characters`);
  }
  if (oldSecret === newSecret) throw new AppError("BAD_REQUEST", "the new key is the same as the old one");
  return withTransaction(async (db) => {
    // Writers of these columns wait until the rotation commits (no value saved meanwhile under the old key is missed).
    const alerts = await hasAlertRules(db);
    await db.query(`LOCK TABLE connection, automation_rule${alerts ? ", alert_rule" : ""} IN SHARE ROW EXCLUSIVE MODE`);
    const c = await rotateColumn(
      db,
      "connection secret",
      `SELECT id::text AS id, name, secret_enc AS box FROM connection WHERE secret_enc IS NOT NULL ORDER BY id`,
      `UPDATE connection SET secret_enc = $2 WHERE id = $1::uuid`,
      oldSecret,
      newSecret,
    );
    const w = await rotateColumn(
      db,
      "webhook secret",
      `SELECT rule_id::text AS id, name, webhook_secret_enc AS box FROM automation_rule WHERE webhook_secret_enc IS NOT NULL ORDER BY rule_id`,
      `UPDATE automation_rule SET webhook_secret_enc = $2 WHERE rule_id = $1::uuid`,
      oldSecret,
      newSecret,
    );
    const a = await rotateAlertChannels(db, oldSecret, newSecret);
    const result = {
      connections: c.rotated,
      webhookSecrets: w.rotated,
      alertWebhookSecrets: a.rotated,
      alreadyRotated: c.already + w.already + a.already,
    };
    await recordAudit(db, { actor, action: "secrets.rotate", entity: "system", entityId: null, after: result });
    return result;
  });
}

/**
 * After a rotation: when the key came from the generated file (.data/secret, no AUTOFLOW_SECRET in
 * the environment) and the file holds the old key, the file gets the new one. Returns what it did.
 */
export async function updateGeneratedSecretFile(oldSecret: string, newSecret: string, envSecret: string | undefined, dataDir: string) {
  const fs = await import("node:fs");
  const path = await import("node:path");
  const file = path.resolve(dataDir, "secret");
  if (envSecret) return { file: null, updated: false };
  if (!fs.existsSync(file) || fs.readFileSync(file, "utf8").trim() !== oldSecret) return { file, updated: false };
  fs.writeFileSync(file, newSecret, { mode: 0o600 });
  return { file, updated: true };
}
