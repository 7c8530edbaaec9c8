import { describe, expect, test } from "vitest";
import { ActionError } from "../plugin";
import { classifySmtpError } from "./smtp-errors";

const err = (fields: Record<string, unknown>) => Object.assign(new Error("boom"), fields);

describe("classifySmtpError", () => {
  test.each([
    [{ code: "EAUTH", responseCode: 535 }, "configuration", false],
    [{ code: "EAUTH", responseCode: 454 }, "dependency", true], // temporary auth failure
    [{ code: "EENVELOPE", responseCode: 550 }, "runtime", false],
    [{ code: "EENVELOPE", responseCode: 452 }, "dependency", true],
    [{ code: "EMESSAGE", responseCode: 552 }, "runtime", false],
    [{ code: "EENVELOPE" }, "runtime", false],
    [{ code: "ECONNECTION" }, "dependency", true],
    [{ code: "ETIMEDOUT" }, "dependency", true],
    [{ code: "ECONNREFUSED" }, "dependency", true],
    [{}, "dependency", true],
  ])("%o → %s", (fields, errorClass, retryable) => {
    const e = classifySmtpError(err(fields));
    expect(e).toBeInstanceOf(ActionError);
    expect(e.errorClass).toBe(errorClass);
    expect(e.retryable).toBe(retryable);
  });

  test("an ActionError passes through", () => {
    const original = new ActionError("runtime", "cancelled");
    expect(classifySmtpError(original)).toBe(original);
  });
});
