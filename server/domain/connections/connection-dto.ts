// What every read of a connection answers: settings, and only whether a secret is stored.
import { iso } from "../shared/time";

export const SECRET_MASK = "••••";

export const CONNECTION_COLUMNS = "id, name, type, config, secret_enc IS NOT NULL AS has_secret, created_at, updated_at";

export interface ConnectionRow {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  has_secret: boolean;
  created_at: Date;
  updated_at: Date;
}

export interface ConnectionDto {
  id: string;
  name: string;
  type: string;
  config: Record<string, unknown>;
  hasSecret: boolean;
  /** Always the mask (or null): the secret itself is write-only. */
  secret: typeof SECRET_MASK | null;
  createdAt: string | null;
  updatedAt: string | null;
}

export function connectionToDto(r: ConnectionRow): ConnectionDto {
  return {
    id: r.id,
    name: r.name,
    type: r.type,
    config: r.config ?? {},
    hasSecret: r.has_secret,
    secret: r.has_secret ? SECRET_MASK : null,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** The audit trail's view: the DTO without timestamps (the audit row has its own). */
export function auditView(d: ConnectionDto) {
  return { name: d.name, type: d.type, config: d.config, hasSecret: d.hasSecret };
}
