"use client";
import { useI18n } from "@/components/i18n/i18n";
import { CopyButton } from "@/components/ui/copy-button";
import { Alert } from "@/components/ui/states";

/** The webhook signing secret, shown once after it is created or rotated. */
export function WebhookSecretNotice({ secret, ruleId, onDone }: { secret: string; ruleId: string; onDone?: () => void }) {
  const { t } = useI18n();
  const url = typeof window === "undefined" ? `/api/v1/hooks/${ruleId}` : `${window.location.origin}/api/v1/hooks/${ruleId}`;
  return (
    <Alert tone="warning" title={t("webhook.secretTitle")} onClose={onDone} data-testid="webhook-secret-notice">
      <p>{t("webhook.secretWarning")}</p>
      <div className="secret-row">
        <code className="secret-value" data-testid="webhook-secret">
          {secret}
        </code>
        <CopyButton value={secret} data-testid="webhook-secret-copy" />
      </div>
      <p className="small">
        {t("webhook.url")} <code className="inline-code">POST {url}</code>
      </p>
      <p className="small muted">{t("webhook.signatureHint")}</p>
    </Alert>
  );
}
