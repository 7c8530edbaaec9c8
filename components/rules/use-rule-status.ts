"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useTRPC } from "@/components/providers/trpc";

/** Enable / disable a rule; every rules query refreshes afterwards. */
export function useRuleStatus() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
  const enable = useMutation(trpc.rules.enable.mutationOptions({ onSuccess }));
  const disable = useMutation(trpc.rules.disable.mutationOptions({ onSuccess }));
  return { enable, disable };
}
