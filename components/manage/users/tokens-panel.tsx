"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { Role } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { CopyButton } from "@/components/ui/copy-button";
import { Input, Select } from "@/components/ui/field";
import { IconKey, IconPlus } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { ConfirmDialog, Dialog } from "../dialog";
import { fieldErrors } from "../field-errors";
import { SaveError } from "../save-error";
import type { CreatedToken, TokenItem } from "../types";
import { isRole, RoleBadge, useRoleOptions } from "./role-badge";

const CELLS = ["col-name", undefined, "hide-sm", "nowrap hide-md", "nowrap", undefined, "col-actions"];

export function TokensPanel() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const list = useQuery(trpc.tokens.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [revoking, setRevoking] = useState<TokenItem | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const revoke = useMutation(trpc.tokens.revoke.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tokens.pathKey() }) }));

  return (
    <div data-testid="tokens-panel">
      <div className="m-panel-toolbar">
        <p className="muted small">{t("tokens.hint")}</p>
        <Button variant="primary" icon={<IconPlus />} onClick={() => setCreating(true)} data-testid="token-new">
          {t("tokens.new")}
        </Button>
      </div>
      {notice && (
        <div className="card-alert">
          <Alert tone="success" onClose={() => setNotice(null)} data-testid="tokens-notice">
            {notice}
          </Alert>
        </div>
      )}
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table data-testid="tokens-table" caption={t("users.tab.tokens")} aria-busy={list.isPending}>
          <thead>
            <tr>
              <Th className="col-name">{t("tokens.col.name")}</Th>
              <Th>{t("tokens.col.role")}</Th>
              <Th className="hide-sm">{t("tokens.col.prefix")}</Th>
              <Th className="hide-md">{t("manage.created")}</Th>
              <Th>{t("tokens.col.lastUsed")}</Th>
              <Th>{t("tokens.col.status")}</Th>
              <Th className="col-actions">
                <span className="sr-only">{t("common.actions")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {list.isPending ? (
              <SkeletonRows rows={4} columns={7} cellClassNames={CELLS} />
            ) : list.data.items.length === 0 ? (
              <TableMessageRow columns={7}>
                <EmptyState icon={<IconKey />} title={t("tokens.empty")} description={t("tokens.emptyHint")} />
              </TableMessageRow>
            ) : (
              list.data.items.map((tk) => (
                <tr key={tk.id} data-testid="token-row" data-token-name={tk.name} data-revoked={tk.revokedAt ? "true" : undefined}>
                  <Td className="col-name">
                    <span className="row-link">{tk.name}</span>
                  </Td>
                  <Td>
                    <RoleBadge role={tk.role} />
                  </Td>
                  <Td className="hide-sm">
                    <code className="mono">{tk.prefix}…</code>
                  </Td>
                  <Td className="nowrap hide-md">
                    <RelativeTime iso={tk.createdAt} />
                  </Td>
                  <Td className="nowrap">
                    <RelativeTime iso={tk.lastUsedAt} empty={t("users.never")} />
                  </Td>
                  <Td>
                    {tk.revokedAt ? (
                      <Badge tone="strike" title={tk.revokedAt} data-testid="token-status">
                        {t("tokens.status.revoked")}
                      </Badge>
                    ) : (
                      <Badge tone="green" dot data-testid="token-status">
                        {t("tokens.status.active")}
                      </Badge>
                    )}
                  </Td>
                  <Td className="col-actions">
                    {!tk.revokedAt && (
                      <Button size="sm" variant="danger" onClick={() => setRevoking(tk)} data-testid="token-revoke">
                        {t("tokens.revoke")}
                      </Button>
                    )}
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}

      <ConfirmDialog
        open={revoking !== null}
        onClose={() => {
          setRevoking(null);
          revoke.reset();
        }}
        onConfirm={() =>
          revoking &&
          revoke.mutate(
            { id: revoking.id },
            {
              onSuccess: () => {
                setNotice(t("tokens.revoked", { name: revoking.name }));
                setRevoking(null);
              },
            },
          )
        }
        busy={revoke.isPending}
        title={t("tokens.revokeTitle", { name: revoking?.name ?? "" })}
        body={t("tokens.revokeBody")}
        confirmLabel={t("tokens.revoke")}
        error={revoke.error ? <SaveError error={revoke.error} /> : null}
      />
      <CreateTokenDialog open={creating} onClose={() => setCreating(false)} />
    </div>
  );
}

/** Name and role; then the new token, shown this once with a copy button and a warning. */
function CreateTokenDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const [name, setName] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useMutation(trpc.tokens.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.tokens.pathKey() }) }));
  const errors = fieldErrors(create.error);
  const close = () => {
    // The token leaves memory with the dialog: it cannot be shown again.
    setCreated(null);
    setName("");
    setRole("viewer");
    create.reset();
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={created ? t("tokens.createdTitle") : t("tokens.new")}
      description={created ? undefined : t("tokens.newHint")}
      data-testid="token-create-dialog"
      footer={
        created ? (
          <Button variant="primary" onClick={close} data-testid="token-done">
            {t("tokens.done")}
          </Button>
        ) : (
          <>
            <Button onClick={close}>{t("manage.cancel")}</Button>
            <Button type="submit" form="token-create-form" variant="primary" loading={create.isPending} data-testid="token-create-submit">
              {t("tokens.create")}
            </Button>
          </>
        )
      }
    >
      {created ? (
        <div className="stack" data-testid="token-created">
          <Alert tone="warning" title={t("tokens.onceTitle")}>
            {t("tokens.onceBody")}
          </Alert>
          <div className="m-token-box">
            <code className="secret-value m-token-value" data-testid="token-value">
              {created.token}
            </code>
            <CopyButton value={created.token} variant="primary" size="md" data-testid="token-copy" />
          </div>
          <p className="small muted">
            {t("tokens.createdMeta", { name: created.name })} <RoleBadge role={created.role} />
          </p>
          <p className="small muted">{t("tokens.usage")}</p>
          <code className="inline-code m-usage">Authorization: Bearer {created.prefix}…</code>
        </div>
      ) : (
        <form
          id="token-create-form"
          className="m-form"
          onSubmit={(e) => {
            e.preventDefault();
            create.mutate({ name: name.trim(), role }, { onSuccess: (tk) => setCreated(tk) });
          }}
        >
          {create.error && !errors.any ? <SaveError error={create.error} /> : null}
          <Input
            label={t("tokens.field.name")}
            value={name}
            onChange={(e) => setName(e.target.value)}
            required
            maxLength={100}
            autoFocus
            placeholder={t("tokens.field.namePlaceholder")}
            error={errors.get("name")}
            data-testid="token-name"
          />
          <Select
            label={t("tokens.field.role")}
            value={role}
            onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
            options={roleOptions}
            hint={t("users.field.roleHint")}
            data-testid="token-role"
          />
        </form>
      )}
    </Dialog>
  );
}
