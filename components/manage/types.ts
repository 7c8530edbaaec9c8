import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;
export type TemplateItem = Out["templates"]["list"]["items"][number];
export type TemplatePreview = Out["templates"]["preview"];
export type ConnectionItem = Out["connections"]["list"]["items"][number];
export type ContactItem = Out["contacts"]["list"]["items"][number];
export type UserItem = Out["users"]["list"]["items"][number];
export type TokenItem = Out["tokens"]["list"]["items"][number];
export type CreatedToken = Out["tokens"]["create"];
export type AuditItem = Out["audit"]["list"]["items"][number];
export type DevMessage = Out["devMessages"]["list"]["items"][number];
export type NotificationItem = Out["notifications"]["list"]["items"][number];
export type DeadLetterItem = Out["executions"]["deadLetter"]["items"][number];
