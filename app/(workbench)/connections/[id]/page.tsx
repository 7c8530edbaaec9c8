import { Suspense } from "react";
import { ConnectionEditor } from "@/components/manage/connections/connection-editor";

export default async function ConnectionPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return (
    <Suspense>
      <ConnectionEditor key={id} id={decodeURIComponent(id)} />
    </Suspense>
  );
}
