import { describe, expect, test } from "vitest";
import { blockedReason, parseV6 } from "./ip-ranges";

describe("blockedReason", () => {
  test.each([
    ["127.0.0.2", "a loopback address"],
    ["10.1.2.3", "a private address"],
    ["172.16.0.1", "a private address"],
    ["172.31.255.255", "a private address"],
    ["192.168.1.1", "a private address"],
    ["169.254.1.1", "a link-local address"],
    ["169.254.169.254", "the cloud metadata address"],
    ["100.64.0.1", "a carrier-grade NAT address"],
    ["100.127.255.255", "a carrier-grade NAT address"],
    ["0.0.0.0", "an unspecified ('this network') address"],
    ["0.1.2.3", "an unspecified ('this network') address"],
    ["::1", "a loopback address"],
    ["::", "an unspecified address"],
    ["fe80::1", "a link-local address"],
    ["fe80::1%eth0", "a link-local address"],
    ["fc00::1", "a unique-local (private) address"],
    ["fd12:3456::1", "a unique-local (private) address"],
    ["fd00:ec2::254", "the cloud metadata address"],
    ["::ffff:127.0.0.1", "a loopback address"],
    ["::ffff:7f00:2", "a loopback address"],
    ["::ffff:169.254.169.254", "the cloud metadata address"],
    ["::ffff:10.0.0.1", "a private address"],
    ["64:ff9b::192.168.0.1", "a private address"],
    ["2002:7f00:1::1", "a loopback address"],
    ["[::1]", "a loopback address"],
    ["not-an-ip", "not an IP address"],
  ])("%s is refused as %s", (ip, reason) => {
    expect(blockedReason(ip)).toBe(reason);
  });

  test.each(["8.8.8.8", "1.1.1.1", "172.32.0.1", "172.15.255.255", "100.128.0.1", "169.255.0.1", "2001:4860:4860::8888", "::ffff:8.8.8.8"])(
    "%s is public",
    (ip) => {
      expect(blockedReason(ip)).toBeNull();
    },
  );
});

describe("parseV6", () => {
  test("expands :: and a dotted tail", () => {
    expect(parseV6("1::")).toEqual([0, 1, ...new Array(14).fill(0)]);
    expect(parseV6("::ffff:1.2.3.4")).toEqual([...new Array(10).fill(0), 255, 255, 1, 2, 3, 4]);
    expect(parseV6("1:2:3:4:5:6:7:8")).toEqual([0, 1, 0, 2, 0, 3, 0, 4, 0, 5, 0, 6, 0, 7, 0, 8]);
    expect(parseV6("1.2.3.4")).toBeNull();
  });
});
