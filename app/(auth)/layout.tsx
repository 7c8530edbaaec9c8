import type { ReactNode } from "react";
import { LanguageSwitch } from "@/components/layout/language-switch";

export default function AuthLayout({ children }: { children: ReactNode }) {
  return (
    <div className="auth-page">
      <div className="auth-top">
        <LanguageSwitch />
      </div>
      <main className="auth-main">{children}</main>
    </div>
  );
}
