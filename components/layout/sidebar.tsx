"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useI18n } from "@/components/i18n/i18n";
import { IconLogo } from "@/components/ui/icons";
import { cx } from "@/components/ui/cx";
import { navItems } from "./nav-items";
import { roleAtLeast } from "./use-me";

export function Sidebar({ role }: { role: string | null }) {
  const { t } = useI18n();
  const pathname = usePathname() ?? "/";
  return (
    <aside className="sidebar" data-testid="sidebar">
      <div className="sidebar-inner">
      <Link href="/" className="brand" aria-label={t("app.name")}>
        <IconLogo />
        <span className="brand-name">{t("app.name")}</span>
      </Link>
      <nav className="nav" aria-label={t("nav.label")}>
        <ul>
          {navItems
            .filter((item) => !item.minRole || roleAtLeast(role, item.minRole))
            .map((item) => {
              const active = item.exact ? pathname === item.href : pathname === item.href || pathname.startsWith(item.href + "/");
              const Icon = item.icon;
              return (
                <li key={item.href}>
                  <Link
                    href={item.href}
                    className={cx("nav-link", active && "nav-link-active")}
                    aria-current={active ? "page" : undefined}
                    data-testid={item.testId}
                    title={t(item.label)}
                  >
                    <Icon />
                    <span className="nav-label">{t(item.label)}</span>
                  </Link>
                </li>
              );
            })}
        </ul>
      </nav>
      </div>
    </aside>
  );
}
