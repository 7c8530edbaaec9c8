import { Suspense } from "react";
import { MonitoringDashboard } from "@/components/monitoring/dashboard-view";

export default function DashboardPage() {
  return (
    <Suspense>
      <MonitoringDashboard />
    </Suspense>
  );
}
