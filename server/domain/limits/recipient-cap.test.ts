// The per-recipient frequency cap, on the real database, and through the email and sms actions
// (dev mailbox / dev outbox): over the cap nothing is sent and the action fails, not retryable.
import crypto from "node:crypto";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { closeDb, pool } from "../../db";
import { resetEnvCache } from "../../env";
import { ActionError } from "../actions/plugin";
import { emailAction } from "../actions/email/email-action";
import { smsAction } from "../actions/sms/sms-action";
import { testRunContext } from "../actions/http/test-run-context";
import {
  normalizeEmail, normalizePhone, recipientCount, recipientHash, recipientsOf, RecipientCapError, takeRecipientSlots,
} from "./recipient-cap";

const uniq = () => crypto.randomUUID().slice(0, 8);
const keyN = (n: number) => `${Date.now()}${uniq()}:${n}`;

afterEach(() => {
  delete process.env.AUTOFLOW_RECIPIENT_DAILY_CAP;
  resetEnvCache();
});
afterAll(closeDb);

async function refusal(p: Promise<unknown>): Promise<ActionError> {
  const err = await p.then(() => null, (e: unknown) => e);
  expect(err).toBeInstanceOf(ActionError);
  return err as ActionError;
}

describe("normalising recipients", () => {
  test("emails: display names, case and +tags do not make a new recipient", () => {
    expect(normalizeEmail("Ann Lee <Ann.Lee+promo@Example.COM>")).toBe("ann.lee@example.com");
    expect(normalizeEmail("  bob@x.org ")).toBe("bob@x.org");
    expect(recipientsOf("email", "a@x.org, A@X.org, Ann <b@x.org>")).toEqual(["a@x.org", "b@x.org"]);
  });
  test("phones: spaces, dashes and brackets do not make a new recipient", () => {
    expect(normalizePhone("+86 138-0000 (0000)")).toBe("+8613800000000");
    expect(recipientsOf("sms", "+1 (555) 010-0")).toEqual(["+15550100"]);
  });
});

describe("takeRecipientSlots", () => {
  test("allows `cap` messages, refuses the next with a non-retryable runtime error, and records nothing for it", async () => {
    const to = `cap-${uniq()}@example.com`;
    for (let i = 1; i <= 3; i++) {
      const r = await takeRecipientSlots("email", to, keyN(i), { cap: 3 });
      expect(r.counts).toEqual([i]);
    }
    const err = await refusal(takeRecipientSlots("email", to, keyN(4), { cap: 3 }));
    expect(err).toBeInstanceOf(RecipientCapError);
    expect(err.errorClass).toBe("runtime");
    expect(err.retryable).toBe(false);
    expect(err.message).toMatch(/^recipient cap reached: c\*\*\*@example\.com already received 3 emails in the last 24 hours \(AUTOFLOW_RECIPIENT_DAILY_CAP=3\); the message was not sent$/);
    expect(err.details).toMatchObject({ limit: "recipient_daily_cap", cap: 3, count: 3 });
    expect(await recipientCount("email", to)).toBe(3);
  });

  test("a retried attempt of the same message (same idempotency key) is counted once, even at the cap", async () => {
    const to = `retry-${uniq()}@example.com`;
    const k = keyN(1);
    await takeRecipientSlots("email", to, k, { cap: 1 });
    await takeRecipientSlots("email", to, k, { cap: 1 });
    expect(await recipientCount("email", to)).toBe(1);
    await refusal(takeRecipientSlots("email", to, keyN(2), { cap: 1 }));
  });

  test("a message to several recipients is refused whole when one of them is at the cap; the others are not charged", async () => {
    const full = `full-${uniq()}@example.com`;
    const free = `free-${uniq()}@example.com`;
    await takeRecipientSlots("email", full, keyN(1), { cap: 1 });
    const err = await refusal(takeRecipientSlots("email", `${free}, ${full}`, keyN(2), { cap: 1 }));
    expect(err.message).toContain("f***@example.com");
    expect(await recipientCount("email", free)).toBe(0);
  });

  test("counts are per recipient across everything, and the same address spelled differently is the same recipient", async () => {
    const id = uniq();
    await takeRecipientSlots("email", `Ann <ann-${id}+a@example.com>`, keyN(1), { cap: 2 });
    await takeRecipientSlots("email", `ANN-${id}@example.com`, keyN(2), { cap: 2 });
    await refusal(takeRecipientSlots("email", `ann-${id}+b@example.com`, keyN(3), { cap: 2 }));
    // Another recipient is unaffected.
    await takeRecipientSlots("email", `bob-${id}@example.com`, keyN(4), { cap: 2 });
  });

  test("concurrent sends to one recipient never exceed the cap", async () => {
    const to = `+1555${Math.floor(Math.random() * 1e7)}`;
    const results = await Promise.allSettled(Array.from({ length: 20 }, (_, i) => takeRecipientSlots("sms", to, keyN(i), { cap: 5 })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(5);
    expect(results.filter((r) => r.status === "rejected" && r.reason instanceof RecipientCapError)).toHaveLength(15);
    expect(await recipientCount("sms", to)).toBe(5);
  });

  test("sends older than 24 hours no longer count", async () => {
    const to = `old-${uniq()}@example.com`;
    await takeRecipientSlots("email", to, keyN(1), { cap: 1 });
    await refusal(takeRecipientSlots("email", to, keyN(2), { cap: 1 }));
    await pool().query(`UPDATE recipient_send SET sent_at = now() - interval '25 hours' WHERE recipient_hash = $1`, [
      recipientHash("email", normalizeEmail(to)),
    ]);
    await takeRecipientSlots("email", to, keyN(3), { cap: 1 });
  });

  test("the table holds a hash, never the address; cap 0 turns the cap off", async () => {
    const to = `private-${uniq()}@example.com`;
    await takeRecipientSlots("email", to, keyN(1), { cap: 5 });
    const { rows } = await pool().query(`SELECT * FROM recipient_send WHERE recipient_hash = $1`, [recipientHash("email", to)]);
    expect(rows).toHaveLength(1);
    expect(JSON.stringify(rows)).not.toContain("private-");
    for (let i = 0; i < 3; i++) await takeRecipientSlots("email", to, keyN(10 + i), { cap: 0 });
    expect(await recipientCount("email", to)).toBe(1);
  });
});

describe("through the actions", () => {
  test("email: the third message to one address within the day is not sent (AUTOFLOW_RECIPIENT_DAILY_CAP=2)", async () => {
    process.env.AUTOFLOW_RECIPIENT_DAILY_CAP = "2";
    resetEnvCache();
    const to = `mailcap-${uniq()}@example.com`;
    const params = emailAction.paramsSchema.parse({ to, subject: "Hi", text: "hello" });
    await emailAction.run(params, testRunContext());
    await emailAction.run(params, testRunContext());
    // A dry run neither checks nor counts.
    expect((await emailAction.run(params, testRunContext({ dryRun: true }))).output).toMatchObject({ wouldSend: { to } });
    const err = await refusal(emailAction.run(params, testRunContext()));
    expect(err).toBeInstanceOf(RecipientCapError);
    expect(err.retryable).toBe(false);
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM dev_message WHERE channel = 'email' AND "to" = $1`, [to]);
    expect(rows[0].n).toBe(2);
  });

  test("sms: over the cap nothing reaches the outbox", async () => {
    process.env.AUTOFLOW_RECIPIENT_DAILY_CAP = "1";
    resetEnvCache();
    const to = `+1555${Math.floor(Math.random() * 1e7)}`;
    const params = smsAction.paramsSchema.parse({ to, text: "code 1234" });
    await smsAction.run(params, testRunContext());
    const err = await refusal(smsAction.run(params, testRunContext()));
    expect(err.message).toContain("already received 1 SMS");
    const { rows } = await pool().query(`SELECT count(*)::int AS n FROM dev_message WHERE channel = 'sms' AND "to" = $1`, [to]);
    expect(rows[0].n).toBe(1);
  });
});
