import { getServerSession } from "next-auth";
import type { Actor } from "@/server/auth/roles";
import { actorFromUserId } from "@/server/auth/authenticate";
import { authOptions } from "./auth-options";

/** The signed-in user as an Actor, with the role read fresh from the database. */
export async function sessionActor(): Promise<Actor | null> {
  const session = await getServerSession(authOptions());
  const id = (session?.user as { id?: string } | undefined)?.id;
  return id ? actorFromUserId(id) : null;
}
