"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useRef, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Input, Select, Textarea } from "@/components/ui/field";
import { IconTrash } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { isNotFound } from "@/components/ui/trpc-error";
import { ConfirmDialog } from "../dialog";
import { fieldErrors } from "../field-errors";
import { SaveError } from "../save-error";
import type { TemplateItem } from "../types";
import { ChannelBadge, CHANNELS, channelKey, type Channel } from "./channel";
import { TemplatePreview, parsePayload, type DraftTemplate } from "./template-preview";
import { VariablePicker } from "./variable-picker";

const SAMPLE_PAYLOAD = '{\n  "orderId": "A-1001",\n  "amount": 99.5\n}';

export function TemplateEditor({ id }: { id?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const template = useQuery({ ...trpc.templates.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) });
  const eyebrow = (
    <Link href="/templates" className="subtle-link">
      {t("templates.title")}
    </Link>
  );
  if (!id) return <TemplateForm key="new" />;
  if (template.isError) {
    return (
      <div className="page">
        <PageHeader eyebrow={eyebrow} title={t("templates.editTitle")} />
        {isNotFound(template.error) ? (
          <EmptyState
            title={t("templates.notFound")}
            description={t("manage.notFoundHint")}
            action={<ButtonLink href="/templates">{t("templates.back")}</ButtonLink>}
          />
        ) : (
          <ErrorState error={template.error} onRetry={() => template.refetch()} />
        )}
      </div>
    );
  }
  if (!template.data) {
    return (
      <div className="page" aria-busy data-testid="template-loading">
        <PageHeader eyebrow={eyebrow} title={<Skeleton width={240} height={26} />} />
        <div className="m-editor-grid">
          <div className="card card-pad">
            <Skeleton height={460} />
          </div>
          <div className="card card-pad">
            <Skeleton height={460} />
          </div>
        </div>
      </div>
    );
  }
  return <TemplateForm key={template.data.id} saved={template.data} />;
}

function TemplateForm({ saved }: { saved?: TemplateItem }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const { can, query: meQuery } = useMe();
  const canEdit = can("editor");
  const readOnly = !canEdit;
  const initial: DraftTemplate = {
    name: saved?.name ?? "",
    channel: (saved?.channel as Channel) ?? "email",
    subject: saved?.subject ?? "",
    body: saved?.body ?? "",
  };
  const [baseline, setBaseline] = useState(initial);
  const [draft, setDraft] = useState(initial);
  const [payloadText, setPayloadText] = useState(SAMPLE_PAYLOAD);
  const [notice, setNotice] = useState<string | null>(search.get("created") ? t("templates.created") : null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const selection = useRef<{ field: "subject" | "body"; start: number | null; end: number | null }>({ field: "body", start: null, end: null });
  const dirty = JSON.stringify(draft) !== JSON.stringify(baseline);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.templates.pathKey() });
  const create = useMutation(trpc.templates.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.templates.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.templates.delete.mutationOptions({ onSuccess: invalidate }));
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;
  const errors = fieldErrors(saveError);

  // The "created" flag is for this visit only: a reload should not say it again.
  useEffect(() => {
    if (saved && search.get("created")) window.history.replaceState(window.history.state, "", `/templates/${saved.id}`);
  }, [saved, search]);

  // Leaving with unsaved edits asks first (reload, close tab).
  useEffect(() => {
    if (!dirty || readOnly) return;
    const onBefore = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener("beforeunload", onBefore);
    return () => window.removeEventListener("beforeunload", onBefore);
  }, [dirty, readOnly]);

  const body = {
    name: draft.name,
    channel: draft.channel,
    subject: draft.channel === "email" ? draft.subject || null : null,
    body: draft.body,
  };
  const save = () => {
    if (readOnly || saving) return;
    setNotice(null);
    create.reset();
    update.reset();
    if (saved) {
      update.mutate(
        { id: saved.id, template: body },
        {
          onSuccess: (tpl) => {
            const next = { name: tpl.name, channel: tpl.channel as Channel, subject: tpl.subject ?? "", body: tpl.body };
            setBaseline(next);
            setDraft(next);
            setNotice(t("templates.saved"));
          },
        },
      );
    } else {
      create.mutate(
        { template: body },
        {
          onSuccess: (tpl) => {
            setBaseline(draft);
            router.replace(`/templates/${tpl.id}?created=1`);
          },
        },
      );
    }
  };

  const set = (patch: Partial<DraftTemplate>) => setDraft((d) => ({ ...d, ...patch }));
  const track = (field: "subject" | "body") => (e: { currentTarget: HTMLInputElement | HTMLTextAreaElement }) => {
    selection.current = { field, start: e.currentTarget.selectionStart, end: e.currentTarget.selectionEnd };
  };
  const insert = (path: string) => {
    const token = `{{${path}}}`;
    const field = draft.channel === "sms" ? "body" : selection.current.field;
    const value = draft[field];
    const start = selection.current.field === field && selection.current.start !== null ? selection.current.start : value.length;
    const end = selection.current.field === field && selection.current.end !== null ? selection.current.end : value.length;
    set({ [field]: value.slice(0, start) + token + value.slice(end) });
    const caret = start + token.length;
    selection.current = { field, start: caret, end: caret };
    requestAnimationFrame(() => {
      const el = document.getElementById(`template-${field}`) as HTMLInputElement | HTMLTextAreaElement | null;
      el?.focus();
      el?.setSelectionRange(caret, caret);
    });
  };

  const title = saved ? saved.name : t("templates.newTitle");
  const payload = parsePayload(payloadText).value ?? {};

  return (
    <div className="page" data-testid="template-editor" data-template-id={saved?.id}>
      <PageHeader
        eyebrow={
          <Link href="/templates" className="subtle-link">
            {t("templates.title")}
          </Link>
        }
        title={title}
        meta={saved ? <ChannelBadge channel={saved.channel} /> : null}
        description={saved ? (
          <>
            {t("manage.updated")} <RelativeTime iso={saved.updatedAt} />
          </>
        ) : t("templates.newDescription")}
        actions={
          saved && canEdit ? (
            <Button variant="danger" icon={<IconTrash />} onClick={() => setConfirmDelete(true)} data-testid="template-delete">
              {t("manage.delete")}
            </Button>
          ) : null
        }
      />

      {!meQuery.isPending && readOnly && (
        <Alert tone="info" data-testid="read-only-note">
          {t("templates.readOnly")}
        </Alert>
      )}
      {notice && (
        <Alert tone="success" onClose={() => setNotice(null)} data-testid="save-notice">
          {notice}
        </Alert>
      )}
      <SaveError error={saveError} onClose={() => (create.reset(), update.reset())} />

      <div className="m-editor-grid">
        <Card title={t("templates.form.title")} className="m-form-card">
          <form
            className="m-form"
            onSubmit={(e) => {
              e.preventDefault();
              save();
            }}
            onKeyDown={(e) => {
              if ((e.ctrlKey || e.metaKey) && e.key.toLowerCase() === "s") {
                e.preventDefault();
                save();
              }
            }}
            data-testid="template-form"
          >
            <div className="m-form-row">
              <Input
                label={t("templates.field.name")}
                value={draft.name}
                onChange={(e) => set({ name: e.target.value })}
                required
                maxLength={100}
                readOnly={readOnly}
                error={errors.get("name")}
                autoComplete="off"
                data-testid="template-name"
              />
              <Select
                label={t("templates.field.channel")}
                value={draft.channel}
                onChange={(e) => set({ channel: e.target.value as Channel })}
                disabled={readOnly}
                error={errors.get("channel")}
                options={CHANNELS.map((c) => ({ value: c, label: t(channelKey[c]) }))}
                className="m-field-narrow"
                data-testid="template-channel"
              />
            </div>
            {draft.channel === "email" && (
              <Input
                id="template-subject"
                label={t("templates.field.subject")}
                value={draft.subject}
                onChange={(e) => {
                  set({ subject: e.target.value });
                  track("subject")(e);
                }}
                onSelect={track("subject")}
                onFocus={track("subject")}
                readOnly={readOnly}
                maxLength={998}
                error={errors.get("subject")}
                placeholder={t("templates.field.subjectPlaceholder")}
                autoComplete="off"
                data-testid="template-subject"
              />
            )}
            <div className="m-body-field">
              <div className="m-body-toolbar">
                <label htmlFor="template-body" className="field-label">
                  {t("templates.field.body")}
                </label>
                {!readOnly && <VariablePicker payload={payload} onInsert={insert} />}
              </div>
              <Textarea
                id="template-body"
                label={t("templates.field.body")}
                hideLabel
                value={draft.body}
                onChange={(e) => {
                  set({ body: e.target.value });
                  track("body")(e);
                }}
                onSelect={track("body")}
                onFocus={track("body")}
                readOnly={readOnly}
                rows={draft.channel === "email" ? 16 : 6}
                mono
                error={errors.get("body")}
                hint={draft.channel === "email" ? t("templates.field.bodyHintEmail") : t("templates.field.bodyHintSms")}
                placeholder={draft.channel === "email" ? "<p>Hello {{contact.name}},</p>" : "Hi {{contact.name}}, order {{payload.orderId}} shipped."}
                className="m-body-textarea"
                data-testid="template-body"
              />
            </div>
            {!readOnly && (
              <div className="m-form-footer">
                <div className="row">
                  <Button type="submit" variant="primary" loading={saving} disabled={saved ? !dirty : false} data-testid="template-save">
                    {saved ? t("manage.save") : t("templates.create")}
                  </Button>
                  {dirty && saved && (
                    <Button variant="ghost" onClick={() => setDraft(baseline)} data-testid="template-discard">
                      {t("manage.discard")}
                    </Button>
                  )}
                </div>
                <span className="small muted">{dirty ? <span className="dirty-dot">{t("manage.unsaved")}</span> : t("manage.saveHint")}</span>
              </div>
            )}
          </form>
        </Card>
        <TemplatePreview draft={draft} templateId={saved?.id} dirty={dirty} payloadText={payloadText} onPayloadText={setPayloadText} />
      </div>

      {saved && (
        <ConfirmDialog
          open={confirmDelete}
          onClose={() => {
            setConfirmDelete(false);
            remove.reset();
          }}
          onConfirm={() =>
            remove.mutate(
              { id: saved.id },
              {
                onSuccess: () => {
                  setConfirmDelete(false);
                  router.push("/templates");
                },
              },
            )
          }
          busy={remove.isPending}
          title={t("templates.deleteTitle", { name: saved.name })}
          body={t("templates.deleteBody")}
          confirmLabel={t("manage.delete")}
          error={remove.error ? <SaveError error={remove.error} title={t("manage.deleteFailed")} /> : null}
        />
      )}
    </div>
  );
}
