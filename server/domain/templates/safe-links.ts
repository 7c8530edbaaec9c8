/**
 * Link vetting for HTML that reaches people (email bodies, in-app notifications).
 *
 * Only http(s) and mailto links are allowed. Everything else with a scheme -
 * javascript:, data:, vbscript:, but also tel:, cid:, file: - is rewritten to "#".
 * Links without a scheme (relative paths, "#anchor", "//host/x") cannot run script
 * and are left alone.
 *
 * This is a conservative regex over attributes, not an HTML parser: it rewrites the
 * URL-bearing attributes wherever they appear (even in text that merely looks like
 * an attribute), decodes character references and strips the whitespace and control
 * characters browsers ignore inside a scheme ("jav&#x09;ascript:", "java\nscript:")
 * before judging, and treats anything it cannot read as unsafe. Over-rewriting a
 * harmless link is acceptable; missing a script URL is not.
 */

const allowedSchemes = new Set(["http", "https", "mailto"]);

// Attributes whose value a browser or mail client may load or navigate to.
const urlAttributes = ["href", "src", "xlink:href", "action", "formaction", "background", "poster", "data", "srcset", "lowsrc", "dynsrc"];

// An attribute starts after whitespace, "/" or a closing quote (`<a/href=…>` and `<a x=""href=…>` are both
// parsed). A lookbehind, not a group, so the quote closing one rewritten attribute can start the next.
const attributePattern = new RegExp(
  `(?<=[\\s/"'])(${urlAttributes.map((a) => a.replace(":", "\\:")).join("|")})(\\s*=\\s*)("[^"]*"|'[^']*'|[^\\s"'>]+)`,
  "gi",
);

const namedReferences: Record<string, string> = {
  colon: ":",
  tab: "\t",
  newline: "\n",
  sol: "/",
  num: "#",
  quest: "?",
  period: ".",
  amp: "&",
  lpar: "(",
  rpar: ")",
};

/** The URL a browser would see: character references decoded, ignorable characters removed. */
function normalizeUrl(raw: string): string {
  return raw
    .replace(/&#(x[0-9a-f]+|\d+);?/gi, (_, code: string) => {
      const n = code[0] === "x" || code[0] === "X" ? Number.parseInt(code.slice(1), 16) : Number(code);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : "";
    })
    .replace(/&([a-z]+);/gi, (whole, name: string) => namedReferences[name.toLowerCase()] ?? whole)
    .replace(/[\u0000-\u0020\u007f-\u00a0\u2028\u2029]/g, "");
}

/** The URL's scheme in lower case, null when it has none, "?" when it cannot be read safely. */
function schemeOf(url: string): string | null {
  const head = url.split(/[/?#]/, 1)[0]!;
  if (/&[a-z]/i.test(head)) return "?"; // an entity we did not decode, before any path: do not guess
  const colon = head.indexOf(":");
  if (colon === -1) return null;
  const scheme = head.slice(0, colon).toLowerCase();
  return /^[a-z][a-z0-9+.-]*$/.test(scheme) ? scheme : "?";
}

/** True only for absolute http(s) URLs with a host, and mailto links. */
export function isSafeLink(url: string): boolean {
  if (typeof url !== "string") return false;
  const normalized = normalizeUrl(url);
  const scheme = schemeOf(normalized);
  if (scheme === "mailto") return true;
  if (scheme !== "http" && scheme !== "https") return false;
  try {
    return new URL(normalized).hostname !== "";
  } catch {
    return false;
  }
}

function isAllowedAttributeValue(name: string, value: string): boolean {
  const urls = name.toLowerCase() === "srcset" ? value.split(",").map((c) => c.trim().split(/\s+/)[0] ?? "") : [value];
  return urls.every((u) => {
    const scheme = schemeOf(normalizeUrl(u));
    return scheme === null || allowedSchemes.has(scheme);
  });
}

/** Rewrites every URL attribute whose scheme is not http, https or mailto to "#". */
export function stripUnsafeLinks(html: string): string {
  return html.replace(attributePattern, (whole, name: string, equals: string, quoted: string) => {
    const value = /^["']/.test(quoted) ? quoted.slice(1, -1) : quoted;
    return isAllowedAttributeValue(name, value) ? whole : `${name}${equals}"#"`;
  });
}
