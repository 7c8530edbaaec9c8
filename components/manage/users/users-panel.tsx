"use client";
import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useMe, type Role } from "@/components/layout/use-me";
import { useTRPC } from "@/components/providers/trpc";
import { Badge } from "@/components/ui/badge";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";
import { IconPlus, IconUsers } from "@/components/ui/icons";
import { RelativeTime } from "@/components/ui/relative-time";
import { Alert, EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";
import { ConfirmDialog, Dialog } from "../dialog";
import { fieldErrors } from "../field-errors";
import { roleKey } from "../role-gate";
import { SaveError } from "../save-error";
import type { UserItem } from "../types";
import { isRole, useRoleOptions } from "./role-badge";

const CELLS = ["col-name", undefined, undefined, "nowrap hide-sm", "nowrap hide-md", "col-actions"];

type Pending = { kind: "role"; user: UserItem; role: Role } | { kind: "disable" | "enable"; user: UserItem };

export function UsersPanel() {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const { me } = useMe();
  const roleOptions = useRoleOptions();
  const list = useQuery(trpc.users.list.queryOptions());
  const [creating, setCreating] = useState(false);
  const [pending, setPending] = useState<Pending | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const invalidate = () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() });
  const update = useMutation(trpc.users.update.mutationOptions({ onSuccess: invalidate }));
  const isSelf = (u: UserItem) => me?.kind === "user" && me.id === u.id;

  const confirm = () => {
    if (!pending) return;
    const input =
      pending.kind === "role" ? { id: pending.user.id, role: pending.role } : { id: pending.user.id, disabled: pending.kind === "disable" };
    update.mutate(input, {
      onSuccess: (u) => {
        setNotice(
          pending.kind === "role"
            ? t("users.roleChanged", { email: u.email, role: isRole(u.role) ? t(roleKey[u.role]) : u.role })
            : pending.kind === "disable"
              ? t("users.disabledNotice", { email: u.email })
              : t("users.enabledNotice", { email: u.email }),
        );
        setPending(null);
      },
    });
  };

  return (
    <div data-testid="users-panel">
      <div className="m-panel-toolbar">
        <p className="muted small">{t("users.usersHint")}</p>
        <Button variant="primary" icon={<IconPlus />} onClick={() => setCreating(true)} data-testid="user-new">
          {t("users.new")}
        </Button>
      </div>
      {notice && (
        <div className="card-alert">
          <Alert tone="success" onClose={() => setNotice(null)} data-testid="users-notice">
            {notice}
          </Alert>
        </div>
      )}
      {list.isError ? (
        <ErrorState error={list.error} onRetry={() => list.refetch()} />
      ) : (
        <Table data-testid="users-table" caption={t("users.tab.users")} aria-busy={list.isPending}>
          <thead>
            <tr>
              <Th className="col-name">{t("users.col.user")}</Th>
              <Th>{t("users.col.role")}</Th>
              <Th>{t("users.col.status")}</Th>
              <Th className="hide-sm">{t("users.col.lastLogin")}</Th>
              <Th className="hide-md">{t("manage.created")}</Th>
              <Th className="col-actions">
                <span className="sr-only">{t("common.actions")}</span>
              </Th>
            </tr>
          </thead>
          <tbody>
            {list.isPending ? (
              <SkeletonRows rows={4} columns={6} cellClassNames={CELLS} />
            ) : list.data.items.length === 0 ? (
              <TableMessageRow columns={6}>
                <EmptyState icon={<IconUsers />} title={t("users.empty")} />
              </TableMessageRow>
            ) : (
              list.data.items.map((u) => (
                <tr key={u.id} data-testid="user-row" data-user-email={u.email} data-disabled={u.disabled || undefined}>
                  <Td className="col-name">
                    <span className="row-link">{u.email}</span>
                    {isSelf(u) && (
                      <Badge tone="indigo" className="badge-inline">
                        {t("users.you")}
                      </Badge>
                    )}
                    {u.name && <span className="row-sub">{u.name}</span>}
                  </Td>
                  <Td>
                    <Select
                      label={t("users.changeRoleOf", { email: u.email })}
                      hideLabel
                      value={u.role}
                      options={roleOptions}
                      disabled={isSelf(u)}
                      title={isSelf(u) ? t("users.selfHint") : undefined}
                      onChange={(e) => {
                        if (isRole(e.target.value) && e.target.value !== u.role) setPending({ kind: "role", user: u, role: e.target.value });
                      }}
                      className="m-role-select"
                      data-testid="user-role"
                    />
                  </Td>
                  <Td>
                    {u.disabled ? (
                      <Badge tone="red" data-testid="user-status">
                        {t("users.status.disabled")}
                      </Badge>
                    ) : (
                      <Badge tone="green" dot data-testid="user-status">
                        {t("users.status.active")}
                      </Badge>
                    )}
                  </Td>
                  <Td className="nowrap hide-sm">
                    <RelativeTime iso={u.lastLoginAt} empty={t("users.never")} />
                  </Td>
                  <Td className="nowrap hide-md">
                    <RelativeTime iso={u.createdAt} />
                  </Td>
                  <Td className="col-actions">
                    {!isSelf(u) &&
                      (u.disabled ? (
                        <Button size="sm" onClick={() => setPending({ kind: "enable", user: u })} data-testid="user-enable">
                          {t("users.enable")}
                        </Button>
                      ) : (
                        <Button size="sm" variant="danger" onClick={() => setPending({ kind: "disable", user: u })} data-testid="user-disable">
                          {t("users.disable")}
                        </Button>
                      ))}
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}

      <ConfirmDialog
        open={pending !== null}
        onClose={() => {
          setPending(null);
          update.reset();
        }}
        onConfirm={confirm}
        busy={update.isPending}
        danger={pending?.kind === "disable"}
        title={
          pending?.kind === "role"
            ? t("users.confirmRoleTitle")
            : pending?.kind === "disable"
              ? t("users.confirmDisableTitle")
              : t("users.confirmEnableTitle")
        }
        body={
          pending?.kind === "role"
            ? t("users.confirmRoleBody", { email: pending.user.email, role: t(roleKey[pending.role]) })
            : pending?.kind === "disable"
              ? t("users.confirmDisableBody", { email: pending.user.email })
              : pending
                ? t("users.confirmEnableBody", { email: pending.user.email })
                : null
        }
        confirmLabel={pending?.kind === "role" ? t("users.changeRole") : pending?.kind === "disable" ? t("users.disable") : t("users.enable")}
        error={update.error ? <SaveError error={update.error} /> : null}
      />
      <CreateUserDialog
        open={creating}
        onClose={() => setCreating(false)}
        onCreated={(email) => {
          setCreating(false);
          setNotice(t("users.created", { email }));
        }}
      />
    </div>
  );
}

function CreateUserDialog({ open, onClose, onCreated }: { open: boolean; onClose: () => void; onCreated: (email: string) => void }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const roleOptions = useRoleOptions();
  const [email, setEmail] = useState("");
  const [name, setName] = useState("");
  const [password, setPassword] = useState("");
  const [role, setRole] = useState<Role>("viewer");
  const create = useMutation(trpc.users.create.mutationOptions({ onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.users.pathKey() }) }));
  const errors = fieldErrors(create.error);
  const close = () => {
    create.reset();
    setEmail("");
    setName("");
    setPassword("");
    setRole("viewer");
    onClose();
  };
  return (
    <Dialog
      open={open}
      onClose={close}
      title={t("users.new")}
      description={t("users.newHint")}
      data-testid="user-create-dialog"
      footer={
        <>
          <Button onClick={close}>{t("manage.cancel")}</Button>
          <Button type="submit" form="user-create-form" variant="primary" loading={create.isPending} data-testid="user-create-submit">
            {t("users.create")}
          </Button>
        </>
      }
    >
      <form
        id="user-create-form"
        className="m-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { email: email.trim(), password, role, name: name.trim() || undefined },
            {
              onSuccess: (u) => {
                const created = u.email;
                create.reset();
                setEmail("");
                setName("");
                setPassword("");
                setRole("viewer");
                onCreated(created);
              },
            },
          );
        }}
        autoComplete="off"
      >
        {create.error && !errors.any ? <SaveError error={create.error} /> : null}
        <Input
          label={t("users.field.email")}
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          required
          autoFocus
          autoComplete="off"
          error={errors.get("email")}
          data-testid="user-email"
        />
        <Input label={t("users.field.name")} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} error={errors.get("name")} data-testid="user-name" />
        <Input
          label={t("users.field.password")}
          type="password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
          minLength={8}
          autoComplete="new-password"
          hint={t("users.field.passwordHint")}
          error={errors.get("password")}
          data-testid="user-password"
        />
        <Select
          label={t("users.field.role")}
          value={role}
          onChange={(e) => isRole(e.target.value) && setRole(e.target.value)}
          options={roleOptions}
          hint={t("users.field.roleHint")}
          data-testid="user-role-select"
        />
      </form>
    </Dialog>
  );
}
