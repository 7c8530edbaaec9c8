"use client";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { IconRetry, IconStop } from "@/components/ui/icons";
import { canCancel, canRetry, useExecutionControl } from "./use-execution-control";

/** Retry (failed/cancelled) and Cancel (pending/running/retrying). The caller checks the role. */
export function ExecutionButtons({
  id, status, size = "sm", onError, onDone,
}: {
  id: string;
  status: string;
  size?: "sm" | "md";
  onError?: (err: unknown) => void;
  onDone?: (action: "retry" | "cancel") => void;
}) {
  const { t } = useI18n();
  const { retry, cancel } = useExecutionControl();
  return (
    <>
      {canRetry(status) && (
        <Button
          size={size}
          variant={size === "md" ? "primary" : "secondary"}
          icon={<IconRetry />}
          loading={retry.isPending}
          onClick={() => retry.mutate({ id }, { onError, onSuccess: () => onDone?.("retry") })}
          data-testid="execution-retry"
        >
          {t("execution.retry")}
        </Button>
      )}
      {canCancel(status) && (
        <Button
          size={size}
          variant="danger"
          icon={<IconStop />}
          loading={cancel.isPending}
          onClick={() => cancel.mutate({ id }, { onError, onSuccess: () => onDone?.("cancel") })}
          data-testid="execution-cancel"
        >
          {t("execution.cancel")}
        </Button>
      )}
    </>
  );
}
