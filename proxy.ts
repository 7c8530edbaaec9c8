// Next 16 proxy (formerly middleware): workbench pages need a session; the APIs check their own
// credentials (token or session) and answer 401 rather than redirecting.
import { withAuth } from "next-auth/middleware";

export default withAuth({
  pages: { signIn: "/login" },
  // The same key that signs sessions (the CLI exports it for the web process).
  secret: process.env.NEXTAUTH_SECRET ?? process.env.AUTOFLOW_SECRET,
});

export const config = {
  matcher: ["/((?!login|api|_next|favicon.ico|fonts|.*\\.(?:png|svg|ico|css|js|woff2?)$).*)"],
};
