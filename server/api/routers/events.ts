import { z } from "zod";
import { procedure, router } from "../trpc";
import { postEvents } from "../../domain/events/post-events";

export const eventsRouter = router({
  post: procedure.input(z.object({ body: z.unknown() })).mutation(({ input }) => postEvents(input.body, "api")),
});
