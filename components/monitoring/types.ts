import type { inferRouterOutputs } from "@trpc/server";
import type { AppRouter } from "@/server/api/root";

type Out = inferRouterOutputs<AppRouter>;
export type DashboardData = Out["dashboard"]["summary"];
export type AlertRule = Out["alerts"]["list"]["items"][number];
export type Incident = Out["alerts"]["incidents"]["items"][number];
