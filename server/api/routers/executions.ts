import { z } from "zod";
import { actorOf, procedure, router } from "../trpc";
import {
  deadLetterInput, getExecution, listActionLogs, listDeadLetter, listExecutions, listExecutionsInput, listLogsInput,
} from "../../domain/executions/read-executions";
import { cancelExecution, retryExecution } from "../../domain/executions/control-execution";

const byId = z.object({ id: z.string().max(30) });

export const executionsRouter = router({
  list: procedure.input(listExecutionsInput).query(({ input }) => listExecutions(input)),
  get: procedure.input(byId).query(({ input }) => getExecution(input.id)),
  cancel: procedure.input(byId).mutation(({ ctx, input }) => cancelExecution(actorOf(ctx), input.id)),
  retry: procedure.input(byId).mutation(({ ctx, input }) => retryExecution(actorOf(ctx), input.id)),
  logs: procedure.input(listLogsInput).query(({ input }) => listActionLogs(input)),
  deadLetter: procedure.input(deadLetterInput).query(({ input }) => listDeadLetter(input)),
});
