// Structured JSON logs (pino). Emails and phone numbers are masked before a line is written
// (seed 10.3): logs are read by more people than the data they describe.
import pino from "pino";
import { env } from "./env";

const EMAIL = /([A-Za-z0-9._%+-])[A-Za-z0-9._%+-]*@([A-Za-z0-9.-]+\.[A-Za-z]{2,})/g;
const PHONE = /\+?\d[\d\s-]{6,}(\d{2})/g;

export function maskPii(s: string): string {
  return s.replace(EMAIL, "$1***@$2").replace(PHONE, "***$1");
}

function maskDeep(v: unknown, depth = 0): unknown {
  if (typeof v === "string") return maskPii(v);
  if (depth > 6 || v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) return v.map((x) => maskDeep(x, depth + 1));
  if (v instanceof Error) return { message: maskPii(v.message), name: v.name };
  return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, maskDeep(x, depth + 1)]));
}

let root: pino.Logger | undefined;

export function logger(): pino.Logger {
  root ??= pino({
    level: env().LOG_LEVEL,
    base: { pid: process.pid },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((a) => maskDeep(a)) as Parameters<typeof method>);
      },
    },
  });
  return root;
}
