// Users and API tokens (admin only). Passwords are bcrypt hashes; tokens are stored as SHA-256.
import { z } from "zod";
import { prisma } from "../../db";
import { AppError } from "../../errors";
import { hashPassword } from "../../auth/password";
import { createApiToken, forgetTokenCache } from "../../auth/api-tokens";
import { roleSchema, type Actor } from "../../auth/roles";
import { recordAudit } from "../audit/record-audit";
import { pool } from "../../db";
import { iso } from "../shared/time";

export const createUserInput = z.object({
  email: z.email(),
  password: z.string().min(8, "password must be at least 8 characters").max(200),
  role: roleSchema,
  name: z.string().max(200).optional(),
});

export async function createUser(actor: Actor, input: z.input<typeof createUserInput>) {
  const q = createUserInput.parse(input);
  const email = q.email.toLowerCase();
  if (await prisma().user.findUnique({ where: { email } })) throw new AppError("CONFLICT", `a user with email ${email} already exists`);
  const user = await prisma().user.create({
    data: { email, name: q.name ?? null, role: q.role, passwordHash: await hashPassword(q.password) },
  });
  await recordAudit(pool(), { actor, action: "user.create", entity: "user", entityId: user.id, after: { email, role: q.role } });
  return userDto(user);
}

export const updateUserInput = z.object({
  id: z.uuid(),
  role: roleSchema.optional(),
  disabled: z.boolean().optional(),
  password: z.string().min(8).max(200).optional(),
});

export async function updateUser(actor: Actor, input: z.input<typeof updateUserInput>) {
  const q = updateUserInput.parse(input);
  const before = await prisma().user.findUnique({ where: { id: q.id } });
  if (!before) throw new AppError("NOT_FOUND", `user ${q.id} not found`);
  // Never lock everyone out: the last active admin cannot be demoted or disabled.
  const losesAdmin = before.role === "admin" && !before.disabled && ((q.role && q.role !== "admin") || q.disabled === true);
  if (losesAdmin && (await prisma().user.count({ where: { role: "admin", disabled: false } })) <= 1) {
    throw new AppError("CONFLICT", "this is the last active admin: make another user admin first");
  }
  const user = await prisma().user.update({
    where: { id: q.id },
    data: {
      ...(q.role ? { role: q.role } : {}),
      ...(q.disabled !== undefined ? { disabled: q.disabled } : {}),
      ...(q.password ? { passwordHash: await hashPassword(q.password) } : {}),
    },
  });
  await recordAudit(pool(), {
    actor,
    action: "user.update",
    entity: "user",
    entityId: user.id,
    before: { role: before.role, disabled: before.disabled },
    after: { role: user.role, disabled: user.disabled, passwordChanged: !!q.password },
  });
  return userDto(user);
}

export async function listUsers() {
  const users = await prisma().user.findMany({ orderBy: { createdAt: "asc" }, take: 500 });
  return { items: users.map(userDto), nextCursor: null };
}

function userDto(u: { id: string; email: string; name: string | null; role: string; disabled: boolean; createdAt: Date; lastLoginAt: Date | null }) {
  return { id: u.id, email: u.email, name: u.name, role: u.role, disabled: u.disabled, createdAt: iso(u.createdAt)!, lastLoginAt: iso(u.lastLoginAt) };
}

export const createTokenInput = z.object({ name: z.string().trim().min(1).max(100), role: roleSchema });

export async function createToken(actor: Actor, input: z.input<typeof createTokenInput>) {
  const q = createTokenInput.parse(input);
  const t = await createApiToken(q.name, q.role, actor.name);
  await recordAudit(pool(), { actor, action: "token.create", entity: "token", entityId: t.id, after: { name: q.name, role: q.role } });
  return t;
}

export async function listTokens() {
  const rows = await prisma().apiToken.findMany({ orderBy: { createdAt: "desc" }, take: 500 });
  return {
    items: rows.map((t) => ({ id: t.id, name: t.name, role: t.role, prefix: t.prefix, createdAt: iso(t.createdAt)!, lastUsedAt: iso(t.lastUsedAt), revokedAt: iso(t.revokedAt) })),
    nextCursor: null,
  };
}

export async function revokeToken(actor: Actor, id: string) {
  const t = await prisma().apiToken.findUnique({ where: { id } });
  if (!t) throw new AppError("NOT_FOUND", `token ${id} not found`);
  const revoked = await prisma().apiToken.update({ where: { id }, data: { revokedAt: new Date() } });
  // Refused at once in this process; other processes' caches forget it within TOKEN_CACHE_MS.
  forgetTokenCache();
  await recordAudit(pool(), {
    actor, action: "token.revoke", entity: "token", entityId: id,
    before: { name: t.name, role: t.role, revokedAt: iso(t.revokedAt) }, after: { name: t.name, role: t.role, revokedAt: iso(revoked.revokedAt) },
  });
  return { ok: true };
}
