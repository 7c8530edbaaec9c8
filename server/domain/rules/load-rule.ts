import type { Queryable } from "../../db";
import { AppError } from "../../errors";
import { RULE_COLUMNS, type RuleRow } from "./rule-dto";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Loads a live (not deleted) rule or throws 404; `forUpdate` locks it for the transaction. */
export async function loadRule(db: Queryable, id: string, forUpdate = false): Promise<RuleRow> {
  if (!UUID.test(id)) throw new AppError("NOT_FOUND", `rule ${id} not found`);
  const { rows } = await db.query<RuleRow>(
    `SELECT ${RULE_COLUMNS} FROM automation_rule WHERE rule_id = $1 AND deleted_at IS NULL ${forUpdate ? "FOR UPDATE" : ""}`,
    [id],
  );
  if (!rows[0]) throw new AppError("NOT_FOUND", `rule ${id} not found`);
  return rows[0];
}
