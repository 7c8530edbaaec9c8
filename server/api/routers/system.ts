import { z } from "zod";
import { actorOf, procedure, router } from "../trpc";
import { health } from "../../domain/system/health";
import { previewInput, previewTrigger } from "../../domain/scheduler/preview-trigger";
import { listAudit, listAuditInput } from "../../domain/audit/list-audit";
import {
  createToken, createTokenInput, createUser, createUserInput, listTokens, listUsers, revokeToken, updateUser, updateUserInput,
} from "../../domain/users/users";

export const systemRouter = router({
  health: procedure.query(() => health()),
  me: procedure.query(({ ctx }) => {
    const a = actorOf(ctx);
    return { kind: a.kind, id: a.id, name: a.name, role: a.role };
  }),
});

export const triggersRouter = router({
  preview: procedure.input(previewInput).query(({ input }) => previewTrigger(input)),
});

export const auditRouter = router({
  list: procedure.input(listAuditInput).query(({ input }) => listAudit(input)),
});

export const usersRouter = router({
  list: procedure.query(() => listUsers()),
  create: procedure.input(createUserInput).mutation(({ ctx, input }) => createUser(actorOf(ctx), input)),
  update: procedure.input(updateUserInput).mutation(({ ctx, input }) => updateUser(actorOf(ctx), input)),
});

export const tokensRouter = router({
  list: procedure.query(() => listTokens()),
  create: procedure.input(createTokenInput).mutation(({ ctx, input }) => createToken(actorOf(ctx), input)),
  revoke: procedure.input(z.object({ id: z.uuid() })).mutation(({ ctx, input }) => revokeToken(actorOf(ctx), input.id)),
});
