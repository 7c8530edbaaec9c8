import { AppError, invalidDocument } from "../../errors";
import { MAX_DOCUMENT_BYTES, ruleDocumentSchema, type RuleDocument } from "./rule-document";

/** Validates an incoming rule document: 413 when too large, 422 with every field path when invalid. */
export function parseRuleDocument(input: unknown): RuleDocument {
  const size = Buffer.byteLength(JSON.stringify(input ?? null));
  if (size > MAX_DOCUMENT_BYTES) {
    throw new AppError("PAYLOAD_TOO_LARGE", `rule document is ${size} bytes; the limit is ${MAX_DOCUMENT_BYTES}`);
  }
  const parsed = ruleDocumentSchema.safeParse(input);
  if (!parsed.success) throw invalidDocument(parsed.error, "rule document");
  return parsed.data;
}
