import { z } from "zod";
import type { Task } from "graphile-worker";
import { withTransaction } from "../../server/db";
import { dispatchEvents } from "../../server/domain/events/dispatch-events";

const payloadSchema = z.object({ eventIds: z.array(z.string().regex(/^\d+$/)).max(5000) });

export const dispatch: Task = async (payload) => {
  const { eventIds } = payloadSchema.parse(payload);
  await withTransaction((db) => dispatchEvents(db, eventIds));
};
