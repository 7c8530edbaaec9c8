// rules:export / rules:import. Rules travel as their documents; a connection is referenced by
// its name (the runtime resolves ids and names alike), never by id and never with its secret.
import { z } from "zod";
import { pool } from "../../db";
import type { Actor } from "../../auth/roles";
import { RULE_COLUMNS, documentFromRow, type RuleRow } from "./rule-dto";
import { createRule, updateRule } from "./write-rule";

export const exportFileSchema = z.object({
  autoflow: z.literal(1),
  exportedAt: z.string(),
  rules: z.array(z.object({ name: z.string(), status: z.enum(["enabled", "disabled", "archived"]), document: z.unknown() })),
});

function mapConnections(doc: unknown, map: (v: string) => string): unknown {
  const d = structuredClone(doc) as { actions?: { params?: Record<string, unknown> }[] };
  for (const a of d.actions ?? []) {
    if (a.params && typeof a.params.connectionId === "string") a.params.connectionId = map(a.params.connectionId);
  }
  return d;
}

export async function exportRules() {
  const { rows } = await pool().query<RuleRow>(`SELECT ${RULE_COLUMNS} FROM automation_rule WHERE deleted_at IS NULL ORDER BY name`);
  const conns = await pool().query<{ id: string; name: string }>(`SELECT id, name FROM connection`);
  const names = new Map(conns.rows.map((c) => [c.id, c.name]));
  return {
    autoflow: 1 as const,
    exportedAt: new Date().toISOString(),
    rules: rows.map((r) => ({
      name: r.name,
      status: r.status,
      document: mapConnections(documentFromRow(r).document ?? {}, (id) => names.get(id) ?? id),
    })),
  };
}

/** Creates rules whose name is new and updates (new version) those whose name exists. */
export async function importRules(actor: Actor, file: unknown) {
  const parsed = exportFileSchema.parse(file);
  let created = 0;
  let updated = 0;
  for (const r of parsed.rules) {
    const existing = await pool().query<{ rule_id: string }>(
      `SELECT rule_id FROM automation_rule WHERE name = $1 AND deleted_at IS NULL ORDER BY created_at LIMIT 1`,
      [r.name],
    );
    if (existing.rows[0]) {
      await updateRule(actor, existing.rows[0].rule_id, r.document);
      updated++;
    } else {
      await createRule(actor, r.document);
      created++;
    }
  }
  return { created, updated };
}
