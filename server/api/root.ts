// The application router: the browser calls it over tRPC, the REST API through `createCaller`.
import { createCallerFactory, router } from "./trpc";
import { rulesRouter } from "./routers/rules";
import { executionsRouter } from "./routers/executions";
import { eventsRouter } from "./routers/events";
import { contactsRouter } from "./routers/contacts";
import { templatesRouter } from "./routers/templates";
import { connectionsRouter } from "./routers/connections";
import { devMessagesRouter } from "./routers/dev-messages";
import { notificationsRouter } from "./routers/notifications";
import { dashboardRouter } from "./routers/dashboard";
import { alertsRouter } from "./routers/alerts";
import { auditRouter, systemRouter, tokensRouter, triggersRouter, usersRouter } from "./routers/system";

export const appRouter = router({
  system: systemRouter,
  rules: rulesRouter,
  triggers: triggersRouter,
  executions: executionsRouter,
  events: eventsRouter,
  contacts: contactsRouter,
  tokens: tokensRouter,
  users: usersRouter,
  audit: auditRouter,
  templates: templatesRouter,
  connections: connectionsRouter,
  devMessages: devMessagesRouter,
  notifications: notificationsRouter,
  dashboard: dashboardRouter,
  alerts: alertsRouter,
});

export type AppRouter = typeof appRouter;
export const createCaller = createCallerFactory(appRouter);
