"use client";
// Workbench home additions: shortcuts to the other areas, and the next scheduled fires.
import "./manage.css";
import Link from "next/link";
import type { ComponentType } from "react";
import { useI18n } from "@/components/i18n/i18n";
import type { MessageKey } from "@/components/i18n/messages";
import { useMe, type Role } from "@/components/layout/use-me";
import { TriggerSummary } from "@/components/rules/trigger-summary";
import type { RuleItem } from "@/components/rules/types";
import { ButtonLink } from "@/components/ui/button";
import { Card } from "@/components/ui/card";
import {
  IconAudit, IconClock, IconConnection, IconContacts, IconDeadLetter, IconMailbox, IconTemplate, IconUsers,
} from "@/components/ui/icons";
import { DateTime, RelativeTime } from "@/components/ui/relative-time";
import { EmptyState, ErrorState } from "@/components/ui/states";
import { SkeletonRows, Table, TableMessageRow, Td, Th } from "@/components/ui/table";

interface Shortcut {
  href: string;
  title: MessageKey;
  description: MessageKey;
  icon: ComponentType;
  testId: string;
  minRole?: Role;
}

const SHORTCUTS: Shortcut[] = [
  { href: "/executions/dead-letter", title: "deadLetter.title", description: "home.short.deadLetter", icon: IconDeadLetter, testId: "entry-dead-letter" },
  { href: "/templates", title: "nav.templates", description: "home.short.templates", icon: IconTemplate, testId: "entry-templates" },
  { href: "/contacts", title: "nav.contacts", description: "home.short.contacts", icon: IconContacts, testId: "entry-contacts" },
  { href: "/connections", title: "nav.connections", description: "home.short.connections", icon: IconConnection, testId: "entry-connections", minRole: "editor" },
  { href: "/mailbox", title: "nav.mailbox", description: "home.short.mailbox", icon: IconMailbox, testId: "entry-mailbox" },
  { href: "/users", title: "nav.users", description: "home.short.users", icon: IconUsers, testId: "entry-users", minRole: "admin" },
  { href: "/audit", title: "nav.audit", description: "home.short.audit", icon: IconAudit, testId: "entry-audit", minRole: "admin" },
];

export function HomeShortcuts() {
  const { t } = useI18n();
  const { can, query } = useMe();
  // While the role loads, role-limited tiles hold their place invisibly, so the grid does not
  // reflow for the (usual) case that the user may see them.
  const items = SHORTCUTS.filter((s) => !s.minRole || query.isPending || can(s.minRole));
  return (
    <nav aria-label={t("home.shortcuts")} className="m-shortcuts" data-testid="home-shortcuts">
      {items.map((s) => {
        const Icon = s.icon;
        return (
          <Link
            key={s.href}
            href={s.href}
            className={s.minRole && query.isPending ? "m-shortcut m-shortcut-pending" : "m-shortcut"}
            aria-hidden={s.minRole && query.isPending ? true : undefined}
            tabIndex={s.minRole && query.isPending ? -1 : undefined}
            data-testid={s.testId}
          >
            <span className="m-shortcut-icon" aria-hidden>
              <Icon />
            </span>
            <span className="m-shortcut-text">
              <span className="m-shortcut-title">{t(s.title)}</span>
              <span className="m-shortcut-description">{t(s.description)}</span>
            </span>
          </Link>
        );
      })}
    </nav>
  );
}

const NEXT_FIRES = 6;

/** Enabled rules with a next fire time, soonest first (sorted here from rules.list). */
export function nextFires(rules: RuleItem[] | undefined): RuleItem[] {
  return (rules ?? [])
    .filter((r) => r.nextFireAt)
    .sort((a, b) => new Date(a.nextFireAt!).getTime() - new Date(b.nextFireAt!).getTime())
    .slice(0, NEXT_FIRES);
}

export function NextFiresCard({
  rules, loading, error, onRetry, partial,
}: {
  rules: RuleItem[] | undefined;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  /** More enabled rules exist than were read: the list may miss some. */
  partial: boolean;
}) {
  const { t } = useI18n();
  const upcoming = nextFires(rules);
  return (
    <Card
      title={t("home.nextFires")}
      description={partial ? t("home.nextFiresPartial") : t("home.nextFiresHint")}
      actions={
        <ButtonLink href="/rules?status=enabled" size="sm" variant="ghost">
          {t("common.viewAll")}
        </ButtonLink>
      }
      flush
      data-testid="next-fires"
    >
      {error ? (
        <ErrorState error={error} onRetry={onRetry} />
      ) : (
        <Table caption={t("home.nextFires")} aria-busy={loading}>
          <thead>
            <tr>
              <Th className="col-name">{t("rules.col.name")}</Th>
              <Th>{t("rules.col.trigger")}</Th>
              <Th>{t("rules.col.nextFire")}</Th>
              <Th className="hide-sm">{t("home.at")}</Th>
            </tr>
          </thead>
          <tbody>
            {loading ? (
              <SkeletonRows rows={3} columns={4} cellClassNames={["col-name", undefined, "nowrap", "nowrap hide-sm"]} />
            ) : upcoming.length === 0 ? (
              <TableMessageRow columns={4}>
                <EmptyState icon={<IconClock />} title={t("home.noNextFires")} description={t("home.noNextFiresHint")} />
              </TableMessageRow>
            ) : (
              upcoming.map((r) => (
                <tr key={r.id} data-testid="next-fire-row" data-rule-id={r.id}>
                  <Td className="col-name">
                    <Link href={`/rules/${r.id}`} className="row-link">
                      {r.name}
                    </Link>
                  </Td>
                  <Td>
                    <TriggerSummary trigger={r.trigger as { type?: unknown }} />
                  </Td>
                  <Td className="nowrap">
                    <RelativeTime iso={r.nextFireAt} />
                  </Td>
                  <Td className="nowrap hide-sm muted">
                    <DateTime iso={r.nextFireAt} />
                  </Td>
                </tr>
              ))
            )}
          </tbody>
        </Table>
      )}
    </Card>
  );
}


