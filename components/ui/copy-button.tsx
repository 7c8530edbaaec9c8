"use client";
import { useEffect, useState } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Button, type ButtonSize, type ButtonVariant } from "./button";

async function copyText(text: string): Promise<boolean> {
  try {
    await navigator.clipboard.writeText(text);
    return true;
  } catch {
    // Clipboard API needs a secure context; fall back to a hidden textarea.
    const el = document.createElement("textarea");
    el.value = text;
    el.setAttribute("readonly", "");
    el.style.position = "fixed";
    el.style.opacity = "0";
    document.body.appendChild(el);
    el.select();
    const ok = document.execCommand("copy");
    el.remove();
    return ok;
  }
}

export function CopyButton({
  value, label, size = "sm", variant = "secondary", ...rest
}: { value: string; label?: string; size?: ButtonSize; variant?: ButtonVariant; "data-testid"?: string }) {
  const { t } = useI18n();
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const id = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(id);
  }, [copied]);
  return (
    <Button
      size={size}
      variant={variant}
      onClick={async () => setCopied(await copyText(value))}
      data-testid={rest["data-testid"]}
      aria-live="polite"
    >
      {copied ? t("common.copied") : (label ?? t("common.copy"))}
    </Button>
  );
}
