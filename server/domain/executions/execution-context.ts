// The context every condition and template reads: payload, event, contact, now, and the outputs
// of earlier actions (`actions.N.output`).
import type { Queryable } from "../../db";
import { iso } from "../shared/time";

export interface ContactView {
  id: string;
  externalId: string;
  email: string | null;
  phone: string | null;
  name: string | null;
  tags: string[];
  attributes: Record<string, unknown>;
  lastLoginAt: string | null;
}

export interface ExecutionContext {
  payload: Record<string, unknown>;
  event: { type?: string; id?: string; occurredAt?: string; depth?: number } | null;
  contact: ContactView | null;
  now: string;
  actions: { output: unknown }[];
  [key: string]: unknown;
}

export function contactIdOf(payload: unknown): string | null {
  const v = (payload as Record<string, unknown> | null)?.contactId;
  return typeof v === "string" || typeof v === "number" ? String(v) : null;
}

/** Loads the contacts named by many payloads in one query. */
export async function loadContacts(db: Queryable, externalIds: string[]): Promise<Map<string, ContactView>> {
  const map = new Map<string, ContactView>();
  const ids = [...new Set(externalIds)];
  if (ids.length === 0) return map;
  const { rows } = await db.query(
    `SELECT id, external_id, email, phone, name, tags, attributes, last_login_at FROM contact WHERE external_id = ANY($1::text[])`,
    [ids],
  );
  for (const r of rows) {
    map.set(r.external_id, {
      id: r.id,
      externalId: r.external_id,
      email: r.email,
      phone: r.phone,
      name: r.name,
      tags: r.tags ?? [],
      attributes: r.attributes ?? {},
      lastLoginAt: iso(r.last_login_at),
    });
  }
  return map;
}
