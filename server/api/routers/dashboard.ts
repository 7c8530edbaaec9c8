import { procedure, router } from "../trpc";
import { dashboardInput, getDashboard } from "../../domain/monitoring/dashboard";

export const dashboardRouter = router({
  summary: procedure.input(dashboardInput).query(({ input }) => getDashboard(input)),
});
