import { RuleDetail } from "@/components/rules/rule-detail";

export default async function RulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  return <RuleDetail key={id} id={decodeURIComponent(id)} />;
}
