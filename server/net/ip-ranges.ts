// Which IP addresses outbound calls must not reach unless an admin allows the host: anything that
// lands inside this machine or its private network (SSRF). IPv6 forms that embed an IPv4 address
// (mapped, compatible, NAT64, 6to4) are judged by the IPv4 address inside, because that is where
// the packets end up.
import net from "node:net";

type V4Range = [base: number, prefix: number, reason: string];

// Order matters: the metadata address sits inside link-local and gets the sharper reason.
const V4: V4Range[] = [
  [v4("169.254.169.254"), 32, "the cloud metadata address"],
  [v4("0.0.0.0"), 8, "an unspecified ('this network') address"],
  [v4("10.0.0.0"), 8, "a private address"],
  [v4("100.64.0.0"), 10, "a carrier-grade NAT address"],
  [v4("127.0.0.0"), 8, "a loopback address"],
  [v4("169.254.0.0"), 16, "a link-local address"],
  [v4("172.16.0.0"), 12, "a private address"],
  [v4("192.0.0.0"), 24, "a reserved address"],
  [v4("192.168.0.0"), 16, "a private address"],
  [v4("198.18.0.0"), 15, "a reserved address"],
  [v4("224.0.0.0"), 4, "a multicast address"],
  [v4("240.0.0.0"), 4, "a reserved address"],
];

function v4(ip: string): number {
  return ip.split(".").reduce((acc, part) => acc * 256 + Number(part), 0);
}

function classifyV4(n: number): string | null {
  for (const [base, prefix, reason] of V4) {
    const size = 2 ** (32 - prefix);
    if (n >= base && n < base + size) return reason;
  }
  return null;
}

/** 16 bytes of an IPv6 address (zone id dropped), or null when it does not parse. */
export function parseV6(ip: string): number[] | null {
  let s = ip.replace(/^\[|\]$/g, "").split("%")[0];
  if (!net.isIPv6(s)) return null;
  // A dotted IPv4 tail ("::ffff:127.0.0.1") becomes its two hex groups ("::ffff:7f00:1").
  const lastColon = s.lastIndexOf(":");
  const tail = s.slice(lastColon + 1);
  if (net.isIPv4(tail)) {
    const n = v4(tail);
    s = `${s.slice(0, lastColon + 1)}${(n >>> 16).toString(16)}:${(n & 0xffff).toString(16)}`;
  }
  const groups = (x: string) => (x ? x.split(":").map((g) => parseInt(g, 16)) : []);
  let words: number[];
  if (s.includes("::")) {
    const [head, rest] = s.split("::");
    const h = groups(head);
    const r = groups(rest);
    words = [...h, ...new Array(8 - h.length - r.length).fill(0), ...r];
  } else {
    words = groups(s);
  }
  if (words.length !== 8 || words.some((w) => !(w >= 0 && w <= 0xffff))) return null;
  return words.flatMap((w) => [(w >> 8) & 0xff, w & 0xff]);
}

function v4FromBytes(b: number[], at: number): number {
  return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
}

function classifyV6(b: number[]): string | null {
  const zero = (from: number, to: number) => b.slice(from, to).every((x) => x === 0);
  if (zero(0, 16)) return "an unspecified address";
  if (zero(0, 15) && b[15] === 1) return "a loopback address";
  // ::ffff:a.b.c.d (mapped) and ::a.b.c.d (the deprecated compatible form).
  if (zero(0, 10) && ((b[10] === 0xff && b[11] === 0xff) || (b[10] === 0 && b[11] === 0))) {
    return classifyV4(v4FromBytes(b, 12));
  }
  // 64:ff9b::/96, NAT64: a gateway translates it to the IPv4 address in the last 32 bits.
  if (b[0] === 0x00 && b[1] === 0x64 && b[2] === 0xff && b[3] === 0x9b && zero(4, 12)) return classifyV4(v4FromBytes(b, 12));
  // 2002::/16, 6to4: the IPv4 address is bits 16–48.
  if (b[0] === 0x20 && b[1] === 0x02) return classifyV4(v4FromBytes(b, 2));
  // fd00:ec2::254, the AWS metadata service over IPv6.
  if (b.every((x, i) => x === METADATA_V6[i])) return "the cloud metadata address";
  if ((b[0] & 0xfe) === 0xfc) return "a unique-local (private) address";
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0x80) return "a link-local address";
  if (b[0] === 0xfe && (b[1] & 0xc0) === 0xc0) return "a site-local address";
  if (b[0] === 0xff) return "a multicast address";
  return null;
}

const METADATA_V6 = parseV6("fd00:ec2::254")!;

/**
 * Why an address must not be called ("a loopback address", …), or null when it is a public
 * address. Anything that is not an IP address at all is refused too: callers pass resolved
 * addresses, so that can only mean a bug.
 */
export function blockedReason(ip: string): string | null {
  if (net.isIPv4(ip)) return classifyV4(v4(ip));
  const b = parseV6(ip);
  if (b) return classifyV6(b);
  return "not an IP address";
}
