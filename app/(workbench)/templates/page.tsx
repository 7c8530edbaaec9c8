import { Suspense } from "react";
import { TemplatesList } from "@/components/manage/templates/templates-list";

export default function TemplatesPage() {
  return (
    <Suspense>
      <TemplatesList />
    </Suspense>
  );
}
