// Rule versions are immutable, so a parsed version is cached for the life of the process: the
// hot path parses each rule document once, not once per execution.
import type { Queryable } from "../../db";
import { ruleDocumentSchema, type RuleDocument } from "../rules/rule-document";

type Entry = { doc: RuleDocument; error: null } | { doc: null; error: string };
const cache = new Map<string, Entry>();
const MAX = 5_000;

export async function loadRuleVersions(db: Queryable, keys: { ruleId: string; version: number }[]): Promise<Map<string, Entry>> {
  const out = new Map<string, Entry>();
  const missing: { ruleId: string; version: number }[] = [];
  for (const k of keys) {
    const key = `${k.ruleId}:${k.version}`;
    const hit = cache.get(key);
    if (hit) out.set(key, hit);
    else if (!missing.some((m) => m.ruleId === k.ruleId && m.version === k.version)) missing.push(k);
  }
  if (missing.length) {
    const { rows } = await db.query(
      `SELECT v.rule_id, v.version, v.document FROM rule_version v
         JOIN unnest($1::uuid[], $2::int[]) AS k(rule_id, version) ON v.rule_id = k.rule_id AND v.version = k.version`,
      [missing.map((m) => m.ruleId), missing.map((m) => m.version)],
    );
    if (cache.size > MAX) cache.clear();
    for (const r of rows) {
      const parsed = ruleDocumentSchema.safeParse(r.document);
      const entry: Entry = parsed.success
        ? { doc: parsed.data, error: null }
        : { doc: null, error: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ") };
      const key = `${r.rule_id}:${r.version}`;
      cache.set(key, entry);
      out.set(key, entry);
    }
  }
  return out;
}
