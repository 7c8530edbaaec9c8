// Create and update: each save is an immutable RuleVersion; the rule row carries the current
// version's columns (denormalised for indexes) and its schedule is re-synced in the same transaction.
import crypto from "node:crypto";
import type { PoolClient } from "pg";
import { withTransaction } from "../../db";
import { AppError } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../connections/secret-box";
import { syncRuleSchedule } from "../scheduler/sync-schedule";
import { documentFromRow, ruleToDto, RULE_COLUMNS, type RuleRow } from "./rule-dto";
import type { RuleDocument } from "./rule-document";
import { loadRule } from "./load-rule";
import { parseRuleDocument } from "./parse-rule-document";

function columns(doc: RuleDocument) {
  const t = doc.trigger;
  return [
    doc.name,
    doc.description ?? null,
    JSON.stringify(t),
    doc.condition ? JSON.stringify(doc.condition) : null,
    JSON.stringify(doc.actions),
    JSON.stringify(doc.retryPolicy),
    doc.execution ? JSON.stringify(doc.execution) : null,
    doc.priority,
    t.type,
    t.type === "event" ? t.event : null,
  ];
}

async function insertVersion(db: PoolClient, ruleId: string, version: number, doc: RuleDocument, actor: Actor) {
  await db.query(
    `INSERT INTO rule_version (rule_id, version, document, created_by) VALUES ($1, $2, $3, $4)`,
    [ruleId, version, JSON.stringify(doc), actor.name],
  );
}

export function newWebhookSecret(): string {
  return `whsec_${crypto.randomBytes(24).toString("base64url")}`;
}

export async function createRule(actor: Actor, input: unknown) {
  const doc = parseRuleDocument(input);
  return withTransaction(async (db) => {
    const secret = doc.trigger.type === "webhook" ? newWebhookSecret() : null;
    const { rows } = await db.query<RuleRow>(
      `INSERT INTO automation_rule (name, description, trigger_config, condition_logic, actions_config, retry_policy,
         execution_control, priority, trigger_type, trigger_event_type, webhook_secret_enc, status, updated_at)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,'disabled', now()) RETURNING ${RULE_COLUMNS}`,
      [...columns(doc), secret ? encryptSecret(secret) : null],
    );
    const row = rows[0];
    await insertVersion(db, row.rule_id, 1, doc, actor);
    await recordAudit(db, { actor, action: "rule.create", entity: "rule", entityId: row.rule_id, after: doc });
    return { ...ruleToDto(row), ...(secret ? { webhookSecret: secret } : {}) };
  });
}

export async function updateRule(actor: Actor, id: string, input: unknown) {
  const doc = parseRuleDocument(input);
  return withTransaction(async (db) => {
    const before = await loadRule(db, id, true);
    const version = before.current_version + 1;
    // A rule that becomes a webhook rule gets its secret now; one that stays keeps it.
    const hadSecret = (await db.query(`SELECT webhook_secret_enc IS NOT NULL AS has FROM automation_rule WHERE rule_id = $1`, [id])).rows[0].has;
    const secret = doc.trigger.type === "webhook" && !hadSecret ? newWebhookSecret() : null;
    const { rows } = await db.query<RuleRow>(
      `UPDATE automation_rule SET name=$1, description=$2, trigger_config=$3, condition_logic=$4, actions_config=$5,
         retry_policy=$6, execution_control=$7, priority=$8, trigger_type=$9, trigger_event_type=$10,
         current_version=$11, updated_at=now(), webhook_secret_enc = COALESCE($12, webhook_secret_enc)
       WHERE rule_id=$13 RETURNING ${RULE_COLUMNS}`,
      [...columns(doc), version, secret ? encryptSecret(secret) : null, id],
    );
    const row = rows[0];
    await insertVersion(db, id, version, doc, actor);
    await syncRuleSchedule(db, { ruleId: id, status: row.status, deleted: false, document: doc });
    await recordAudit(db, {
      actor,
      action: "rule.update",
      entity: "rule",
      entityId: id,
      before: documentFromRow(before).document,
      after: doc,
    });
    const fresh = await loadRule(db, id);
    return { ...ruleToDto(fresh), ...(secret ? { webhookSecret: secret } : {}) };
  });
}

export async function rotateWebhookSecret(actor: Actor, id: string) {
  return withTransaction(async (db) => {
    const row = await loadRule(db, id, true);
    if (row.trigger_type !== "webhook") {
      throw new AppError("CONFLICT", "only webhook rules have a signing secret");
    }
    const secret = newWebhookSecret();
    await db.query(`UPDATE automation_rule SET webhook_secret_enc = $2, updated_at = now() WHERE rule_id = $1`, [id, encryptSecret(secret)]);
    await recordAudit(db, { actor, action: "rule.rotate_webhook_secret", entity: "rule", entityId: id });
    return { ...ruleToDto(await loadRule(db, id)), webhookSecret: secret };
  });
}
