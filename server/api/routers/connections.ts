// Connections hold credentials: every answer is the DTO (settings, hasSecret, a mask), never the secret.
import { z } from "zod";
import { actorOf, procedure, router } from "../trpc";
import { getConnection, listConnections, listConnectionsInput } from "../../domain/connections/list-connections";
import { createConnection } from "../../domain/connections/create-connection";
import { updateConnection } from "../../domain/connections/update-connection";
import { deleteConnection } from "../../domain/connections/delete-connection";

const byId = z.object({ id: z.string().max(100) });

export const connectionsRouter = router({
  list: procedure.input(listConnectionsInput).query(({ ctx, input }) => listConnections(actorOf(ctx), input)),
  get: procedure.input(byId).query(({ ctx, input }) => getConnection(actorOf(ctx), input.id)),
  create: procedure.input(z.object({ connection: z.unknown() })).mutation(({ ctx, input }) => createConnection(actorOf(ctx), input.connection)),
  update: procedure
    .input(byId.extend({ connection: z.unknown() }))
    .mutation(({ ctx, input }) => updateConnection(actorOf(ctx), input.id, input.connection)),
  delete: procedure.input(byId).mutation(async ({ ctx, input }) => {
    await deleteConnection(actorOf(ctx), input.id);
    return { ok: true };
  }),
});
