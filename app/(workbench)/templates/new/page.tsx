import { Suspense } from "react";
import { TemplateEditor } from "@/components/manage/templates/template-editor";

export default function NewTemplatePage() {
  return (
    <Suspense>
      <TemplateEditor />
    </Suspense>
  );
}
