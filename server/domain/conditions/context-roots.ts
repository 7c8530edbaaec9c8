/**
 * The top-level names of an execution's context, shared by conditions (field paths)
 * and templates ({{variables}}): `payload` (event payload or trigger input), `event`
 * (type, id, occurredAt), `contact` (named by payload.contactId, else null), `now`,
 * and `actions` (earlier actions' results, as actions.N.output...).
 */
export const contextRoots = ["payload", "event", "contact", "now", "actions"] as const;

export type ContextRoot = (typeof contextRoots)[number];

export function isContextRoot(name: string): name is ContextRoot {
  return (contextRoots as readonly string[]).includes(name);
}
