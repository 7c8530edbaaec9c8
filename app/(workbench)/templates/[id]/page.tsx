import { Suspense } from "react";
import { TemplateEditor } from "@/components/manage/templates/template-editor";

export default async function TemplatePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <TemplateEditor key={id} id={decodeURIComponent(id)} />
    </Suspense>
  );
}
