import { Suspense } from "react";
import { RulesList } from "@/components/rules/rules-list";

export default function RulesPage() {
  return (
    <Suspense>
      <RulesList />
    </Suspense>
  );
}
