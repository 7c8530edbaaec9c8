/** The action types of the contract, in the order the builder lists them. */
export const actionTypes = ["email", "sms", "http", "update_contact", "notify", "publish", "emit_event", "delay"] as const;

export type ActionType = (typeof actionTypes)[number];
