import { Suspense } from "react";
import { UsersAdmin } from "@/components/manage/users/users-admin";

export default function UsersPage() {
  return (
    <Suspense>
      <UsersAdmin />
    </Suspense>
  );
}
