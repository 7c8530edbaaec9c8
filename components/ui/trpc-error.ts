// What the UI needs from a failed tRPC call: its message, its code and, for invalid documents,
// the field paths the server names (`data.issues`, see server/api/trpc.ts errorFormatter).

export interface FieldIssue {
  path: string;
  message: string;
}

export interface ErrorInfo {
  message: string;
  code: string | null;
  httpStatus: number | null;
  issues: FieldIssue[];
}

export function errorInfo(err: unknown): ErrorInfo {
  if (!err) return { message: "", code: null, httpStatus: null, issues: [] };
  const e = err as { message?: unknown; data?: { code?: unknown; httpStatus?: unknown; appCode?: unknown; issues?: unknown } | null };
  const data = e.data ?? null;
  const issues = Array.isArray(data?.issues)
    ? (data.issues as unknown[]).flatMap((i) => {
        const o = i as { path?: unknown; message?: unknown };
        if (typeof o?.message !== "string") return [];
        const path = Array.isArray(o.path) ? o.path.join(".") : typeof o.path === "string" ? o.path : "";
        return [{ path, message: o.message }];
      })
    : [];
  return {
    message: typeof e.message === "string" ? e.message : String(err),
    code: typeof data?.code === "string" ? data.code : null,
    httpStatus: typeof data?.httpStatus === "number" ? data.httpStatus : null,
    issues,
  };
}

export function isNotFound(err: unknown): boolean {
  return errorInfo(err).code === "NOT_FOUND";
}

export function isUnauthorized(err: unknown): boolean {
  return errorInfo(err).code === "UNAUTHORIZED";
}
