import { Suspense } from "react";
import { ConnectionsList } from "@/components/manage/connections/connections-list";

export default function ConnectionsPage() {
  return (
    <Suspense>
      <ConnectionsList />
    </Suspense>
  );
}
