import { Suspense } from "react";
import { AlertsView } from "@/components/monitoring/alerts-view";

export default function AlertsPage() {
  return (
    <Suspense>
      <AlertsView />
    </Suspense>
  );
}
