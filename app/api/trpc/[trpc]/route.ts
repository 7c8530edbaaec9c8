// tRPC over HTTP for the browser. Mutations must come from this origin (CSRF): a cross-site form
// or fetch carrying the session cookie is refused before any procedure runs.
import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { appRouter } from "@/server/api/root";
import { sessionActor } from "@/app/_lib/session-actor";

function sameOrigin(req: Request): boolean {
  if (req.method === "GET") return true;
  const origin = req.headers.get("origin");
  const host = req.headers.get("x-forwarded-host") ?? req.headers.get("host");
  if (!origin || !host) return false;
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}

const handler = async (req: Request) => {
  if (!sameOrigin(req)) {
    return Response.json({ error: { code: "FORBIDDEN", message: "cross-origin request refused" } }, { status: 403 });
  }
  return fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: async () => ({ actor: await sessionActor() }),
  });
};

export { handler as GET, handler as POST };
