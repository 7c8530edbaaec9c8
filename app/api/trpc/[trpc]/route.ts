// tRPC over HTTP for the browser. Mutations must come from this origin (CSRF): a cross-site form
// or fetch carrying the session cookie is refused before any procedure runs; bodies are capped
// like the REST API's (413). Both checks live in request-guard.ts.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { sessionActor } from "@/app/_lib/session-actor";
import { guardTrpcRequest } from "./request-guard";

const handler = async (request: Request) => {
  const guarded = await guardTrpcRequest(request);
  if ("refused" in guarded) return guarded.refused;
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req: guarded.req,
    router: appRouter,
    createContext: async () => ({ actor: await sessionActor() }),
  });
};

export { handler as GET, handler as POST };
