// Structured logs mask emails and phone numbers — in the message, in logged objects, in child
// bindings and in errors — while rule ids, execution ids and times stay readable. Checked on the
// real logger's output: a child process logs through server/logger.ts and we parse its stdout.
import { spawnSync } from "node:child_process";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { maskPii } from "../../server/logger";

const ROOT = path.resolve(import.meta.dirname, "../..");
const RULE = "3f2a1b9c-1234-4567-89ab-cdef01234567";

const script = `
import { logger } from "./server/logger.ts";
const log = logger().child({ ruleId: "${RULE}", executionId: "123456789012", contactEmail: "vip.buyer@shop.example" });
log.info({ to: "alice.smith@example.com", phone: 13800138000, contact: { mobile: "+1 (555) 123-4567", name: "Alice" }, at: "2026-01-15T10:20:30.123Z" },
  "sent to bob@example.org and +86 138 0013 8000");
log.error({ err: new Error("SMTP refused carol@example.net") }, "delivery failed for 139-1234-5678");
`;

function run() {
  const r = spawnSync(process.execPath, ["--import", "tsx", "--input-type=module", "-e", script], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: "info" },
    encoding: "utf8",
    timeout: 30_000,
  });
  expect(r.status, r.stderr).toBe(0);
  return r.stdout.trim().split("\n").map((l) => JSON.parse(l));
}

describe("log masking", () => {
  it("masks emails and phone numbers everywhere in a JSON line and keeps ids and times", () => {
    const [info, error] = run();
    const all = JSON.stringify([info, error]);
    for (const secret of ["alice.smith", "bob@example.org", "vip.buyer", "carol@example.net", "13800138000", "138 0013 8000", "555) 123-4567", "139-1234-5678"]) {
      expect(all).not.toContain(secret);
    }
    expect(info).toMatchObject({
      level: 30,
      ruleId: RULE,
      executionId: "123456789012",
      contactEmail: "v***@shop.example",
      to: "a***@example.com",
      phone: "***00",
      contact: { mobile: "***67", name: "Alice" },
      at: "2026-01-15T10:20:30.123Z",
      msg: "sent to b***@example.org and ***00",
    });
    expect(typeof info.time).toBe("number");
    expect(error.msg).toBe("delivery failed for ***78");
    expect(error.err.message).toBe("SMTP refused c***@example.net");
    expect(error.ruleId).toBe(RULE);
  });

  it("leaves identifiers, timestamps and plain numbers alone", () => {
    for (const s of [RULE, "2026-01-15T10:20:30.123Z", "2026-01-15 10:20:30", "execution 123456789", "epoch 1737000000000", "v1.2.3", "ip 10.0.0.12", "took 1234 ms"]) {
      expect(maskPii(s)).toBe(s);
    }
    expect(maskPii("call 13800138000")).toBe("call ***00");
    expect(maskPii("(555) 123-4567")).toBe("***67");
  });
});
