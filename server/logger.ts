// Structured JSON logs (pino). Emails and phone numbers are masked before a line is written
// (seed 10.3): logs are read by more people than the data they describe. Masking covers the
// message, every logged object (nested), child-logger bindings and errors; identifiers and
// timestamps (execution ids, UUIDs, ISO times) pass through intact, so a line can still be
// traced to its rule and execution.
import pino from "pino";
import { env } from "./env";

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
// Phone-shaped: an optional +, digits with spaces, hyphens or parentheses between them, not glued
// to letters, digits or hyphens (so a UUID, an ISO date or a word with digits never matches).
const PHONE = /(?<![\w+\-])(\+?\(?\d[\d\s()\-]{5,}\d)(?![\w\-])/g;
const DATE_LIKE = /^\d{4}-\d{2}-\d{2}/;

function maskPhone(m: string): string {
  const digits = m.replace(/\D/g, "");
  if (digits.length < 7 || digits.length > 15 || DATE_LIKE.test(m)) return m;
  // A bare run of digits is an id, a count or epoch milliseconds, except a Chinese mobile number
  // (11 digits, 1[3-9]…); with a + or separators it reads as a phone number.
  const formatted = /[+\s()\-]/.test(m);
  if (!formatted && !/^1[3-9]\d{9}$/.test(digits)) return m;
  return `***${digits.slice(-2)}`;
}

export function maskPii(s: string): string {
  return s.replace(EMAIL, "$1***@$2").replace(PHONE, maskPhone);
}

// Fields that name a phone or an email are masked whole, whatever their shape (a number, a bare
// digit string); fields that name an id or a time are left alone except for emails.
const PHONE_KEY = /(^|_)(phone|mobile|tel|msisdn)s?$|Phone$|Mobile$/i;
const ID_KEY = /(^id$|Ids?$|_ids?$|^pid$|At$|_at$|[tT]ime$)/;

function maskValue(key: string, v: unknown, depth: number): unknown {
  if (PHONE_KEY.test(key) && (typeof v === "string" || typeof v === "number")) {
    const digits = String(v).replace(/\D/g, "");
    return digits.length ? `***${digits.slice(-2)}` : maskPii(String(v));
  }
  if (typeof v === "string" && ID_KEY.test(key)) return v.replace(EMAIL, "$1***@$2");
  return maskDeep(v, depth);
}

export function maskDeep(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return maskPii(v);
  if (depth > 6 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, depth + 1));
  if (v instanceof Error) return { message: maskPii(v.message), name: v.name };
  if (v instanceof Date) return v;
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskValue(k, x, depth + 1)]));
}

let root: pino.Logger | undefined;

export function logger(): pino.Logger {
  if (root) return root;
  const created = pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => maskDeep(a)) as Parameters<typeof method>);
      },
    },
  });
  // Child bindings (logger.child({...})) are serialised once, outside logMethod, and pino applies
  // no formatter to them: mask them on the way in. Children inherit this `child` from the root.
  type ChildFn = (this: pino.Logger, bindings: pino.Bindings, options?: pino.ChildLoggerOptions) => pino.Logger;
  const child = created.child as unknown as ChildFn;
  const maskedChild: ChildFn = function (bindings, options) {
    return child.call(this, maskDeep(bindings) as pino.Bindings, options);
  };
  created.child = maskedChild as unknown as typeof created.child;
  root = created;
  return root;
}
