import { Suspense } from "react";
import { ContactsList } from "@/components/manage/contacts/contacts-list";

export default function ContactsPage() {
  return (
    <Suspense>
      <ContactsList />
    </Suspense>
  );
}
