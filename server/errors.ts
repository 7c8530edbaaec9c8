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

/** Anything thrown, as an AppError: unknown errors become INTERNAL without leaking details. */
export function toAppError(err: unknown): AppError {
  if (err instanceof AppError) return err;
  if (err instanceof ZodError) return invalidDocument(err, "request");
  return new AppError("INTERNAL", "Internal error");
}
