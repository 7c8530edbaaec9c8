import { Suspense } from "react";
import { Mailbox } from "@/components/manage/mailbox/mailbox";

export default function MailboxPage() {
  return (
    <Suspense>
      <Mailbox />
    </Suspense>
  );
}
