"use client";
import "@/components/manage/manage.css";
import { useI18n } from "@/components/i18n/i18n";
import { ConfirmDialog } from "@/components/manage/dialog";
import type { EnableAsk } from "./use-rule-status";

/** "This rule may message N people by email / SMS — enable anyway?" (server's needsConfirmation). */
export function EnableConfirmDialog({
  ask, name, busy, onConfirm, onClose,
}: {
  ask: EnableAsk | null;
  name?: string;
  busy?: boolean;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useI18n();
  const channels = (ask?.channels ?? []).map((c) => (c === "sms" ? t("manage.channel.sms") : t("manage.channel.email"))).join(", ");
  const basis =
    ask?.basis === "tagged_contacts"
      ? t("rule.enableAsk.basisTagged", { tags: ask.tags.join(", ") })
      : ask?.basis === "addresses"
        ? t("rule.enableAsk.basisAddresses")
        : t("rule.enableAsk.basisAll");
  return (
    <ConfirmDialog
      open={ask !== null}
      onClose={onClose}
      onConfirm={onConfirm}
      busy={busy}
      title={name ? t("rule.enableAsk.titleNamed", { name }) : t("rule.enableAsk.title")}
      body={
        ask && (
          <div data-testid="enable-ask">
            <p>
              {t("rule.enableAsk.body", { count: ask.estimatedRecipients, channels, threshold: ask.threshold })}
            </p>
            <p className="muted small">{basis}</p>
          </div>
        )
      }
      confirmLabel={t("rule.enableAsk.confirm")}
    />
  );
}
