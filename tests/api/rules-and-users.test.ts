import { describe, expect, it } from "vitest";
import { api } from "../helpers/api";

describe("rules list", () => {
  it("sorts by next fire, soonest first, and leaves out rules without one", async () => {
    const ids: string[] = [];
    for (const cron of ["0 0 1 1 *", "* * * * *", "0 * * * *"]) {
      const r = await api("POST", "/rules", { body: { name: `nf ${cron}`, trigger: { type: "cron", cron }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } });
      await api("POST", `/rules/${r.body.id}/enable`);
      ids.push(r.body.id);
    }
    await api("POST", "/rules", { body: { name: "nf event", trigger: { type: "event", event: "nf.x" }, actions: [{ type: "notify", params: { title: "t", body: "b" } }] } });
    const page1 = await api("GET", "/rules?sort=nextFire&limit=2");
    expect(page1.status).toBe(200);
    const page2 = await api("GET", `/rules?sort=nextFire&limit=2&cursor=${page1.body.nextCursor}`);
    const all = [...page1.body.items, ...page2.body.items].filter((r: { id: string }) => ids.includes(r.id));
    expect(all.map((r: { trigger: { cron: string } }) => r.trigger.cron)).toEqual(["* * * * *", "0 * * * *", "0 0 1 1 *"]);
    expect([...page1.body.items, ...page2.body.items].every((r: { nextFireAt: string | null }) => r.nextFireAt)).toBe(true);
    for (const id of ids) await api("POST", `/rules/${id}/disable`);
  });
});

describe("users", () => {
  it("refuses to demote or disable the last active admin", async () => {
    const users = await api("GET", "/users");
    const admins = users.body.items.filter((u: { role: string; disabled: boolean }) => u.role === "admin" && !u.disabled);
    if (admins.length === 0) {
      const created = await api("POST", "/users", { body: { email: "only-admin@example.com", password: "password123", role: "admin" } });
      admins.push(created.body);
    }
    // demote every admin but one through the domain, then try the last one
    const { updateUser } = await import("../../server/domain/users/users");
    const { systemActor } = await import("../../server/auth/roles");
    for (const a of admins.slice(1)) await updateUser(systemActor, { id: a.id, role: "editor" });
    await expect(updateUser(systemActor, { id: admins[0].id, role: "viewer" })).rejects.toThrow(/last active admin/);
    await expect(updateUser(systemActor, { id: admins[0].id, disabled: true })).rejects.toThrow(/last active admin/);
  });
});
