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
import { Input, Select, Textarea } from "@/components/ui/field";
import { IconLock, IconTrash } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { Skeleton } from "@/components/ui/skeleton";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { isNotFound } from "@/components/ui/trpc-error";
import { ConfirmDialog } from "../dialog";
import { fieldErrors } from "../field-errors";
import { isForbidden, NeedRole } from "../role-gate";
import { SaveError } from "../save-error";
import type { ConnectionItem } from "../types";
import {
  CONNECTION_TYPES, ConnectionTypeBadge, isConnectionType, secretKey, secretRequired, SecretBadge, typeHintKey, typeKey, type ConnectionType,
} from "./connection-types";

interface ConfigDraft {
  host: string;
  port: string;
  secure: boolean;
  user: string;
  from: string;
  url: string;
  method: string;
  bodyTemplate: string;
  baseUrl: string;
  headerName: string;
}

function draftOf(config: Record<string, unknown> = {}): ConfigDraft {
  const s = (k: string, d = "") => (config[k] === undefined || config[k] === null ? d : String(config[k]));
  return {
    host: s("host"),
    port: s("port", "587"),
    secure: config.secure === true,
    user: s("user"),
    from: s("from"),
    url: s("url"),
    method: s("method", "POST"),
    bodyTemplate: s("bodyTemplate"),
    baseUrl: s("baseUrl"),
    headerName: s("headerName"),
  };
}

/** The settings the server takes for the type; empty optional fields are left out. */
export function configOf(type: ConnectionType, c: ConfigDraft): Record<string, unknown> {
  const opt = (v: string) => (v.trim() ? v.trim() : undefined);
  switch (type) {
    case "smtp":
      return { host: c.host.trim(), port: c.port.trim() ? Number(c.port) : undefined, secure: c.secure, user: opt(c.user), from: opt(c.from) };
    case "sms_http":
      return { url: c.url.trim(), method: c.method, from: opt(c.from), bodyTemplate: opt(c.bodyTemplate) };
    case "http":
      return { baseUrl: opt(c.baseUrl), headerName: opt(c.headerName) };
    default:
      return {};
  }
}

export function ConnectionEditor({ id }: { id?: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const search = useSearchParams();
  const { can, query: me } = useMe();
  const connection = useQuery({ ...trpc.connections.get.queryOptions({ id: id ?? "" }), enabled: Boolean(id) && can("editor") });
  const eyebrow = (
    <Link href="/connections" className="subtle-link">
      {t("connections.title")}
    </Link>
  );
  const skeleton = (
    <div className="page page-narrow" aria-busy data-testid="connection-loading">
      <PageHeader eyebrow={eyebrow} title={<Skeleton width={240} height={26} />} />
      <div className="card card-pad">
        <Skeleton height={420} />
      </div>
    </div>
  );
  if (me.isPending) return skeleton;
  const need = id ? "editor" : "admin";
  if (!can(need) || isForbidden(connection.error)) {
    return (
      <div className="page page-narrow">
        <PageHeader eyebrow={eyebrow} title={id ? t("connections.editTitle") : t("connections.newTitle")} />
        <NeedRole role={need} />
      </div>
    );
  }
  if (!id) {
    const typeParam = search.get("type") ?? "";
    return <ConnectionForm key="new" initialType={isConnectionType(typeParam) ? typeParam : "smtp"} canEdit />;
  }
  if (connection.isError) {
    return (
      <div className="page page-narrow">
        <PageHeader eyebrow={eyebrow} title={t("connections.editTitle")} />
        {isNotFound(connection.error) ? (
          <EmptyState
            title={t("connections.notFound")}
            description={t("manage.notFoundHint")}
            action={<ButtonLink href="/connections">{t("connections.back")}</ButtonLink>}
          />
        ) : (
          <ErrorState error={connection.error} onRetry={() => connection.refetch()} />
        )}
      </div>
    );
  }
  if (!connection.data) return skeleton;
  return <ConnectionForm key={connection.data.id} saved={connection.data} canEdit={can("admin")} />;
}

type SecretMode = "keep" | "replace" | "clear";

function ConnectionForm({ saved, initialType, canEdit }: { saved?: ConnectionItem; initialType?: ConnectionType; canEdit: boolean }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const router = useRouter();
  const search = useSearchParams();
  const queryClient = useQueryClient();
  const [type, setType] = useState<ConnectionType>(saved && isConnectionType(saved.type) ? saved.type : (initialType ?? "smtp"));
  const [name, setName] = useState(saved?.name ?? "");
  const [config, setConfig] = useState<ConfigDraft>(() => draftOf(saved?.config));
  const [hasSecret, setHasSecret] = useState(saved?.hasSecret ?? false);
  const [secretMode, setSecretMode] = useState<SecretMode>(saved?.hasSecret ? "keep" : "replace");
  const [secret, setSecret] = useState("");
  const [notice, setNotice] = useState<string | null>(search.get("created") ? t("connections.created") : null);
  const [confirmDelete, setConfirmDelete] = useState(false);
  const readOnly = !canEdit;
  const [focusSecret, setFocusSecret] = useState(false);

  // "Replace secret" moves the keyboard to the new field.
  useEffect(() => {
    if (!focusSecret) return;
    document.getElementById("connection-secret")?.focus();
    setFocusSecret(false);
  }, [focusSecret]);

  useEffect(() => {
    if (saved && search.get("created")) window.history.replaceState(window.history.state, "", `/connections/${saved.id}`);
  }, [saved, search]);

  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.connections.pathKey() });
  const create = useMutation(trpc.connections.create.mutationOptions({ onSuccess: invalidate }));
  const update = useMutation(trpc.connections.update.mutationOptions({ onSuccess: invalidate }));
  const remove = useMutation(trpc.connections.delete.mutationOptions({ onSuccess: invalidate }));
  const saving = create.isPending || update.isPending;
  const saveError = create.error ?? update.error;
  const errors = fieldErrors(saveError);
  const setC = (patch: Partial<ConfigDraft>) => setConfig((c) => ({ ...c, ...patch }));

  const save = () => {
    if (readOnly || saving) return;
    setNotice(null);
    create.reset();
    update.reset();
    const cfg = configOf(type, config);
    if (!saved) {
      create.mutate(
        { connection: { name, type, config: cfg, secret: secret || undefined } },
        { onSuccess: (c) => router.replace(`/connections/${c.id}?created=1`) },
      );
      return;
    }
    const secretPatch = secretMode === "clear" ? null : secretMode === "replace" && secret ? secret : undefined;
    update.mutate(
      { id: saved.id, connection: { name, config: cfg, ...(secretPatch !== undefined ? { secret: secretPatch } : {}) } },
      {
        onSuccess: (c) => {
          setHasSecret(c.hasSecret);
          setSecret("");
          setSecretMode(c.hasSecret ? "keep" : "replace");
          setNotice(secretPatch === undefined ? t("connections.saved") : secretPatch === null ? t("connections.secretCleared") : t("connections.secretReplaced"));
        },
      },
    );
  };

  const secretLabel = t(secretKey[type]);
  const secretInput = (
    <Input
      id="connection-secret"
      label={secretLabel}
      type="password"
      value={secret}
      onChange={(e) => setSecret(e.target.value)}
      autoComplete="new-password"
      spellCheck={false}
      required={!saved && secretRequired[type]}
      placeholder={type === "amqp" ? "amqp://user:pass@host:5672/vhost" : undefined}
      hint={saved ? t("connections.secretReplaceHint") : secretRequired[type] ? t("connections.secretRequiredHint") : t("connections.secretOptionalHint")}
      error={errors.get("secret")}
      data-testid="connection-secret-input"
    />
  );

  return (
    <div className="page page-narrow" data-testid="connection-editor" data-connection-id={saved?.id}>
      <PageHeader
        eyebrow={
          <Link href="/connections" className="subtle-link">
            {t("connections.title")}
          </Link>
        }
        title={saved ? saved.name : t("connections.newTitle")}
        meta={saved ? <ConnectionTypeBadge type={saved.type} /> : null}
        description={
          saved ? (
            <>
              {t("manage.updated")} <RelativeTime iso={saved.updatedAt} />
            </>
          ) : (
            t("connections.newDescription")
          )
        }
        actions={
          saved && canEdit ? (
            <Button variant="danger" icon={<IconTrash />} onClick={() => setConfirmDelete(true)} data-testid="connection-delete">
              {t("manage.delete")}
            </Button>
          ) : null
        }
      />
      {readOnly && (
        <Alert tone="info" data-testid="read-only-note">
          {t("connections.readOnly")}
        </Alert>
      )}
      {notice && (
        <Alert tone="success" onClose={() => setNotice(null)} data-testid="save-notice">
          {notice}
        </Alert>
      )}
      <SaveError error={saveError} onClose={() => (create.reset(), update.reset())} />

      <form
        className="stack"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
        data-testid="connection-form"
        autoComplete="off"
      >
        <Card title={t("connections.section.general")}>
          <div className="m-form">
            {!saved && (
              <fieldset className="m-fieldset">
                <legend className="field-label">{t("connections.field.type")}</legend>
                <div className="m-type-grid" data-testid="connection-type-picker">
                  {CONNECTION_TYPES.map((ct) => (
                    <label key={ct} className="m-type-card" data-checked={type === ct || undefined}>
                      <input
                        type="radio"
                        name="connection-type"
                        value={ct}
                        checked={type === ct}
                        onChange={() => setType(ct)}
                        data-testid={`connection-type-${ct}`}
                      />
                      <span className="m-type-text">
                        <span className="m-type-name">{t(typeKey[ct])}</span>
                        <span className="m-type-hint">{t(typeHintKey[ct])}</span>
                      </span>
                    </label>
                  ))}
                </div>
              </fieldset>
            )}
            <Input
              label={t("connections.field.name")}
              value={name}
              onChange={(e) => setName(e.target.value)}
              required
              maxLength={100}
              readOnly={readOnly}
              error={errors.get("name")}
              hint={t("connections.field.nameHint")}
              data-testid="connection-name"
            />
          </div>
        </Card>

        {type !== "amqp" && (
          <Card title={t("connections.section.settings")} description={t(typeHintKey[type])}>
            <div className="m-form">
              {type === "smtp" && (
                <>
                  <div className="m-form-row">
                    <Input
                      label={t("connections.field.host")}
                      value={config.host}
                      onChange={(e) => setC({ host: e.target.value })}
                      required
                      readOnly={readOnly}
                      placeholder="smtp.example.com"
                      error={errors.get("config.host")}
                      data-testid="connection-host"
                    />
                    <Input
                      label={t("connections.field.port")}
                      type="number"
                      min={1}
                      max={65535}
                      value={config.port}
                      onChange={(e) => setC({ port: e.target.value })}
                      readOnly={readOnly}
                      error={errors.get("config.port")}
                      className="m-field-narrow"
                      data-testid="connection-port"
                    />
                  </div>
                  <label className="m-check">
                    <input
                      type="checkbox"
                      checked={config.secure}
                      onChange={(e) => setC({ secure: e.target.checked })}
                      disabled={readOnly}
                      data-testid="connection-secure"
                    />
                    <span>
                      <span className="m-check-label">{t("connections.field.secure")}</span>
                      <span className="m-check-hint">{t("connections.field.secureHint")}</span>
                    </span>
                  </label>
                  <div className="m-form-row">
                    <Input
                      label={t("connections.field.user")}
                      value={config.user}
                      onChange={(e) => setC({ user: e.target.value })}
                      readOnly={readOnly}
                      autoComplete="off"
                      error={errors.get("config.user")}
                      data-testid="connection-user"
                    />
                    <Input
                      label={t("connections.field.from")}
                      value={config.from}
                      onChange={(e) => setC({ from: e.target.value })}
                      readOnly={readOnly}
                      placeholder="Autoflow <noreply@example.com>"
                      error={errors.get("config.from")}
                      data-testid="connection-from"
                    />
                  </div>
                </>
              )}
              {type === "sms_http" && (
                <>
                  <div className="m-form-row">
                    <Input
                      label={t("connections.field.url")}
                      type="url"
                      value={config.url}
                      onChange={(e) => setC({ url: e.target.value })}
                      required
                      readOnly={readOnly}
                      placeholder="https://sms.example.com/send"
                      error={errors.get("config.url")}
                      data-testid="connection-url"
                    />
                    <Select
                      label={t("connections.field.method")}
                      value={config.method}
                      onChange={(e) => setC({ method: e.target.value })}
                      disabled={readOnly}
                      options={[
                        { value: "POST", label: "POST" },
                        { value: "PUT", label: "PUT" },
                      ]}
                      className="m-field-narrow"
                      data-testid="connection-method"
                    />
                  </div>
                  <Input
                    label={t("connections.field.smsFrom")}
                    value={config.from}
                    onChange={(e) => setC({ from: e.target.value })}
                    readOnly={readOnly}
                    error={errors.get("config.from")}
                    data-testid="connection-from"
                  />
                  <Textarea
                    label={t("connections.field.bodyTemplate")}
                    value={config.bodyTemplate}
                    onChange={(e) => setC({ bodyTemplate: e.target.value })}
                    readOnly={readOnly}
                    rows={4}
                    mono
                    placeholder={'{"phone": "{{to}}", "message": "{{text}}"}'}
                    hint={t("connections.field.bodyTemplateHint")}
                    error={errors.get("config.bodyTemplate")}
                    data-testid="connection-body-template"
                  />
                </>
              )}
              {type === "http" && (
                <div className="m-form-row">
                  <Input
                    label={t("connections.field.baseUrl")}
                    type="url"
                    value={config.baseUrl}
                    onChange={(e) => setC({ baseUrl: e.target.value })}
                    readOnly={readOnly}
                    placeholder="https://api.example.com"
                    error={errors.get("config.baseUrl")}
                    data-testid="connection-base-url"
                  />
                  <Input
                    label={t("connections.field.headerName")}
                    value={config.headerName}
                    onChange={(e) => setC({ headerName: e.target.value })}
                    readOnly={readOnly}
                    placeholder="Authorization"
                    hint={t("connections.field.headerNameHint")}
                    error={errors.get("config.headerName")}
                    className="m-field-narrow-lg"
                    data-testid="connection-header-name"
                  />
                </div>
              )}
            </div>
          </Card>
        )}

        <Card title={t("connections.section.secret")} description={t("connections.secretHint")} data-testid="connection-secret-card">
          <div className="m-form">
            {saved && secretMode === "keep" ? (
              <div className="m-secret-row" data-testid="connection-secret-stored">
                <span className="m-secret-label">{secretLabel}</span>
                <code className="m-secret-mask" aria-label={t("connections.secretSet")}>
                  ••••
                </code>
                <SecretBadge hasSecret />
                {canEdit && (
                  <div className="row m-secret-actions">
                    <Button size="sm" icon={<IconLock />} onClick={() => {
                        setSecretMode("replace");
                        setFocusSecret(true);
                      }}
                      data-testid="connection-secret-replace">
                      {t("connections.replaceSecret")}
                    </Button>
                    {!secretRequired[type] && (
                      <Button size="sm" variant="ghost" onClick={() => setSecretMode("clear")} data-testid="connection-secret-clear">
                        {t("connections.clearSecret")}
                      </Button>
                    )}
                  </div>
                )}
              </div>
            ) : saved && secretMode === "clear" ? (
              <Alert tone="warning">
                <span>{t("connections.clearPending")}</span>
                <div>
                  <Button size="sm" onClick={() => setSecretMode("keep")}>
                    {t("connections.keepSecret")}
                  </Button>
                </div>
              </Alert>
            ) : readOnly ? (
              <div className="m-secret-row">
                <span className="m-secret-label">{secretLabel}</span>
                <SecretBadge hasSecret={hasSecret} />
              </div>
            ) : (
              <>
                {saved && !hasSecret && (
                  <div className="m-secret-row">
                    <span className="m-secret-label">{secretLabel}</span>
                    <SecretBadge hasSecret={false} />
                  </div>
                )}
                {secretInput}
                {saved && hasSecret && (
                  <div>
                    <Button
                      size="sm"
                      variant="ghost"
                      onClick={() => {
                        setSecret("");
                        setSecretMode("keep");
                      }}
                      data-testid="connection-secret-keep"
                    >
                      {t("connections.keepSecret")}
                    </Button>
                  </div>
                )}
              </>
            )}
          </div>
        </Card>

        {canEdit && (
          <div className="m-form-footer m-form-footer-bare">
            <div className="row">
              <Button type="submit" variant="primary" loading={saving} data-testid="connection-save">
                {saved ? t("manage.save") : t("connections.create")}
              </Button>
              <ButtonLink href="/connections" variant="ghost">
                {t("manage.cancel")}
              </ButtonLink>
            </div>
          </div>
        )}
      </form>

      {saved && (
        <ConfirmDialog
          open={confirmDelete}
          onClose={() => {
            setConfirmDelete(false);
            remove.reset();
          }}
          onConfirm={() => remove.mutate({ id: saved.id }, { onSuccess: () => router.push("/connections") })}
          busy={remove.isPending}
          title={t("connections.deleteTitle", { name: saved.name })}
          body={t("connections.deleteBody")}
          confirmLabel={t("manage.delete")}
          error={remove.error ? <SaveError error={remove.error} title={t("manage.deleteFailed")} /> : null}
        />
      )}
    </div>
  );
}
