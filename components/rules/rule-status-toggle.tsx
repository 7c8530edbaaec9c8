"use client";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { useRuleStatus } from "./use-rule-status";

/** Enable (disabled/archived rules) or Disable (enabled rules). Errors go to `onError`. */
export function RuleStatusToggle({
  id, status, size = "sm", primary, onError,
}: {
  id: string;
  status: string;
  size?: "sm" | "md";
  /** Enable as the page's main button (rule page); rows use the quieter style. */
  primary?: boolean;
  onError?: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const { enable, disable } = useRuleStatus();
  if (status === "enabled") {
    return (
      <Button
        size={size}
        loading={disable.isPending}
        onClick={() => disable.mutate({ id }, { onError })}
        data-testid="rule-disable"
      >
        {t("rule.disable")}
      </Button>
    );
  }
  return (
    <Button
      size={size}
      variant={primary ? "primary" : "secondary"}
      loading={enable.isPending}
      onClick={() => enable.mutate({ id }, { onError })}
      data-testid="rule-enable"
    >
      {t("rule.enable")}
    </Button>
  );
}
