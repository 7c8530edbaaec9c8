import type { Metadata } from "next";
import type { ReactNode } from "react";
import { cookies } from "next/headers";
import "@fontsource-variable/inter";
import "./globals.css";
import { AppProviders } from "@/components/providers/app-providers";

export const metadata: Metadata = {
  title: "Autoflow",
  description: "Automation rules on Postgres",
  icons: { icon: "/favicon.svg" },
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const locale = (await cookies()).get("autoflow_locale")?.value === "zh" ? "zh" : "en";
  return (
    <html lang={locale === "zh" ? "zh-CN" : "en"}>
      <body>
        <AppProviders locale={locale}>{children}</AppProviders>
      </body>
    </html>
  );
}
