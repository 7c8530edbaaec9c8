"use client";
import Link from "next/link";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
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
import { parseJson, pretty, ruleToDocument } from "./rule-document";
import { RuleHistory } from "./rule-history";
import { RuleJsonEditor } from "./rule-json-editor";
import { RuleStatusToggle } from "./rule-status-toggle";
import { RunRulePanel } from "./run-rule-panel";
import { SaveErrors } from "./save-errors";
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
      <div className="detail-grid">
        <div className="card card-pad">
          <Skeleton height={420} />
        </div>
        <div className="card card-pad">
          <Skeleton height={200} />
        </div>
      </div>
    </div>
  );
}

function RuleDetailLoaded({ rule, canEdit, canRun }: { rule: Rule; canEdit: boolean; canRun: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [baseline, setBaseline] = useState(() => pretty(ruleToDocument(rule)));
  const [text, setText] = useState(baseline);
  const [secret, setSecret] = useState<string | null>(null);
  const [statusError, setStatusError] = useState<unknown>(null);
  const [savedVersion, setSavedVersion] = useState<number | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const dirty = text !== baseline;

  // A newer version arrived (saved elsewhere): follow it unless there are unsaved edits here.
  const fresh = pretty(ruleToDocument(rule));
  useEffect(() => {
    if (fresh !== baseline && text === baseline) {
      setBaseline(fresh);
      setText(fresh);
    }
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [rule.version, fresh]);

  const update = useMutation(
    trpc.rules.update.mutationOptions({
      onSuccess: (saved) => {
        const doc = pretty(ruleToDocument(saved));
        setBaseline(doc);
        setText(doc);
        setSavedVersion(saved.version);
        const s = "webhookSecret" in saved ? (saved as { webhookSecret?: string }).webhookSecret : undefined;
        if (s) setSecret(s);
        queryClient.setQueryData(trpc.rules.get.queryKey({ id: rule.id }), saved);
        void queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
      },
    }),
  );
  const rotate = useMutation(
    trpc.rules.rotateWebhookSecret.mutationOptions({
      onSuccess: (r) => {
        const s = (r as { webhookSecret?: string }).webhookSecret;
        if (s) setSecret(s);
      },
    }),
  );

  function save() {
    if (!canEdit) return;
    setSavedVersion(null);
    const parsed = parseJson(text);
    if (!parsed.ok) {
      editorRef.current?.querySelector("textarea")?.focus();
      return;
    }
    update.mutate({ id: rule.id, document: parsed.value });
  }

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
        actions={canEdit && <RuleStatusToggle id={rule.id} status={rule.status} size="md" primary onError={setStatusError} />}
      />

      {statusError ? (
        <Alert tone="error" onClose={() => setStatusError(null)} data-testid="rule-status-error">
          {errorInfo(statusError).message}
        </Alert>
      ) : null}
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

      <div className="detail-grid">
        <Card
          title={t("rule.document")}
          description={canEdit ? t("rule.documentHint") : undefined}
          actions={
            canEdit && (
              <>
                {dirty && (
                  <span className="dirty-dot" data-testid="rule-dirty">
                    {t("rule.unsaved")}
                  </span>
                )}
                <Button size="sm" variant="ghost" disabled={!dirty || update.isPending} onClick={() => setText(baseline)} data-testid="rule-reset">
                  {t("rule.reset")}
                </Button>
                <Button size="sm" variant="primary" loading={update.isPending} disabled={!dirty} onClick={save} data-testid="rule-save">
                  {t("rule.save")}
                </Button>
              </>
            )
          }
          data-testid="rule-editor"
        >
          <div className="stack">
            <SaveErrors error={update.error} onClose={() => update.reset()} />
            {savedVersion !== null && !dirty && (
              <Alert tone="success" onClose={() => setSavedVersion(null)} data-testid="rule-saved">
                {t("rule.saved", { version: savedVersion })}
              </Alert>
            )}
            <div ref={editorRef}>
              <RuleJsonEditor value={text} onChange={setText} onSave={save} readOnly={!canEdit} />
            </div>
          </div>
        </Card>
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

      <RuleHistory
        ruleId={rule.id}
        currentVersion={rule.version}
        hasFires={isTimed}
        onLoadVersion={
          canEdit
            ? (doc) => {
                setText(pretty(doc));
                editorRef.current?.scrollIntoView({ behavior: "smooth", block: "center" });
              }
            : undefined
        }
      />
    </div>
  );
}
