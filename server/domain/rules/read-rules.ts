// Rule lists and details. Lists are keyset-paginated on the sort key + id and filter on indexed
// columns (status, trigger_type); `q` searches names.
import { z } from "zod";
import { pool } from "../../db";
import { AppError } from "../../errors";
import { decodeCursor, pageInput, toPage } from "../shared/pagination";
import { iso } from "../shared/time";
import { RULE_COLUMNS, ruleToDto, type RuleRow } from "./rule-dto";
import { loadRule } from "./load-rule";
import { ruleDocumentSchema } from "./rule-document";

export const listRulesInput = z.object({
  status: z.enum(["enabled", "disabled", "archived"]).optional(),
  triggerType: z.enum(["cron", "interval", "once", "event", "webhook", "threshold"]).optional(),
  q: z.string().trim().max(200).optional(),
  sort: z.enum(["updated", "name", "priority", "nextFire"]).default("updated"),
  ...pageInput,
});
export type ListRulesInput = z.input<typeof listRulesInput>;

const sorts = {
  // [order expression, cursor column expression, direction]
  updated: { key: "updated_at", dir: "DESC" },
  name: { key: "name", dir: "ASC" },
  priority: { key: "priority", dir: "DESC" },
  // Soonest next fire first: only rules that have one (enabled time rules).
  nextFire: { key: "next_fire_at", dir: "ASC" },
} as const;

export async function listRules(input: ListRulesInput) {
  const q = listRulesInput.parse(input);
  const sort = sorts[q.sort];
  const where: string[] = ["deleted_at IS NULL"];
  const params: unknown[] = [];
  const add = (sql: string, v: unknown) => {
    params.push(v);
    where.push(sql.replace("?", `$${params.length}`));
  };
  if (q.status) add("status = ?", q.status);
  else where.push("status <> 'archived'");
  if (q.sort === "nextFire") where.push("next_fire_at IS NOT NULL");
  if (q.triggerType) add("trigger_type = ?", q.triggerType);
  if (q.q) add("name ILIKE ?", `%${q.q.replace(/[%_\\]/g, (c) => "\\" + c)}%`);
  const cur = decodeCursor(q.cursor, 2);
  if (cur) {
    params.push(cur[0], cur[1]);
    const op = sort.dir === "DESC" ? "<" : ">";
    where.push(`(${sort.key}, rule_id) ${op} ($${params.length - 1}, $${params.length})`);
  }
  params.push(q.limit + 1);
  const { rows } = await pool().query<RuleRow>(
    `SELECT ${RULE_COLUMNS} FROM automation_rule WHERE ${where.join(" AND ")}
     ORDER BY ${sort.key} ${sort.dir}, rule_id ${sort.dir} LIMIT $${params.length}`,
    params,
  );
  return toPage(rows, q.limit, ruleToDto, (r) => [
    sort.key === "updated_at" ? iso(r.updated_at) : sort.key === "next_fire_at" ? iso(r.next_fire_at) : (r[sort.key as keyof RuleRow] as string | number),
    r.rule_id,
  ]);
}

export async function getRule(id: string) {
  return ruleToDto(await loadRule(pool(), id));
}

export async function listRuleVersions(id: string, input: { limit?: number; cursor?: string } = {}) {
  await loadRule(pool(), id);
  const limit = z.number().int().min(1).max(200).default(50).parse(input.limit ?? 50);
  const cur = decodeCursor(input.cursor, 1);
  const { rows } = await pool().query(
    `SELECT version, created_at, created_by, document FROM rule_version WHERE rule_id = $1 ${cur ? "AND version < $3" : ""}
     ORDER BY version DESC LIMIT $2`,
    cur ? [id, limit + 1, cur[0]] : [id, limit + 1],
  );
  return toPage(
    rows,
    limit,
    (r) => ({ version: r.version as number, createdAt: iso(r.created_at)!, createdBy: r.created_by as string | null, document: ruleDocumentSchema.safeParse(r.document).success ? ruleDocumentSchema.parse(r.document) : r.document }),
    (r) => [r.version],
  );
}

export async function getRuleVersion(id: string, version: number) {
  const { rows } = await pool().query(`SELECT version, created_at, created_by, document FROM rule_version WHERE rule_id = $1 AND version = $2`, [id, version]);
  if (!rows[0]) throw new AppError("NOT_FOUND", `rule ${id} has no version ${version}`);
  return { version: rows[0].version as number, createdAt: iso(rows[0].created_at)!, createdBy: rows[0].created_by as string | null, document: rows[0].document };
}
