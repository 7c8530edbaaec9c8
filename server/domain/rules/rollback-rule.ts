import type { Actor } from "../../auth/roles";
import { getRuleVersion } from "./read-rules";
import { updateRule } from "./write-rule";

/** Roll back = save an old version's document as a new version (history is never rewritten). */
export async function rollbackRule(actor: Actor, id: string, version: number) {
  const old = await getRuleVersion(id, version);
  return updateRule(actor, id, old.document);
}
