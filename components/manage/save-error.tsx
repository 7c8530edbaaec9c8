"use client";
import type { ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Alert } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";

/** A failed save or action: a translated title, the server's message and its field issues. */
export function SaveError({ error, title, onClose }: { error: unknown; title?: ReactNode; onClose?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const info = errorInfo(error);
  return (
    <Alert tone="error" title={title ?? t("manage.saveFailed")} onClose={onClose} data-testid="save-error">
      <p className="alert-message">{info.message}</p>
      {info.issues.length > 1 && (
        <ul className="issue-list">
          {info.issues.map((issue, i) => (
            <li key={i} data-path={issue.path}>
              {issue.path && <code className="issue-path">{issue.path}</code>}
              <span>{issue.message}</span>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
