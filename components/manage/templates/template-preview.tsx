"use client";
// The preview beside the template form: renders the form's current text (or the saved template)
// against a sample payload and contact with templates.preview — nothing is sent. Email HTML shows
// in a sandboxed iframe, never in the page itself.
import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { Card } from "@/components/ui/card";
import { Select, Textarea } from "@/components/ui/field";
import { Skeleton } from "@/components/ui/skeleton";
import { Spinner } from "@/components/ui/spinner";
import { Alert } from "@/components/ui/states";
import { Tabs, tabPanelProps } from "@/components/ui/tabs";
import { errorInfo } from "@/components/ui/trpc-error";
import { SandboxedHtml } from "../sandboxed-html";
import { useDebounced } from "../use-debounced";

/** Queries go over GET: a template longer than this previews by id (the saved text) instead. */
const MAX_INLINE = 6000;

export interface DraftTemplate {
  name: string;
  channel: "email" | "sms";
  subject: string;
  body: string;
}

export function parsePayload(text: string): { value: Record<string, unknown> | null; error: boolean } {
  if (!text.trim()) return { value: {}, error: false };
  try {
    const v = JSON.parse(text);
    if (v && typeof v === "object" && !Array.isArray(v)) return { value: v as Record<string, unknown>, error: false };
  } catch {
    // fall through
  }
  return { value: null, error: true };
}

/** SMS length: 160 GSM-7 characters a segment (153 when split), 70 (67) with any other character. */
export function smsSegments(text: string): { chars: number; segments: number } {
  const chars = [...text].length;
  const gsm = /^[\x20-\x7E\n\r£¥èéùìòÇØøÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ¤¡ÄÖÑÜ§¿äöñüà€]*$/.test(text);
  const [one, many] = gsm ? [160, 153] : [70, 67];
  return { chars, segments: chars === 0 ? 0 : chars <= one ? 1 : Math.ceil(chars / many) };
}

export function TemplatePreview({
  draft, templateId, dirty, payloadText, onPayloadText,
}: {
  draft: DraftTemplate;
  /** The saved template, when editing one. */
  templateId?: string;
  dirty: boolean;
  payloadText: string;
  onPayloadText: (s: string) => void;
}) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const [contactId, setContactId] = useState("");
  const [view, setView] = useState<"rendered" | "source">("rendered");
  const contacts = useQuery({ ...trpc.contacts.list.queryOptions({ limit: 100 }), staleTime: 30_000 });
  const payload = parsePayload(payloadText);
  const input = useDebounced(
    {
      draft,
      payload: payload.value,
      contactId: contactId || undefined,
    },
    350,
  );

  const inlineTemplate = {
    name: input.draft.name.trim() || "preview",
    channel: input.draft.channel,
    subject: input.draft.channel === "email" ? input.draft.subject : undefined,
    body: input.draft.body,
  };
  const tooLong = encodeURIComponent(JSON.stringify(inlineTemplate)).length > MAX_INLINE;
  const bySaved = Boolean(templateId) && (!dirty || tooLong);
  const empty = !bySaved && !input.draft.body.trim();
  const ready = input.payload !== null && !empty && (bySaved || !tooLong);
  const preview = useQuery({
    ...trpc.templates.preview.queryOptions(
      bySaved
        ? { templateId: templateId!, payload: input.payload ?? {}, contactId: input.contactId }
        : { template: inlineTemplate, payload: input.payload ?? {}, contactId: input.contactId },
    ),
    enabled: ready,
    placeholderData: keepPreviousData,
    retry: false,
  });
  const r = ready ? preview.data : undefined;
  const sms = r ? smsSegments(r.body) : null;

  return (
    <Card
      title={t("templates.preview.title")}
      description={t("templates.preview.hint")}
      actions={preview.isFetching && ready ? <Spinner label={t("common.loading")} /> : null}
      className="m-preview-card"
      data-testid="template-preview"
    >
      <div className="stack">
        <details className="m-sample" open>
          <summary className="m-sample-summary">{t("templates.preview.sample")}</summary>
          <div className="m-sample-body">
            <Textarea
              label={t("templates.preview.payload")}
              value={payloadText}
              onChange={(e) => onPayloadText(e.target.value)}
              rows={5}
              mono
              error={payload.error ? t("templates.preview.payloadInvalid") : undefined}
              data-testid="preview-payload"
            />
            <Select
              label={t("templates.preview.contact")}
              value={contactId}
              onChange={(e) => setContactId(e.target.value)}
              hint={t("templates.preview.contactHint")}
              options={[
                { value: "", label: t("templates.preview.noContact") },
                ...(contacts.data?.items ?? []).map((c) => ({
                  value: c.externalId,
                  label: c.name ? `${c.name} (${c.externalId})` : c.externalId,
                })),
              ]}
              data-testid="preview-contact"
            />
          </div>
        </details>

        {bySaved && dirty && tooLong && (
          <Alert tone="info" data-testid="preview-saved-only">
            {t("templates.preview.tooLong")}
          </Alert>
        )}

        <div className="m-preview-output" aria-live="polite" data-testid="preview-output">
          {empty ? (
            <p className="muted m-preview-placeholder">{t("templates.preview.needBody")}</p>
          ) : !bySaved && tooLong ? (
            <p className="muted m-preview-placeholder">{t("templates.preview.tooLongUnsaved")}</p>
          ) : preview.isError && ready ? (
            <Alert tone="error" title={t("templates.preview.failed")} data-testid="preview-error">
              <p className="alert-message">{errorInfo(preview.error).message}</p>
            </Alert>
          ) : !r ? (
            <div className="stack" aria-busy>
              <Skeleton height={20} width="60%" />
              <Skeleton height={draft.channel === "email" ? 320 : 80} />
            </div>
          ) : (
            <>
              {r.missing.length > 0 && (
                <Alert tone="warning" title={t("templates.preview.missing")} data-testid="preview-missing">
                  <div className="row">
                    {r.missing.map((m) => (
                      <code key={m} className="inline-code">{`{{${m}}}`}</code>
                    ))}
                  </div>
                </Alert>
              )}
              {r.contact && (
                <p className="small muted" data-testid="preview-contact-used">
                  {t("templates.preview.asContact", { name: r.contact.name ?? r.contact.externalId })}
                </p>
              )}
              {r.channel === "email" ? (
                <div className="m-mail">
                  <div className="m-mail-head">
                    <span className="m-mail-label">{t("templates.field.subject")}</span>
                    <span className="m-mail-subject" data-testid="preview-subject">
                      {r.subject || <span className="muted">{t("templates.preview.noSubject")}</span>}
                    </span>
                  </div>
                  <Tabs
                    idBase="preview-view"
                    label={t("templates.preview.view")}
                    value={view}
                    onChange={(v) => setView(v as "rendered" | "source")}
                    items={[
                      { id: "rendered", label: t("templates.preview.rendered") },
                      { id: "source", label: t("templates.preview.source") },
                    ]}
                  />
                  <div {...tabPanelProps("preview-view", view)} className="m-mail-body">
                    {view === "rendered" ? (
                      <SandboxedHtml html={r.body} title={t("templates.preview.frameTitle")} height={360} data-testid="preview-frame" />
                    ) : (
                      <pre className="json-pre m-source" data-testid="preview-source">
                        {r.body}
                      </pre>
                    )}
                  </div>
                </div>
              ) : (
                <div className="m-sms">
                  <div className="m-sms-bubble" data-testid="preview-sms">
                    {r.body}
                  </div>
                  {sms && (
                    <p className="small muted" data-testid="preview-sms-count">
                      {t("templates.preview.smsCount", { chars: sms.chars, segments: sms.segments })}
                    </p>
                  )}
                </div>
              )}
            </>
          )}
        </div>
      </div>
    </Card>
  );
}
