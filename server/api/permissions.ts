// The one permission table: every tRPC procedure (and through it every REST route) → the lowest
// role allowed to call it. A procedure missing here is refused to everyone (fail closed), and a
// test calls every entry as anonymous, viewer, operator, editor and admin.
import type { Role } from "../auth/roles";

export type Access = Role | "public" | "authenticated";

export const permissions = {
  "system.health": "public",
  "system.me": "authenticated",

  "rules.list": "viewer",
  "rules.get": "viewer",
  "rules.versions": "viewer",
  "rules.version": "viewer",
  "rules.fires": "viewer",
  "rules.create": "editor",
  "rules.update": "editor",
  "rules.delete": "editor",
  "rules.enable": "editor",
  "rules.disable": "editor",
  "rules.archive": "editor",
  "rules.rotateWebhookSecret": "editor",
  "rules.dryRun": "editor",
  "rules.rollback": "editor",
  "rules.trigger": "operator",

  "triggers.preview": "viewer",

  "executions.list": "viewer",
  "executions.get": "viewer",
  "executions.cancel": "operator",
  "executions.retry": "operator",
  "executions.logs": "viewer",
  "executions.deadLetter": "viewer",

  "events.post": "operator",

  "contacts.list": "viewer",
  "contacts.get": "viewer",
  "contacts.upsert": "editor",

  "templates.list": "viewer",
  "templates.get": "viewer",
  "templates.preview": "viewer",
  "templates.create": "editor",
  "templates.update": "editor",
  "templates.delete": "editor",

  // Editors read connections (settings only) to pick one in a rule; admins manage the credentials.
  "connections.list": "editor",
  "connections.get": "editor",
  "connections.create": "admin",
  "connections.update": "admin",
  "connections.delete": "admin",

  "devMessages.list": "viewer",

  // Each caller sees the notifications addressed to its role and the roles below it.
  "notifications.list": "viewer",
  "notifications.markRead": "viewer",

  "tokens.list": "admin",
  "tokens.create": "admin",
  "tokens.revoke": "admin",

  "users.list": "admin",
  "users.create": "admin",
  "users.update": "admin",

  "audit.list": "admin",

  // Monitoring: everyone reads the dashboard and the incidents; admins manage alert rules (their
  // channels carry addresses, webhook URLs and secrets).
  "dashboard.summary": "viewer",
  "alerts.incidents": "viewer",
  "alerts.list": "admin",
  "alerts.get": "admin",
  "alerts.create": "admin",
  "alerts.update": "admin",
  "alerts.delete": "admin",
} as const satisfies Record<string, Access>;

export type ProcedurePath = keyof typeof permissions;
