// With no SMS connection named, messages go to the dev outbox (dev_message, channel "sms"),
// where the UI shows them. The idempotency key is the message id: a retry stores nothing new.
import type { Queryable } from "../../../db";
import { saveDevMessage } from "../email/dev-mailbox";
import type { SmsProvider } from "./sms-provider";

export function devOutboxProvider(db: Queryable): SmsProvider {
  return {
    label: "dev outbox",
    async send(to, text, { idempotencyKey }) {
      const saved = await saveDevMessage(db, { channel: "sms", to, text, messageId: idempotencyKey });
      return { providerMessageId: `dev-message:${saved.id}` };
    },
  };
}
