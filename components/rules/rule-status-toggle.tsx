"use client";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { EnableConfirmDialog } from "./enable-confirm-dialog";
import { useRuleStatus } from "./use-rule-status";

/**
 * Enable (disabled/archived rules) or Disable (enabled rules). Errors go to `onError`. A rule that
 * could message many people asks first (confirmation dialog), then is enabled with `confirm: true`.
 */
export function RuleStatusToggle({
  id, name, status, size = "sm", primary, onError,
}: {
  id: string;
  /** Named in the confirmation dialog. */
  name?: string;
  status: string;
  size?: "sm" | "md";
  /** Enable as the page's main button (rule page); rows use the quieter style. */
  primary?: boolean;
  onError?: (err: unknown) => void;
}) {
  const { t } = useI18n();
  const { enable, disable, ask, requestEnable, confirmEnable, cancelAsk } = useRuleStatus();
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
    <>
      <Button
        size={size}
        variant={primary ? "primary" : "secondary"}
        loading={enable.isPending && !ask}
        onClick={() => requestEnable(id, { onError })}
        data-testid="rule-enable"
      >
        {t("rule.enable")}
      </Button>
      <EnableConfirmDialog ask={ask} name={name} busy={enable.isPending} onConfirm={() => confirmEnable({ onError })} onClose={cancelAsk} />
    </>
  );
}
