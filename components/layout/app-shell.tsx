"use client";
import { useEffect, type ReactNode } from "react";
import { useI18n } from "@/components/i18n/i18n";
import { isUnauthorized } from "@/components/ui/trpc-error";
import { Sidebar } from "./sidebar";
import { TopBar } from "./top-bar";
import { useMe } from "./use-me";

/** Sidebar + top bar + the page. A lost session (401 from the API) goes back to the login page. */
export function AppShell({ children }: { children: ReactNode }) {
  const { t } = useI18n();
  const { me, role, query } = useMe();
  const unauthorized = isUnauthorized(query.error);
  useEffect(() => {
    if (unauthorized) {
      const back = window.location.pathname + window.location.search;
      window.location.assign(`/login?callbackUrl=${encodeURIComponent(back)}`);
    }
  }, [unauthorized]);
  return (
    <div className="shell">
      <a href="#main" className="skip-link">
        {t("nav.skip")}
      </a>
      <Sidebar role={role} />
      <div className="shell-main">
        <TopBar me={me} loading={query.isPending} />
        <main id="main" className="content" tabIndex={-1}>
          {children}
        </main>
      </div>
    </div>
  );
}
