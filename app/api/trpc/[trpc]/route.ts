// tRPC over HTTP for the browser. Mutations must come from this origin (CSRF): a cross-site form
// or fetch carrying the session cookie is refused before any procedure runs; bodies are capped
// like the REST API's (413). Both checks live in request-guard.ts. An unreachable database is
// SERVICE_UNAVAILABLE (503) with Retry-After, as on the REST API (server/errors.ts).
import { TRPCError } from "@trpc/server";
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { sessionActor } from "@/app/_lib/session-actor";
import { errorCodes, RETRY_AFTER_SECONDS, toAppError } from "@/server/errors";
import { guardTrpcRequest } from "./request-guard";

const handler = async (request: Request) => {
  const guarded = await guardTrpcRequest(request);
  if ("refused" in guarded) return guarded.refused;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: guarded.req,
    router: appRouter,
    createContext: async () => {
      try {
        return { actor: await sessionActor() };
      } catch (err) {
        // Reading the session's user failed before any procedure ran: map it like a procedure's error.
        const app = toAppError(err);
        throw new TRPCError({ code: errorCodes[app.code].trpc, message: app.message, cause: app });
      }
    },
    responseMeta: ({ errors }) =>
      errors.some((e) => e.code === "SERVICE_UNAVAILABLE") ? { headers: { "retry-after": String(RETRY_AFTER_SECONDS) } } : {},
  });
};

export { handler as GET, handler as POST };
