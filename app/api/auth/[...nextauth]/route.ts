import NextAuth from "next-auth";
import { authOptions } from "@/app/_lib/auth-options";

type Ctx = { params: Promise<{ nextauth: string[] }> };

// NextAuth's handler is made per request so that the options (and the secret) load at run time.
async function handler(req: Request, ctx: Ctx) {
  return NextAuth(authOptions())(req, ctx);
}

export { handler as GET, handler as POST };
