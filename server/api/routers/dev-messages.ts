import { procedure, router } from "../trpc";
import { listDevMessages, listDevMessagesInput } from "../../domain/actions/email/dev-messages";

export const devMessagesRouter = router({
  list: procedure.input(listDevMessagesInput).query(({ input }) => listDevMessages(input)),
});
