import { actorOf, procedure, router } from "../trpc";
import {
  listNotifications, listNotificationsInput, markNotificationsRead, markNotificationsReadInput,
} from "../../domain/actions/notify/notifications";

export const notificationsRouter = router({
  list: procedure.input(listNotificationsInput).query(({ ctx, input }) => listNotifications(actorOf(ctx), input)),
  markRead: procedure.input(markNotificationsReadInput).mutation(({ ctx, input }) => markNotificationsRead(actorOf(ctx), input)),
});
