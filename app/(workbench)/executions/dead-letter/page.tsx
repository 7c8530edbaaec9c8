import { Suspense } from "react";
import { DeadLetterList } from "@/components/manage/dead-letter/dead-letter-list";

export default function DeadLetterPage() {
  return (
    <Suspense>
      <DeadLetterList />
    </Suspense>
  );
}
