import { Suspense } from "react";
import { ExecutionsList } from "@/components/executions/executions-list";

export default function ExecutionsPage() {
  return (
    <Suspense>
      <ExecutionsList />
    </Suspense>
  );
}
