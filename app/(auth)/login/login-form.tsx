"use client";
import { signIn } from "next-auth/react";
import { useSearchParams } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { Button } from "@/components/ui/button";
import { Input } from "@/components/ui/field";
import { IconLogo } from "@/components/ui/icons";
import { Alert } from "@/components/ui/states";

/** Only same-origin paths: an open redirect through `callbackUrl` would be a phishing aid. */
function safeCallback(raw: string | null): string {
  if (!raw) return "/";
  try {
    const url = new URL(raw, window.location.origin);
    if (url.origin !== window.location.origin || url.pathname.startsWith("/login")) return "/";
    return url.pathname + url.search + url.hash;
  } catch {
    return "/";
  }
}

export function LoginForm() {
  const { t } = useI18n();
  const params = useSearchParams();
  const [pending, setPending] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The button is enabled once React is in charge of the form: a click before hydration would
  // otherwise submit the form natively (a GET with the password in the URL).
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setError(null);
    // Uncontrolled inputs, read at submit: whatever was typed (even before hydration) counts.
    const data = new FormData(e.currentTarget);
    const email = String(data.get("email") ?? "");
    const password = String(data.get("password") ?? "");
    if (!email.trim() || !password) {
      setError(t("login.missing"));
      return;
    }
    setPending(true);
    try {
      const res = await signIn("credentials", { email: email.trim(), password, redirect: false });
      if (!res || res.error || !res.ok) {
        setError(t("login.failed"));
        setPending(false);
        return;
      }
      // A full navigation, so every provider starts with the new session cookie.
      window.location.assign(safeCallback(params.get("callbackUrl")));
    } catch {
      setError(t("login.unreachable"));
      setPending(false);
    }
  }

  return (
    <div className="auth-card">
      <div className="auth-brand">
        <IconLogo />
        <span>{t("app.name")}</span>
      </div>
      <h1 className="auth-title">{t("login.title")}</h1>
      <p className="auth-subtitle">{t("login.subtitle")}</p>
      <form onSubmit={onSubmit} method="post" className="auth-form" noValidate data-testid="login-form">
        {error && (
          <Alert tone="error" data-testid="login-error">
            {error}
          </Alert>
        )}
        <Input
          label={t("login.email")}
          type="email"
          name="email"
          autoComplete="username"
          autoFocus
          required
          data-testid="login-email"
        />
        <Input
          label={t("login.password")}
          type="password"
          name="password"
          autoComplete="current-password"
          required
          data-testid="login-password"
        />
        <Button type="submit" variant="primary" className="btn-block" loading={pending} disabled={!hydrated} data-testid="login-submit">
          {pending ? t("login.submitting") : t("login.submit")}
        </Button>
      </form>
    </div>
  );
}
