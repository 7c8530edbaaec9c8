"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useMemo, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DescriptionList } from "@/components/ui/description-list";
import { DateTime, RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { RuleStatusBadge } from "@/components/ui/status-badge";
import { errorInfo, isNotFound } from "@/components/ui/trpc-error";
import { draftOfRule, RuleBuilder } from "@/components/rule-builder/rule-builder";
import { RuleDeleteButton } from "./rule-delete";
import { RuleHistory } from "./rule-history";
import { RunRulePanel } from "./run-rule-panel";
import { TIME_TRIGGER_TYPES, TriggerSummary } from "./trigger-summary";
import type { RuleDetail as Rule } from "./types";
import { WebhookSecretNotice } from "./webhook-secret";

export function RuleDetail({ id }: { id: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const { can } = useMe();
  const rule = useQuery(trpc.rules.get.queryOptions({ id }));

  if (rule.isError) {
    return (
      <div className="page">
        <PageHeader eyebrow={<Link href="/rules" className="subtle-link">{t("nav.rules")}</Link>} title={t("rule.title")} />
        {isNotFound(rule.error) ? (
          <EmptyState
            title={t("rule.notFound")}
            description={t("rule.notFoundHint")}
            action={<ButtonLink href="/rules">{t("rule.backToRules")}</ButtonLink>}
          />
        ) : (
          <ErrorState error={rule.error} onRetry={() => rule.refetch()} />
        )}
      </div>
    );
  }
  if (rule.isPending) return <RuleDetailSkeleton />;
  return <RuleDetailLoaded rule={rule.data} canEdit={can("editor")} canRun={can("operator")} />;
}

function RuleDetailSkeleton() {
  const { t } = useI18n();
  return (
    <div className="page" aria-busy data-testid="rule-loading">
      <PageHeader eyebrow={<Link href="/rules" className="subtle-link">{t("nav.rules")}</Link>} title={<Skeleton width={260} height={26} />} />
      <div className="card card-pad">
        <Skeleton height={72} />
      </div>
      <div className="card card-pad">
        <Skeleton height={720} />
      </div>
    </div>
  );
}

function RuleDetailLoaded({ rule, canEdit, canRun }: { rule: Rule; canEdit: boolean; canRun: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [secret, setSecret] = useState<string | null>(null);
  // The builder compares documents by content, so a refetch with the same version changes nothing.
  const initial = useMemo(() => draftOfRule(rule), [rule]);

  const rotate = useMutation(
    trpc.rules.rotateWebhookSecret.mutationOptions({
      onSuccess: (r) => {
        const s = (r as { webhookSecret?: string }).webhookSecret;
        if (s) setSecret(s);
      },
    }),
  );

  const trigger = rule.trigger as { type?: string };
  const isWebhook = trigger?.type === "webhook";
  const isTimed = TIME_TRIGGER_TYPES.includes(String(trigger?.type));
  const invalid = "invalid" in rule ? (rule as { invalid?: string }).invalid : undefined;
  const webhookUrl = typeof window === "undefined" ? `/api/v1/hooks/${rule.id}` : `${window.location.origin}/api/v1/hooks/${rule.id}`;

  return (
    <div className="page" data-testid="rule-page" data-rule-id={rule.id}>
      <PageHeader
        eyebrow={<Link href="/rules" className="subtle-link">{t("nav.rules")}</Link>}
        title={rule.name}
        meta={<RuleStatusBadge status={rule.status} />}
        description={rule.description ?? undefined}
        actions={canEdit ? <RuleDeleteButton id={rule.id} name={rule.name} /> : undefined}
      />

      {invalid && (
        <Alert tone="warning" title={t("rule.invalidStored")} data-testid="rule-invalid">
          <code className="small">{invalid}</code>
        </Alert>
      )}
      {secret && <WebhookSecretNotice secret={secret} ruleId={rule.id} onDone={() => setSecret(null)} />}

      <div className="card card-pad">
        <DescriptionList
          items={[
            { label: t("rules.col.trigger"), value: <TriggerSummary trigger={trigger} />, testId: "rule-trigger", wide: true },
            { label: t("rule.version"), value: <span className="mono">v{rule.version}</span>, testId: "rule-version" },
            { label: t("rules.col.priority"), value: rule.priority },
            { label: t("rules.col.lastRun"), value: <RelativeTime iso={rule.lastRunAt} /> },
            ...(isTimed ? [{
                    label: t("rules.col.nextFire"),
                    value: rule.nextFireAt ? (
                      <span title={rule.nextFireAt}>
                        <RelativeTime iso={rule.nextFireAt} /> <span className="muted small">· <DateTime iso={rule.nextFireAt} /></span>
                      </span>
                    ) : (
                      <span className="muted">—</span>
                    ),
                    testId: "rule-next-fire",
                    wide: true,
                  }] : []),
            { label: t("rules.col.updated"), value: <RelativeTime iso={rule.updatedAt} /> },
            {
              label: t("rule.id"),
              wide: true,
              value: (
                <span className="inline-copy">
                  <code className="mono small truncate" title={rule.id}>{rule.id}</code>
                  <CopyButton value={rule.id} variant="ghost" />
                </span>
              ),
            },
          ]}
        />
        {isWebhook && (
          <div className="webhook-box" data-testid="rule-webhook">
            <span className="field-label">{t("webhook.url")}</span>
            <span className="inline-copy">
              <code className="inline-code truncate">POST {webhookUrl}</code>
              <CopyButton value={webhookUrl} variant="ghost" />
              {canEdit && (
                <Button
                  size="sm"
                  loading={rotate.isPending}
                  onClick={() => {
                    if (window.confirm(t("webhook.rotateConfirm"))) rotate.mutate({ id: rule.id });
                  }}
                  data-testid="webhook-rotate"
                >
                  {t("webhook.rotate")}
                </Button>
              )}
            </span>
            {rotate.isError && <p className="field-error">{errorInfo(rotate.error).message}</p>}
          </div>
        )}
      </div>

      <RuleBuilder
        ruleId={rule.id}
        status={rule.status}
        version={rule.version}
        initial={initial}
        canEdit={canEdit}
        onSaved={(saved) => {
          if (saved.webhookSecret) setSecret(saved.webhookSecret);
          queryClient.setQueryData(trpc.rules.get.queryKey({ id: rule.id }), saved);
        }}
      />

      <div className="detail-grid">
        <RuleHistory ruleId={rule.id} currentVersion={rule.version} hasFires={isTimed} />
        <div className="stack">
          {canRun && <RunRulePanel ruleId={rule.id} status={rule.status} />}
          <Card title={t("rule.about")}>
            <DescriptionList
              items={[
                { label: t("rule.createdAt"), value: <DateTime iso={rule.createdAt} /> },
                { label: t("rule.actions"), value: Array.isArray(rule.actions) ? rule.actions.map((a) => (a as { type?: string }).type).join(" → ") : "—" },
                { label: t("rule.condition"), value: rule.condition ? t("rule.hasCondition") : t("rule.noCondition") },
              ]}
            />
          </Card>
        </div>
      </div>
    </div>
  );
}
