"use client";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { useTRPC } from "@/components/providers/trpc";

/** `rules.enable` answers this instead of enabling when the rule could message many people. */
export interface EnableAsk {
  needsConfirmation: true;
  ruleId: string;
  threshold: number;
  channels: ("email" | "sms")[];
  estimatedRecipients: number;
  basis: "addresses" | "tagged_contacts" | "all_contacts";
  tags: string[];
  message: string;
}

export function enableAskOf(result: unknown): EnableAsk | null {
  const r = result as Partial<EnableAsk> | null;
  return r && r.needsConfirmation === true ? (r as EnableAsk) : null;
}

/**
 * Enable / disable a rule; every rules query refreshes afterwards. `requestEnable` sends enable
 * without confirmation; when the server asks first, `ask` holds its answer until the caller
 * confirms (`confirmEnable`, resent with `confirm: true`) or cancels (`cancelAsk`).
 */
export function useRuleStatus() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const onSuccess = () => queryClient.invalidateQueries({ queryKey: trpc.rules.pathKey() });
  const enable = useMutation(trpc.rules.enable.mutationOptions({ onSuccess }));
  const disable = useMutation(trpc.rules.disable.mutationOptions({ onSuccess }));
  const [ask, setAsk] = useState<EnableAsk | null>(null);

  const requestEnable = (id: string, opts?: { onError?: (err: unknown) => void }) => {
    setAsk(null);
    enable.mutate(
      { id },
      {
        onSuccess: (r) => {
          const a = enableAskOf(r);
          if (a) setAsk(a);
        },
        onError: opts?.onError,
      },
    );
  };
  const confirmEnable = (opts?: { onError?: (err: unknown) => void }) => {
    if (!ask) return;
    enable.mutate(
      { id: ask.ruleId, confirm: true },
      {
        onSuccess: () => setAsk(null),
        onError: (err) => {
          setAsk(null);
          opts?.onError?.(err);
        },
      },
    );
  };
  const cancelAsk = () => setAsk(null);

  return { enable, disable, ask, requestEnable, confirmEnable, cancelAsk };
}
