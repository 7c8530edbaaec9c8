"use client";
import "@/components/manage/manage.css";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { ConfirmDialog } from "@/components/manage/dialog";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { IconTrash } from "@/components/ui/icons";
import { errorInfo } from "@/components/ui/trpc-error";

/** "Delete rule" (editor+) on the rule page: asks first, names the rule, then goes to /rules. */
export function RuleDeleteButton({ id, name }: { id: string; name: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const del = useMutation(
    trpc.rules.delete.mutationOptions({
      onSuccess: () => {
        // Mark every rules query stale without refetching this page's (now missing) rule; the
        // list refetches when /rules mounts.
        void queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey(), refetchType: "none" });
        router.push("/rules");
      },
    }),
  );
  return (
    <>
      <Button variant="danger" icon={<IconTrash />} onClick={() => { del.reset(); setOpen(true); }} data-testid="rule-delete">
        {t("rule.delete")}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => { if (!del.isPending) setOpen(false); }}
        onConfirm={() => del.mutate({ id, confirm: true })}
        busy={del.isPending || del.isSuccess}
        title={t("rule.deleteTitle", { name })}
        body={
          <>
            <p>{t("rule.deleteBody")}</p>
            <p className="muted small">{t("rule.deleteExecutions")}</p>
          </>
        }
        confirmLabel={t("rule.delete")}
        error={del.isError ? <p className="field-error" role="alert" data-testid="rule-delete-error">{errorInfo(del.error).message}</p> : undefined}
      />
    </>
  );
}
