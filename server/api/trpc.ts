// tRPC setup: one middleware enforces the permission table for every procedure and maps
// AppError (and zod errors) to tRPC codes through the one table in errors.ts.
import { initTRPC, TRPCError } from "@trpc/server";
import { ZodError } from "zod";
import { AppError, errorCodes, invalidDocument, toAppError } from "../errors";
import { hasRole } from "../auth/roles";
import { logger } from "../logger";
import type { ApiContext } from "./context";
import { permissions, type Access } from "./permissions";
import { inputProblem } from "../domain/shared/storable-text";

const t = initTRPC.context<ApiContext>().create({
  errorFormatter({ shape, error }) {
    const app = error.cause instanceof AppError ? error.cause : null;
    return {
      ...shape,
      data: { ...shape.data, stack: undefined, appCode: app?.code ?? null, issues: app?.issues ?? null },
    };
  },
});

function appErrorToTrpc(err: AppError): TRPCError {
  return new TRPCError({ code: errorCodes[err.code].trpc, message: err.message, cause: err });
}

const enforce = t.middleware(async ({ ctx, path, next, getRawInput }) => {
  const access = (permissions as Record<string, Access>)[path];
  if (!access) throw appErrorToTrpc(new AppError("FORBIDDEN", `no permission is defined for ${path}`));
  if (access !== "public") {
    if (!ctx.actor) throw appErrorToTrpc(new AppError("UNAUTHORIZED", "sign in or send an API token (Authorization: Bearer …)"));
    if (access !== "authenticated" && !hasRole(ctx.actor.role, access)) {
      throw appErrorToTrpc(new AppError("FORBIDDEN", `this needs the ${access} role; you are ${ctx.actor.role}`));
    }
  }
  // Input that cannot be stored (NUL, unpaired surrogates) or re-serialised (absurd nesting) is
  // bad input: 400 here, not a 500 later.
  const bad = inputProblem(await getRawInput());
  if (bad) throw appErrorToTrpc(new AppError("BAD_REQUEST", `${bad.path}: ${bad.message}`, [bad]));
  const result = await next();
  if (!result.ok) {
    const cause = result.error.cause;
    if (cause instanceof AppError) throw appErrorToTrpc(cause);
    if (cause instanceof ZodError) {
      const app = result.error.code === "BAD_REQUEST" ? invalidDocument(cause, "request") : toAppError(cause);
      throw appErrorToTrpc(new AppError("BAD_REQUEST", app.message, app.issues));
    }
    if (result.error.code === "INTERNAL_SERVER_ERROR") {
      // An unreachable database is SERVICE_UNAVAILABLE (503, retry later), anything else INTERNAL.
      const app = toAppError(cause ?? result.error);
      if (app.code === "INTERNAL") logger().error({ err: cause ?? result.error, path }, "procedure failed");
      else logger().warn({ path, code: app.code }, "procedure failed: database unavailable");
      throw appErrorToTrpc(app);
    }
  }
  return result;
});

export const router = t.router;
export const procedure = t.procedure.use(enforce);
export const createCallerFactory = t.createCallerFactory;

/** The procedure's caller, narrowed: past `enforce`, only public procedures see a null actor. */
export function actorOf(ctx: ApiContext) {
  if (!ctx.actor) throw new AppError("UNAUTHORIZED", "sign in or send an API token");
  return ctx.actor;
}
