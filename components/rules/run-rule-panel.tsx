"use client";
import Link from "next/link";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import { Textarea } from "@/components/ui/field";
import { IconPlay } from "@/components/ui/icons";
import { Alert } from "@/components/ui/states";
import { errorInfo } from "@/components/ui/trpc-error";
import { parseJson } from "./rule-document";

/** "Run now": a manual trigger with a JSON payload (works on a disabled rule: a test run). */
export function RunRulePanel({ ruleId, status }: { ruleId: string; status: string }) {
  const { t } = useI18n();
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [payload, setPayload] = useState("{}");
  const [localError, setLocalError] = useState<string | null>(null);
  const run = useMutation(
    trpc.rules.trigger.mutationOptions({
      onSuccess: () => {
        void queryClient.invalidateQueries({ queryKey: trpc.executions.pathKey() });
        void queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
      },
    }),
  );

  function submit() {
    setLocalError(null);
    const parsed = parseJson(payload);
    if (!parsed.ok) return setLocalError(t("rule.invalidJson", { message: parsed.message }));
    const v = parsed.value;
    if (typeof v !== "object" || v === null || Array.isArray(v)) return setLocalError(t("run.payloadObject"));
    run.mutate({ id: ruleId, payload: v as Record<string, unknown> });
  }

  return (
    <Card title={t("run.title")} description={status === "enabled" ? t("run.description") : t("run.testRunHint")} data-testid="rule-run-panel">
      <div className="stack">
        <Textarea
          label={t("run.payload")}
          mono
          rows={5}
          value={payload}
          onChange={(e) => setPayload(e.target.value)}
          error={localError ?? undefined}
          data-testid="rule-run-payload"
        />
        <div className="row">
          <Button variant="primary" icon={<IconPlay />} loading={run.isPending} onClick={submit} data-testid="rule-run">
            {t("run.submit")}
          </Button>
        </div>
        {run.isSuccess && (
          <Alert tone="success" onClose={() => run.reset()} data-testid="rule-run-result">
            {t("run.started")}{" "}
            <Link href={`/executions/${run.data.executionId}`} className="link mono" data-testid="rule-run-execution">
              #{run.data.executionId}
            </Link>
          </Alert>
        )}
        {run.isError && (
          <Alert tone="error" onClose={() => run.reset()} data-testid="rule-run-error">
            {errorInfo(run.error).message}
          </Alert>
        )}
      </div>
    </Card>
  );
}
