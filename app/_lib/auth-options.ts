// next-auth (v4) configuration: credentials login, JWT sessions in an httpOnly, sameSite cookie,
// signed with AUTOFLOW_SECRET.
import type { NextAuthOptions } from "next-auth";
import CredentialsProvider from "next-auth/providers/credentials";
import { authenticateUser, clientIpFrom } from "@/server/auth/authenticate";
import { resolveSecret } from "@/server/config/secret";

let cached: NextAuthOptions | undefined;

/** Built on first use, not at import: `next build` loads this module without any secret. */
export function authOptions(): NextAuthOptions {
  cached ??= makeOptions();
  return cached;
}

const makeOptions = (): NextAuthOptions => ({
  secret: resolveSecret(),
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
  pages: { signIn: "/login" },
  providers: [
    CredentialsProvider({
      name: "Email and password",
      credentials: { email: { label: "Email", type: "email" }, password: { label: "Password", type: "password" } },
      async authorize(credentials, req) {
        // Throttled per email and per client address (server/auth/authenticate.ts).
        const actor = await authenticateUser(credentials?.email ?? "", credentials?.password ?? "", { ip: clientIpFrom(req?.headers) });
        return actor ? { id: actor.id, email: actor.name, name: actor.name, role: actor.role } : null;
      },
    }),
  ],
  callbacks: {
    async jwt({ token, user }) {
      if (user) token.role = (user as { role?: string }).role;
      return token;
    },
    async session({ session, token }) {
      return { ...session, user: { ...session.user, id: token.sub, role: token.role } };
    },
  },
});
