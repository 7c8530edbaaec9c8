import type { Actor } from "../auth/roles";

/** What every procedure sees: who is calling (resolved by the entry point: session or token). */
export interface ApiContext {
  actor: Actor | null;
}
