"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMemo, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { RuleBuilder } from "@/components/rule-builder/rule-builder";
import type { RuleDraft } from "@/components/rule-builder/rule-graph";
import { ButtonLink } from "@/components/ui/button";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert } from "@/components/ui/states";
import { WebhookSecretNotice } from "./webhook-secret";

export function NewRule() {
  const { t } = useI18n();
  const router = useRouter();
  const { can, query: meQuery } = useMe();
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  // A new rule starts empty: the author drags a trigger, a condition and actions onto the canvas
  // (or pastes a document into the JSON tab).
  const initial = useMemo<RuleDraft>(() => ({ name: "", trigger: null, actions: [] }), []);
  const readOnly = !can("editor");

  if (created) {
    return (
      <div className="page page-narrow" data-testid="rule-created">
        <PageHeader title={t("rule.created")} eyebrow={<Link href="/rules" className="subtle-link">{t("nav.rules")}</Link>} />
        <WebhookSecretNotice secret={created.secret} ruleId={created.id} />
        <div className="row">
          <ButtonLink href={`/rules/${created.id}`} variant="primary" data-testid="rule-created-continue">
            {t("rule.continue")}
          </ButtonLink>
        </div>
      </div>
    );
  }

  return (
    <div className="page" data-testid="rule-new-page">
      <PageHeader
        eyebrow={<Link href="/rules" className="subtle-link">{t("nav.rules")}</Link>}
        title={t("rule.newTitle")}
        description={t("builder.newDescription")}
      />
      {!meQuery.isPending && readOnly && (
        <Alert tone="info" data-testid="rule-readonly">
          {t("rule.needEditor")}
        </Alert>
      )}
      {meQuery.isPending ? (
        <div className="card card-pad" aria-busy>
          <Skeleton height={720} />
        </div>
      ) : (
        <RuleBuilder
          initial={initial}
          canEdit={!readOnly}
          onSaved={(rule) => {
            if (rule.webhookSecret) setCreated({ id: rule.id, secret: rule.webhookSecret });
            else router.push(`/rules/${rule.id}`);
          }}
        />
      )}
    </div>
  );
}
