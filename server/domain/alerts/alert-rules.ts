// Alert rules: list, get, create, update, delete (admins), each write audited with the state
// before and after (webhook secrets never: they are stored encrypted and shown as hasSecret).
import { z } from "zod";
import { pool, withTransaction, type Queryable } from "../../db";
import { AppError, invalidDocument } from "../../errors";
import type { Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { encryptSecret } from "../connections/secret-box";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { iso } from "../shared/time";
import { alertDocument, type AlertKind, type ChannelInput, type StoredChannel } from "./alert-schema";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

interface AlertRuleRow {
  id: string;
  name: string;
  description: string | null;
  kind: AlertKind;
  rule_id: string | null;
  params: Record<string, unknown>;
  channels: StoredChannel[];
  enabled: boolean;
  created_at: Date;
  updated_at: Date;
  last_evaluated_at: Date | null;
  last_value: number | null;
  last_error: string | null;
  rule_name: string | null;
  open_id: string | null;
  open_at: Date | null;
  open_summary: string | null;
}

const SELECT = `
  SELECT a.*, r.name AS rule_name, i.id AS open_id, i.opened_at AS open_at, i.summary AS open_summary
    FROM alert_rule a
    LEFT JOIN automation_rule r ON r.rule_id = a.rule_id
    LEFT JOIN alert_incident i ON i.alert_rule_id = a.id AND i.status = 'open'`;

export function publicChannel(c: StoredChannel) {
  if (c.type === "webhook") return { type: c.type, url: c.url, hasSecret: Boolean(c.secretEnc) };
  return c;
}

function dto(r: AlertRuleRow) {
  return {
    id: r.id,
    name: r.name,
    description: r.description,
    kind: r.kind,
    ruleId: r.rule_id,
    ruleName: r.rule_name,
    params: r.params,
    channels: r.channels.map(publicChannel),
    enabled: r.enabled,
    createdAt: iso(r.created_at)!,
    updatedAt: iso(r.updated_at)!,
    lastEvaluatedAt: iso(r.last_evaluated_at),
    lastValue: r.last_value,
    lastError: r.last_error,
    openIncident: r.open_id ? { id: r.open_id, openedAt: iso(r.open_at)!, summary: r.open_summary! } : null,
  };
}
export type AlertRuleDto = ReturnType<typeof dto>;

/** What the audit log keeps of an alert rule: everything but secrets. */
function audited(r: AlertRuleRow) {
  const { rule_name: _n, open_id: _o, open_at: _a, open_summary: _s, last_evaluated_at: _e, last_value: _v, last_error: _r, ...rest } = r;
  return { ...rest, channels: r.channels.map(publicChannel) };
}

export const listAlertRulesInput = z.object({ ...pageInput });

export async function listAlertRules(input: z.input<typeof listAlertRulesInput> = {}) {
  const q = listAlertRulesInput.parse(input);
  const cur = decodeCursor(q.cursor, 2);
  const params: unknown[] = [q.limit + 1];
  let where = "";
  if (cur) {
    params.push(cur[0], cur[1]);
    where = "WHERE (a.created_at, a.id) < ($2::timestamptz, $3::uuid)";
  }
  const { rows } = await pool().query<AlertRuleRow>(`${SELECT} ${where} ORDER BY a.created_at DESC, a.id DESC LIMIT $1`, params);
  return toPage(rows, q.limit, dto, (r) => [iso(r.created_at), r.id]);
}

async function load(db: Queryable, id: string, lock = false): Promise<AlertRuleRow> {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", `alert ${id} not found`);
  const { rows } = await db.query<AlertRuleRow>(`${SELECT} WHERE a.id = $1 ${lock ? "FOR UPDATE OF a" : ""}`, [id]);
  if (!rows[0]) throw new AppError("NOT_FOUND", `alert ${id} not found`);
  return rows[0];
}

export async function getAlertRule(id: string) {
  return dto(await load(pool(), id));
}

function parseDocument(input: unknown) {
  const parsed = alertDocument.safeParse(input);
  if (!parsed.success) throw invalidDocument(parsed.error, "alert");
  return parsed.data;
}

/** References must exist: the watched rule, and the smtp connections of email channels. */
async function checkReferences(db: Queryable, doc: ReturnType<typeof parseDocument>): Promise<void> {
  const issues: { path: string; message: string }[] = [];
  if (doc.ruleId) {
    const { rows } = await db.query(`SELECT 1 FROM automation_rule WHERE rule_id = $1 AND deleted_at IS NULL`, [doc.ruleId]);
    if (!rows[0]) issues.push({ path: "ruleId", message: `rule ${doc.ruleId} does not exist` });
  }
  for (const [i, c] of doc.channels.entries()) {
    if (c.type !== "email" || !c.connectionId) continue;
    const { rows } = await db.query<{ type: string }>(`SELECT type FROM connection WHERE id = $1`, [c.connectionId]);
    if (!rows[0]) issues.push({ path: `channels.${i}.connectionId`, message: `connection ${c.connectionId} does not exist` });
    else if (rows[0].type !== "smtp") issues.push({ path: `channels.${i}.connectionId`, message: `connection ${c.connectionId} is ${rows[0].type}, not smtp` });
  }
  if (issues.length) throw new AppError("INVALID_DOCUMENT", `Invalid alert: ${issues[0].path}: ${issues[0].message}`, issues);
}

/** Channels as stored; a webhook channel given without a secret keeps the one stored for its URL. */
function storeChannels(channels: ChannelInput[], previous: StoredChannel[] = []): StoredChannel[] {
  return channels.map((c) => {
    if (c.type !== "webhook") return c;
    const kept = previous.find((p): p is Extract<StoredChannel, { type: "webhook" }> => p.type === "webhook" && p.url === c.url)?.secretEnc;
    const secretEnc = c.secret ? encryptSecret(c.secret) : kept;
    return { type: "webhook", url: c.url, ...(secretEnc ? { secretEnc } : {}) };
  });
}

export async function createAlertRule(actor: Actor, input: unknown) {
  const doc = parseDocument(input);
  return withTransaction(async (db) => {
    await checkReferences(db, doc);
    const { rows } = await db.query<{ id: string }>(
      `INSERT INTO alert_rule (name, description, kind, rule_id, params, channels, enabled) VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
      [doc.name, doc.description ?? null, doc.kind, doc.ruleId ?? null, JSON.stringify(doc.params), JSON.stringify(storeChannels(doc.channels)), doc.enabled],
    );
    const created = await load(db, rows[0].id);
    await recordAudit(db, { actor, action: "alert.create", entity: "alert", entityId: created.id, after: audited(created) });
    return dto(created);
  });
}

export async function updateAlertRule(actor: Actor, id: string, input: unknown) {
  const doc = parseDocument(input);
  return withTransaction(async (db) => {
    const before = await load(db, id, true);
    await checkReferences(db, doc);
    await db.query(
      `UPDATE alert_rule SET name = $2, description = $3, kind = $4, rule_id = $5, params = $6, channels = $7, enabled = $8,
              updated_at = now(), last_error = NULL WHERE id = $1`,
      [id, doc.name, doc.description ?? null, doc.kind, doc.ruleId ?? null, JSON.stringify(doc.params), JSON.stringify(storeChannels(doc.channels, before.channels)), doc.enabled],
    );
    // A changed condition is judged afresh: an incident of the old one closes without a notice.
    if (before.open_id && (!doc.enabled || doc.kind !== before.kind || (doc.ruleId ?? null) !== before.rule_id)) {
      await closeQuietly(db, id, doc.enabled ? "the alert's condition was changed" : "the alert was disabled");
    }
    const after = await load(db, id);
    await recordAudit(db, { actor, action: "alert.update", entity: "alert", entityId: id, before: audited(before), after: audited(after) });
    return dto(after);
  });
}

export async function deleteAlertRule(actor: Actor, id: string): Promise<void> {
  await withTransaction(async (db) => {
    const before = await load(db, id, true);
    await closeQuietly(db, id, "the alert was deleted");
    await db.query(`DELETE FROM alert_rule WHERE id = $1`, [id]);
    await recordAudit(db, { actor, action: "alert.delete", entity: "alert", entityId: id, before: audited(before) });
  });
}

/** Resolves the open incident without a recovery notice (nobody is watching that condition any more). */
async function closeQuietly(db: Queryable, alertRuleId: string, reason: string): Promise<void> {
  await db.query(
    `UPDATE alert_incident SET status = 'resolved', resolved_at = now(), resolution = $2,
            notices = notices || '{"resolved": {"suppressed": true}}'::jsonb
      WHERE alert_rule_id = $1 AND status = 'open'`,
    [alertRuleId, JSON.stringify({ reason })],
  );
}
