import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;
export type ExecutionItem = Out["executions"]["list"]["items"][number];
export type ExecutionDetail = Out["executions"]["get"];
export type ActionAttempt = ExecutionDetail["actions"][number];
