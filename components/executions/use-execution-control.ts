"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** Cancel and retry; every executions query (lists, details, home figures) refreshes afterwards. */
export function useExecutionControl() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.executions.pathKey() });
  const retry = useMutation(trpc.executions.retry.mutationOptions({ onSuccess }));
  const cancel = useMutation(trpc.executions.cancel.mutationOptions({ onSuccess }));
  return { retry, cancel };
}

export const canCancel = (status: string) => status === "pending" || status === "running" || status === "retrying";
export const canRetry = (status: string) => status === "failed" || status === "cancelled";
