// The sidebar's entries. Later areas (templates, connections, contacts, users, audit, alerts)
// add a line here with their icon, label key and the lowest role that sees them.
import type { ComponentType } from "react";
import type { MessageKey } from "@/components/i18n/messages";
import { IconExecutions, IconHome, IconRules } from "@/components/ui/icons";
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
];
