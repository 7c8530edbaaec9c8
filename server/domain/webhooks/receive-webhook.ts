import { pool } from "../../db";
import { AppError } from "../../errors";
import { systemActor } from "../../auth/roles";
import { decryptSecret } from "../connections/secret-box";
import { triggerRule } from "../executions/trigger-rule";
import { verifyWebhookSignature } from "./verify-signature";
import { inputProblem } from "../shared/storable-text";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** POST /hooks/{ruleId}: a signed request runs the rule once (a replay of the same signed request
 *  within the window returns the same execution). Anything else is 401 and runs nothing. */
export async function receiveWebhook(ruleId: string, rawBody: string, signature: string | null) {
  const denied = (reason: string) => new AppError("UNAUTHORIZED", `webhook refused: ${reason}`);
  if (!UUID.test(ruleId)) throw denied("unknown rule");
  const { rows } = await pool().query(
    `SELECT webhook_secret_enc, status FROM automation_rule WHERE rule_id = $1 AND deleted_at IS NULL AND trigger_type = 'webhook'`,
    [ruleId],
  );
  const row = rows[0];
  // The same answer for unknown rules and bad signatures: the endpoint does not reveal which rules exist.
  if (!row?.webhook_secret_enc) throw denied("signature does not match");
  const check = verifyWebhookSignature(decryptSecret(row.webhook_secret_enc), rawBody, signature);
  if (!check.ok) throw denied(check.reason);
  if (row.status !== "enabled") throw new AppError("CONFLICT", "the rule is not enabled");
  let payload: Record<string, unknown>;
  try {
    const parsed = rawBody.trim() ? JSON.parse(rawBody) : {};
    payload = parsed && typeof parsed === "object" && !Array.isArray(parsed) ? parsed : { body: parsed };
  } catch {
    throw new AppError("BAD_REQUEST", "webhook body is not valid JSON");
  }
  const bad = inputProblem(payload);
  if (bad) throw new AppError("BAD_REQUEST", `webhook body: ${bad.path}: ${bad.message}`);
  const r = await triggerRule(systemActor, ruleId, { payload }, "webhook", `webhook:${check.t}:${check.v1}`);
  return { executionId: r.executionId };
}
