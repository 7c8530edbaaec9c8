"use client";
import Link from "next/link";
import { useRouter, useSearchParams } from "next/navigation";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { PageHeader } from "@/components/layout/page-header";
import { useMe } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Button, ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { CopyButton } from "@/components/ui/copy-button";
import { DescriptionList } from "@/components/ui/description-list";
import { Input, Textarea } from "@/components/ui/field";
import { DateTime, RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { isNotFound } from "@/components/ui/trpc-error";
import { isoToLocal, localToIso } from "../datetime";
import { fieldErrors } from "../field-errors";
import { SaveError } from "../save-error";
import type { ContactItem } from "../types";
import { TagInput } from "./tag-input";

interface Draft {
  externalId: string;
  name: string;
  email: string;
  phone: string;
  tags: string[];
  attributes: string;
  lastLoginAt: string;
}

function draftOf(c?: ContactItem): Draft {
  return {
    externalId: c?.externalId ?? "",
    name: c?.name ?? "",
    email: c?.email ?? "",
    phone: c?.phone ?? "",
    tags: c?.tags ?? [],
    attributes: JSON.stringify(c?.attributes ?? {}, null, 2),
    lastLoginAt: isoToLocal(c?.lastLoginAt),
  };
}

function parseAttributes(text: string): Record<string, unknown> | null {
  if (!text.trim()) return {};
  try {
    const v = JSON.parse(text);
    return v && typeof v === "object" && !Array.isArray(v) ? v : null;
  } catch {
    return null;
  }
}

export function ContactEditor({ externalId }: { externalId?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const contact = useQuery({ ...trpc.contacts.get.queryOptions({ externalId: externalId ?? "-" }), enabled: Boolean(externalId) });
  const eyebrow = (
    <Link href="/contacts" className="subtle-link">
      {t("contacts.title")}
    </Link>
  );
  if (!externalId) return <ContactForm key="new" />;
  if (contact.isError) {
    return (
      <div className="page page-narrow">
        <PageHeader eyebrow={eyebrow} title={externalId} />
        {isNotFound(contact.error) ? (
          <EmptyState
            title={t("contacts.notFound")}
            description={t("manage.notFoundHint")}
            action={<ButtonLink href="/contacts">{t("contacts.back")}</ButtonLink>}
          />
        ) : (
          <ErrorState error={contact.error} onRetry={() => contact.refetch()} />
        )}
      </div>
    );
  }
  if (!contact.data) {
    return (
      <div className="page page-narrow" aria-busy data-testid="contact-loading">
        <PageHeader eyebrow={eyebrow} title={<Skeleton width={220} height={26} />} />
        <div className="card card-pad">
          <Skeleton height={60} />
        </div>
        <div className="card card-pad">
          <Skeleton height={460} />
        </div>
      </div>
    );
  }
  return <ContactForm key={contact.data.externalId} saved={contact.data} />;
}

function ContactForm({ saved }: { saved?: ContactItem }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const { can, query: me } = useMe();
  const readOnly = !can("editor");
  const [draft, setDraft] = useState(() => draftOf(saved));
  const [baseline, setBaseline] = useState(draft);
  const [notice, setNotice] = useState<string | null>(search.get("created") ? t("contacts.created") : null);
  const [exists, setExists] = useState(false);
  const upsert = useMutation(trpc.contacts.upsert.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.contacts.pathKey() }) }));
  const errors = fieldErrors(upsert.error);
  const attributes = parseAttributes(draft.attributes);
  const dirty = JSON.stringify(draft) !== JSON.stringify(baseline);
  const set = (patch: Partial<Draft>) => setDraft((d) => ({ ...d, ...patch }));

  useEffect(() => {
    if (saved && search.get("created")) window.history.replaceState(window.history.state, "", `/contacts/${encodeURIComponent(saved.externalId)}`);
  }, [saved, search]);

  const save = async () => {
    if (readOnly || upsert.isPending || attributes === null) return;
    setNotice(null);
    setExists(false);
    const externalId = saved ? saved.externalId : draft.externalId.trim();
    if (!externalId) return;
    if (!saved) {
      // Upsert would silently overwrite: creating checks the id is free first.
      const found = await queryClient
        .fetchQuery({ ...trpc.contacts.get.queryOptions({ externalId }), staleTime: 0, retry: false })
        .then(() => true)
        .catch(() => false);
      if (found) {
        setExists(true);
        return;
      }
    }
    upsert.mutate(
      {
        externalId,
        contact: {
          name: draft.name.trim() || null,
          email: draft.email.trim() || null,
          phone: draft.phone.trim() || null,
          tags: draft.tags,
          attributes,
          lastLoginAt: localToIso(draft.lastLoginAt) ?? null,
        },
      },
      {
        onSuccess: (r) => {
          if (!saved) {
            router.replace(`/contacts/${encodeURIComponent(r.contact.externalId)}?created=1`);
            return;
          }
          const next = draftOf(r.contact);
          setDraft(next);
          setBaseline(next);
          setNotice(t("contacts.saved"));
        },
      },
    );
  };

  return (
    <div className="page page-narrow" data-testid="contact-editor" data-external-id={saved?.externalId}>
      <PageHeader
        eyebrow={
          <Link href="/contacts" className="subtle-link">
            {t("contacts.title")}
          </Link>
        }
        title={saved ? saved.name || saved.externalId : t("contacts.newTitle")}
        description={saved ? undefined : t("contacts.newDescription")}
      />
      {!me.isPending && readOnly && (
        <Alert tone="info" data-testid="read-only-note">
          {t("contacts.readOnly")}
        </Alert>
      )}
      {notice && (
        <Alert tone="success" onClose={() => setNotice(null)} data-testid="save-notice">
          {notice}
        </Alert>
      )}
      {exists && (
        <Alert tone="error" onClose={() => setExists(false)} data-testid="contact-exists">
          <span>{t("contacts.exists")}</span>
          <div>
            <ButtonLink size="sm" href={`/contacts/${encodeURIComponent(draft.externalId.trim())}`}>
              {t("contacts.openExisting")}
            </ButtonLink>
          </div>
        </Alert>
      )}
      <SaveError error={upsert.error} onClose={() => upsert.reset()} />

      {saved && (
        <div className="card card-pad">
          <DescriptionList
            items={[
              {
                label: t("contacts.field.externalId"),
                value: (
                  <span className="inline-copy">
                    <code className="mono truncate" title={saved.externalId}>
                      {saved.externalId}
                    </code>
                    <CopyButton value={saved.externalId} variant="ghost" />
                  </span>
                ),
                wide: true,
              },
              { label: t("contacts.col.lastLogin"), value: <RelativeTime iso={saved.lastLoginAt} /> },
              { label: t("manage.created"), value: <DateTime iso={saved.createdAt} /> },
              { label: t("manage.updated"), value: <RelativeTime iso={saved.updatedAt} /> },
            ]}
          />
        </div>
      )}

      <Card title={t("contacts.form.title")}>
        <form
          className="m-form"
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          data-testid="contact-form"
        >
          {!saved && (
            <Input
              label={t("contacts.field.externalId")}
              value={draft.externalId}
              onChange={(e) => set({ externalId: e.target.value })}
              required
              maxLength={200}
              hint={t("contacts.field.externalIdHint")}
              inputClassName="mono"
              autoComplete="off"
              data-testid="contact-external-id"
            />
          )}
          <div className="m-form-row">
            <Input
              label={t("contacts.field.name")}
              value={draft.name}
              onChange={(e) => set({ name: e.target.value })}
              readOnly={readOnly}
              maxLength={200}
              error={errors.get("name")}
              autoComplete="off"
              data-testid="contact-name"
            />
            <Input
              label={t("contacts.field.email")}
              type="email"
              value={draft.email}
              onChange={(e) => set({ email: e.target.value })}
              readOnly={readOnly}
              error={errors.get("email")}
              autoComplete="off"
              data-testid="contact-email"
            />
          </div>
          <div className="m-form-row">
            <Input
              label={t("contacts.field.phone")}
              type="tel"
              value={draft.phone}
              onChange={(e) => set({ phone: e.target.value })}
              readOnly={readOnly}
              placeholder="+86 138 0000 0000"
              error={errors.get("phone")}
              autoComplete="off"
              data-testid="contact-phone"
            />
            <Input
              label={t("contacts.field.lastLoginAt")}
              type="datetime-local"
              value={draft.lastLoginAt}
              onChange={(e) => set({ lastLoginAt: e.target.value })}
              readOnly={readOnly}
              error={errors.get("lastLoginAt")}
              hint={t("contacts.field.lastLoginHint")}
              data-testid="contact-last-login"
            />
          </div>
          <TagInput
            label={t("contacts.field.tags")}
            value={draft.tags}
            onChange={(tags) => set({ tags })}
            readOnly={readOnly}
            hint={readOnly ? undefined : t("contacts.field.tagsHint")}
            error={errors.get("tags")}
            data-testid="contact-tags"
          />
          <Textarea
            label={t("contacts.field.attributes")}
            value={draft.attributes}
            onChange={(e) => set({ attributes: e.target.value })}
            readOnly={readOnly}
            rows={8}
            mono
            hint={t("contacts.field.attributesHint")}
            error={attributes === null ? t("contacts.field.attributesInvalid") : errors.get("attributes")}
            data-testid="contact-attributes"
          />
          {!readOnly && (
            <div className="m-form-footer">
              <div className="row">
                <Button type="submit" variant="primary" loading={upsert.isPending} disabled={attributes === null || (saved ? !dirty : !draft.externalId.trim())} data-testid="contact-save">
                  {saved ? t("manage.save") : t("contacts.create")}
                </Button>
                {saved && dirty && (
                  <Button variant="ghost" onClick={() => setDraft(baseline)}>
                    {t("manage.discard")}
                  </Button>
                )}
              </div>
              {dirty && <span className="dirty-dot">{t("manage.unsaved")}</span>}
            </div>
          )}
        </form>
      </Card>
    </div>
  );
}
