"use client";
import { useI18n } from "@/components/i18n/i18n";
import { Alert } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";

/** A failed save: the server's message and every issue with its field path. */
export function SaveErrors({ error, onClose }: { error: unknown; onClose?: () => void }) {
  const { t } = useI18n();
  if (!error) return null;
  const info = errorInfo(error);
  return (
    <Alert tone="error" title={t("rule.saveFailed")} onClose={onClose} data-testid="rule-errors">
      <p className="alert-message" data-testid="rule-error-message">{info.message}</p>
      {info.issues.length > 0 && (
        <ul className="issue-list">
          {info.issues.map((issue, i) => (
            <li key={i} data-testid="rule-error-issue" data-path={issue.path}>
              <code className="issue-path">{issue.path || t("rule.wholeDocument")}</code>
              <span>{issue.message}</span>
            </li>
          ))}
        </ul>
      )}
    </Alert>
  );
}
