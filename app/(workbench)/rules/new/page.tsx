import { NewRule } from "@/components/rules/new-rule";

export default function NewRulePage() {
  return <NewRule />;
}
