"use client";
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRef, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Alert } from "@/components/ui/states";
import { parseJson, pretty, starterDocument } from "./rule-document";
import { RuleJsonEditor } from "./rule-json-editor";
import { SaveErrors } from "./save-errors";
import { WebhookSecretNotice } from "./webhook-secret";

export function NewRule() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const { can, query: meQuery } = useMe();
  const [text, setText] = useState(() =>
    pretty(
      starterDocument({
        name: t("template.name"),
        description: t("template.description"),
        title: t("template.title"),
        body: t("template.body"),
      }),
    ),
  );
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  const editorRef = useRef<HTMLDivElement>(null);
  const create = useMutation(
    trpc.rules.create.mutationOptions({
      onSuccess: (rule) => {
        void queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
        const secret = "webhookSecret" in rule ? (rule as { webhookSecret?: string }).webhookSecret : undefined;
        if (secret) setCreated({ id: rule.id, secret });
        else router.push(`/rules/${rule.id}`);
      },
    }),
  );
  const readOnly = !can("editor");

  function save() {
    const parsed = parseJson(text);
    if (!parsed.ok) {
      editorRef.current?.querySelector("textarea")?.focus();
      return;
    }
    create.mutate({ document: parsed.value });
  }

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
        description={t("rule.newDescription")}
        actions={
          !readOnly && (
            <Button variant="primary" loading={create.isPending} onClick={save} data-testid="rule-save">
              {t("rule.create")}
            </Button>
          )
        }
      />
      {!meQuery.isPending && readOnly && (
        <Alert tone="info" data-testid="rule-readonly">
          {t("rule.needEditor")}
        </Alert>
      )}
      <SaveErrors error={create.error} onClose={() => create.reset()} />
      <Card title={t("rule.document")} description={t("rule.documentHint")}>
        <div ref={editorRef}>
          <RuleJsonEditor value={text} onChange={setText} onSave={save} readOnly={readOnly} rows={26} />
        </div>
      </Card>
    </div>
  );
}
