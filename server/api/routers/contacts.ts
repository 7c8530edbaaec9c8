import { z } from "zod";
import { actorOf, procedure, router } from "../trpc";
import { getContact, listContacts, listContactsInput, upsertContact } from "../../domain/contacts/contacts";

export const contactsRouter = router({
  list: procedure.input(listContactsInput).query(({ input }) => listContacts(input)),
  get: procedure.input(z.object({ externalId: z.string().min(1).max(200) })).query(({ input }) => getContact(input.externalId)),
  upsert: procedure
    .input(z.object({ externalId: z.string().min(1).max(200), contact: z.unknown() }))
    .mutation(({ ctx, input }) => upsertContact(actorOf(ctx), input.externalId, input.contact)),
});
