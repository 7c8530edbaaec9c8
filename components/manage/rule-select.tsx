"use client";
// A rule picker for list filters: the rules by name (up to 200), plus the one in the URL when it
// is not among them (archived, or beyond the first 200).
import { useQuery } from "@tanstack/react-query";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { Select } from "@/components/ui/field";

export function RuleSelect({
  value, onChange, label, ...rest
}: {
  value: string;
  onChange: (ruleId: string) => void;
  label?: string;
  "data-testid"?: string;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const rules = useQuery({ ...trpc.rules.list.queryOptions({ sort: "name", limit: 200 }), staleTime: 30_000 });
  const listed = rules.data?.items.some((r) => r.id === value) ?? false;
  const one = useQuery({ ...trpc.rules.get.queryOptions({ id: value }), enabled: Boolean(value) && Boolean(rules.data) && !listed, retry: false });
  const options = [
    { value: "", label: t("manage.anyRule") },
    ...(value && !listed ? [{ value, label: one.data?.name ?? `${value.slice(0, 8)}…` }] : []),
    ...(rules.data?.items ?? []).map((r) => ({ value: r.id, label: r.name })),
  ];
  return (
    <Select
      label={label ?? t("executions.col.rule")}
      value={value}
      onChange={(e) => onChange(e.target.value)}
      options={options}
      className="m-rule-select"
      data-testid={rest["data-testid"]}
    />
  );
}
