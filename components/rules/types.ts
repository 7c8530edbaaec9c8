import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;
export type RuleItem = Out["rules"]["list"]["items"][number];
export type RuleDetail = Out["rules"]["get"];
export type RuleVersionItem = Out["rules"]["versions"]["items"][number];
export type RuleFireItem = Out["rules"]["fires"]["items"][number];
