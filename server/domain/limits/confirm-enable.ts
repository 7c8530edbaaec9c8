// Confirmation before enabling a rule that could message many people (seed 10.4). The estimate is
// deliberately simple and errs high:
//  - only rules with email or sms actions need it;
//  - a literal `to` (no {{…}}) counts its own addresses;
//  - a templated `to` counts contacts that have the channel's address (email / phone), narrowed by
//    the condition's `contact.tags contains "X"` tests when they are ANDed at the top level
//    (`{field…}` or `{all: [...]}`); any other condition shape counts every such contact.
// Above AUTOFLOW_CONFIRM_RECIPIENTS (default 1000; 0 = never ask) the tRPC `rules.enable` answers
// {needsConfirmation: true, …} instead of enabling, until it is called with `confirm: true`.
import type { Queryable } from "../../db";
import { env } from "../../env";
import type { Condition } from "../conditions/condition-schema";
import { documentFromRow } from "../rules/rule-dto";
import type { RuleDocument } from "../rules/rule-document";
import { loadRule } from "../rules/load-rule";
import { recipientsOf, type Channel } from "./recipient-cap";

export interface RecipientEstimate {
  channels: Channel[];
  estimatedRecipients: number;
  /** How the contacts part was counted. */
  basis: "addresses" | "tagged_contacts" | "all_contacts";
  tags: string[];
}

export interface EnableConfirmation extends RecipientEstimate {
  needsConfirmation: true;
  threshold: number;
  ruleId: string;
  message: string;
}

/** Tags every matching contact must carry, from ANDed top-level `contact.tags contains` tests. */
export function requiredTags(condition: Condition | null | undefined): string[] {
  if (!condition) return [];
  const leaves: Condition[] = "all" in condition ? condition.all : [condition];
  const tags: string[] = [];
  for (const leaf of leaves) {
    if ("field" in leaf && leaf.field === "contact.tags" && leaf.op === "contains" && typeof leaf.value === "string" && !leaf.value.includes("{{")) {
      tags.push(leaf.value);
    }
  }
  return [...new Set(tags)];
}

export async function estimateRecipients(db: Queryable, doc: RuleDocument): Promise<RecipientEstimate | null> {
  const messaging = doc.actions.filter((a) => a.type === "email" || a.type === "sms") as { type: Channel; params: { to?: unknown } }[];
  if (messaging.length === 0) return null;
  const channels = [...new Set(messaging.map((a) => a.type))];
  const literal = new Set<string>();
  const templated = new Set<Channel>();
  for (const a of messaging) {
    const to = typeof a.params.to === "string" ? a.params.to : "";
    if (to.includes("{{")) templated.add(a.type);
    else for (const r of recipientsOf(a.type, to)) literal.add(`${a.type}:${r}`);
  }
  if (templated.size === 0) return { channels, estimatedRecipients: literal.size, basis: "addresses", tags: [] };
  const tags = requiredTags(doc.condition as Condition | null | undefined);
  const has = [...templated].map((c) => (c === "email" ? "email IS NOT NULL" : "phone IS NOT NULL")).join(" OR ");
  const { rows } = await db.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM contact WHERE (${has}) AND tags @> $1::text[]`,
    [tags],
  );
  return {
    channels,
    estimatedRecipients: rows[0].n + literal.size,
    basis: tags.length ? "tagged_contacts" : "all_contacts",
    tags,
  };
}

/** null: enabling needs no confirmation (already enabled, no messaging, or few recipients). */
export async function enableConfirmation(db: Queryable, ruleId: string): Promise<EnableConfirmation | null> {
  const threshold = env().AUTOFLOW_CONFIRM_RECIPIENTS;
  if (threshold <= 0) return null;
  const row = await loadRule(db, ruleId);
  if (row.status === "enabled") return null;
  const { document } = documentFromRow(row);
  if (!document) return null; // setRuleStatus refuses an invalid rule with its own message
  const estimate = await estimateRecipients(db, document);
  if (!estimate || estimate.estimatedRecipients <= threshold) return null;
  return {
    needsConfirmation: true,
    ruleId,
    threshold,
    ...estimate,
    message: `enabling this rule may message about ${estimate.estimatedRecipients} recipients (more than ${threshold}); call again with confirm: true`,
  };
}
