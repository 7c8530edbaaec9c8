// The sidebar's entries. Later areas (templates, connections, contacts, users, audit, alerts)
// add a line here with their icon, label key and the lowest role that sees them.
import type { ComponentType } from "react";
import type { MessageKey } from "@/components/i18n/messages";
import {
  IconAudit, IconConnection, IconContacts, IconExecutions, IconHome, IconMailbox, IconRules, IconTemplate, IconUsers,
} from "@/components/ui/icons";
import { IconBell, IconDashboard } from "@/components/monitoring/icons";
import type { Role } from "./use-me";

export interface NavItem {
  href: string;
  label: MessageKey;
  icon: ComponentType;
  testId: string;
  /** Matches the current path exactly (home) instead of by prefix. */
  exact?: boolean;
  minRole?: Role;
}

export const navItems: NavItem[] = [
  { href: "/", label: "nav.workbench", icon: IconHome, testId: "nav-workbench", exact: true },
  { href: "/rules", label: "nav.rules", icon: IconRules, testId: "nav-rules" },
  { href: "/executions", label: "nav.executions", icon: IconExecutions, testId: "nav-executions" },
  { href: "/dashboard", label: "nav.dashboard", icon: IconDashboard, testId: "nav-dashboard" },
  { href: "/alerts", label: "nav.alerts", icon: IconBell, testId: "nav-alerts" },
  { href: "/templates", label: "nav.templates", icon: IconTemplate, testId: "nav-templates" },
  { href: "/contacts", label: "nav.contacts", icon: IconContacts, testId: "nav-contacts" },
  { href: "/connections", label: "nav.connections", icon: IconConnection, testId: "nav-connections", minRole: "editor" },
  { href: "/mailbox", label: "nav.mailbox", icon: IconMailbox, testId: "nav-mailbox" },
  { href: "/users", label: "nav.users", icon: IconUsers, testId: "nav-users", minRole: "admin" },
  { href: "/audit", label: "nav.audit", icon: IconAudit, testId: "nav-audit", minRole: "admin" },
];
