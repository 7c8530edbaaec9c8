import { Suspense } from "react";
import { ContactEditor } from "@/components/manage/contacts/contact-editor";

export default async function ContactPage({ params }: { params: Promise<{ externalId: string }> }) {
  const { externalId } = await params;
  const id = decodeURIComponent(externalId);
  return (
    <Suspense>
      <ContactEditor key={id} externalId={id} />
    </Suspense>
  );
}
