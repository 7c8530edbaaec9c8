import { Suspense } from "react";
import { AuditLog } from "@/components/manage/audit/audit-log";

export default function AuditPage() {
  return (
    <Suspense>
      <AuditLog />
    </Suspense>
  );
}
