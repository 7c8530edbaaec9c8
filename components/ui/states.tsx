"use client";
import type { ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "./button";
import { errorInfo } from "./trpc-error";

export function EmptyState({ title, description, action, icon }: { title: ReactNode; description?: ReactNode; action?: ReactNode; icon?: ReactNode }) {
  return (
    <div className="empty-state" data-testid="empty-state">
      {icon && <div className="empty-icon" aria-hidden>{icon}</div>}
      <p className="empty-title">{title}</p>
      {description && <p className="empty-description">{description}</p>}
      {action && <div className="empty-action">{action}</div>}
    </div>
  );
}

export function ErrorState({ error, onRetry, title }: { error: unknown; onRetry?: () => void; title?: ReactNode }) {
  const { t } = useI18n();
  const info = errorInfo(error);
  return (
    <div className="error-state" role="alert" data-testid="error-state">
      <p className="error-title">{title ?? t("common.loadFailed")}</p>
      <p className="error-message">{info.message}</p>
      {onRetry && (
        <Button size="sm" onClick={onRetry}>
          {t("common.tryAgain")}
        </Button>
      )}
    </div>
  );
}

/** An inline banner: errors from mutations, warnings, notices. */
export function Alert({
  tone = "error", title, children, onClose, ...rest
}: {
  tone?: "error" | "warning" | "info" | "success";
  title?: ReactNode;
  children?: ReactNode;
  onClose?: () => void;
  "data-testid"?: string;
}) {
  const { t } = useI18n();
  return (
    <div className={`alert alert-${tone}`} role={tone === "error" || tone === "warning" ? "alert" : "status"} data-testid={rest["data-testid"]}>
      <div className="alert-body">
        {title && <p className="alert-title">{title}</p>}
        {children}
      </div>
      {onClose && (
        <button type="button" className="alert-close" onClick={onClose} aria-label={t("common.dismiss")}>
          ×
        </button>
      )}
    </div>
  );
}
