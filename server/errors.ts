// One error type for the whole domain, and the one table that maps its codes to HTTP statuses
// and tRPC codes. Domain code throws AppError; entry points translate it with `toHttpError`.
import { ZodError } from "zod";

export const errorCodes = {
  BAD_REQUEST: { http: 400, trpc: "BAD_REQUEST" },
  UNAUTHORIZED: { http: 401, trpc: "UNAUTHORIZED" },
  FORBIDDEN: { http: 403, trpc: "FORBIDDEN" },
  NOT_FOUND: { http: 404, trpc: "NOT_FOUND" },
  CONFLICT: { http: 409, trpc: "CONFLICT" },
  PAYLOAD_TOO_LARGE: { http: 413, trpc: "PAYLOAD_TOO_LARGE" },
  INVALID_DOCUMENT: { http: 422, trpc: "UNPROCESSABLE_CONTENT" },
  RATE_LIMITED: { http: 429, trpc: "TOO_MANY_REQUESTS" },
  INTERNAL: { http: 500, trpc: "INTERNAL_SERVER_ERROR" },
  // The database cannot be reached (down, restarting, refusing connections): retry later.
  SERVICE_UNAVAILABLE: { http: 503, trpc: "SERVICE_UNAVAILABLE" },
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface ErrorIssue {
  path: string;
  message: string;
}

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues?: ErrorIssue[];

  constructor(code: ErrorCode, message: string, issues?: ErrorIssue[]) {
    super(message);
    this.name = "AppError";
    this.code = code;
    this.issues = issues;
  }

  get httpStatus(): number {
    return errorCodes[this.code].http;
  }

  toJSON() {
    return { code: this.code, message: this.message, ...(this.issues ? { issues: this.issues } : {}) };
  }
}

export function zodIssues(err: ZodError): ErrorIssue[] {
  return err.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** A document that parsed as JSON but breaks the schema: 422 with every field path. */
export function invalidDocument(err: ZodError, what = "document"): AppError {
  const issues = zodIssues(err);
  const first = issues[0];
  const summary = first ? `${first.path ? first.path + ": " : ""}${first.message}` : "invalid";
  return new AppError("INVALID_DOCUMENT", `Invalid ${what}: ${summary}`, issues);
}

/** Seconds a client is asked to wait (Retry-After) when the database is unavailable. */
export const RETRY_AFTER_SECONDS = 5;

// Node socket errors of a connection that cannot be made or was cut. On the APIs' request path the
// only connections are the database's (actions, which call out, run in the worker and classify
// their own errors), so such an error here means the database.
const NETWORK_CODES = new Set(["ECONNREFUSED", "ECONNRESET", "ECONNABORTED", "EPIPE", "ETIMEDOUT", "EHOSTUNREACH", "ENETUNREACH", "ENOTFOUND", "EAI_AGAIN"]);
// Postgres SQLSTATEs: 57P01 admin_shutdown, 57P02 crash_shutdown, 57P03 cannot_connect_now
// (starting up or shutting down), 53300 too_many_connections; class 08 is connection_exception.
const PG_CODES = new Set(["57P01", "57P02", "57P03", "53300"]);
// Prisma's codes for the same: cannot reach / timed out / closed the connection / pool timeout.
const PRISMA_CODES = new Set(["P1001", "P1002", "P1008", "P1017", "P2024"]);
// node-postgres and pg-pool report these without a code.
const DRIVER_MESSAGES = [
  /^Connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /the database system is (starting up|shutting down|in recovery mode)/i,
];

/**
 * Whether an error means the database is unavailable (connection refused or reset, Postgres
 * shutting down or restarting, a connect timeout) rather than that the request was wrong or the
 * code failed. Follows `cause` chains and AggregateError members (a few levels).
 */
export function isDatabaseUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== "object" || depth > 5) return false;
  const e = err as { code?: unknown; errorCode?: unknown; message?: unknown; cause?: unknown; errors?: unknown };
  const code = typeof e.code === "string" ? e.code : typeof e.errorCode === "string" ? e.errorCode : "";
  if (NETWORK_CODES.has(code) || PG_CODES.has(code) || PRISMA_CODES.has(code) || /^08[0-9A-Z]{3}$/.test(code)) return true;
  if (typeof e.message === "string" && DRIVER_MESSAGES.some((re) => re.test(e.message as string))) return true;
  if (Array.isArray(e.errors) && e.errors.some((x) => isDatabaseUnavailable(x, depth + 1))) return true;
  return isDatabaseUnavailable(e.cause, depth + 1);
}

/**
 * Anything thrown, as an AppError: a database that cannot be reached becomes SERVICE_UNAVAILABLE
 * (503, Retry-After), other unknown errors INTERNAL — neither leaks details.
 */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return invalidDocument(err, "request");
  if (isDatabaseUnavailable(err)) {
    return new AppError("SERVICE_UNAVAILABLE", "The database is unavailable (down or restarting). Retry in a few seconds; an event sent again with the same id is accepted once.");
  }
  return new AppError("INTERNAL", "Internal error");
}
