import { Suspense } from "react";
import { ContactEditor } from "@/components/manage/contacts/contact-editor";

export default function NewContactPage() {
  return (
    <Suspense>
      <ContactEditor />
    </Suspense>
  );
}
