// Bad input never breaks anything: thousands of random and malformed requests, made by mutating
// valid ones (wrong types, huge strings, deep nesting, unicode and NUL, nulls, prototype-pollution
// keys, numbers as strings, NaN-ish and out-of-range numbers, broken JSON text), are sent through
// handleRest (the /api/v1 handler) in-process: rule documents (create, update, trigger, preview),
// events (single and batch), contacts, templates, connections, list queries, webhook bodies and
// signatures, and garbage paths. Every answer must be a 2xx (input that happened to be valid) or
// a 4xx with {error: {code, message}} — ZERO 5xx — and a rejected request must leave every table's
// row count as it was. Reproducible: a seeded PRNG; FUZZ_SEED and FUZZ_COUNT (default 3000) vary it.
import crypto from "node:crypto";
import fs from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { handleRest } from "../../server/api/rest/handle-rest";
import { closeDb, pool } from "../../server/db";
import { tokenFor } from "../helpers/api";
import { useOwnDatabase } from "../helpers/own-database";
import type { Role } from "../../server/auth/roles";

const SEED = Number(process.env.FUZZ_SEED ?? 0x5eed2024);
const COUNT = Number(process.env.FUZZ_COUNT ?? 3000);

// ---------------------------------------------------------------------------------------------
// Seeded randomness (mulberry32)

let state = SEED >>> 0;
function rnd(): number {
  state = (state + 0x6d2b79f5) >>> 0;
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const int = (n: number) => Math.floor(rnd() * n);
const pick = <T>(xs: readonly T[]): T => xs[int(xs.length)];
const chance = (p: number) => rnd() < p;

// ---------------------------------------------------------------------------------------------
// Valid starting points

const validRules: Record<string, unknown>[] = [
  {
    name: "Fuzz VIP thank-you",
    description: "optional",
    priority: 0,
    trigger: { type: "event", event: "order.paid" },
    condition: { all: [{ field: "contact.tags", op: "contains", value: "VIP" }, { field: "contact.lastLoginAt", op: "within_last", value: "7d" }] },
    actions: [
      { type: "update_contact", params: { contact: "{{payload.contactId}}", addTags: ["buyer"] } },
      { type: "email", params: { to: "{{contact.email}}", subject: "Thank you, {{contact.name}}", html: "<p>Order {{payload.orderId}}</p>" } },
    ],
    retryPolicy: { maxAttempts: 3, initialDelayMs: 1000, backoffFactor: 2, maxDelayMs: 600000 },
  },
  {
    name: "Fuzz cron",
    trigger: { type: "cron", cron: "0 9 * * 1-5", timezone: "Asia/Shanghai", misfirePolicy: "fire_once", misfireThresholdSeconds: 60, overlapPolicy: "skip" },
    condition: { any: [{ field: "now", op: "exists" }, { not: { field: "payload.skip", op: "eq", value: true } }] },
    actions: [{ type: "http", params: { method: "POST", url: "https://example.com/hook", headers: { "X-Trace": "1" }, body: { at: "{{now}}" }, timeoutMs: 5000 } }],
  },
  {
    name: "Fuzz interval",
    trigger: { type: "interval", everySeconds: 300 },
    actions: [{ type: "notify", params: { title: "Tick", body: "{{now}}", role: "editor" } }, { type: "delay", params: { seconds: 5 } }],
  },
  { name: "Fuzz once", trigger: { type: "once", at: "2030-12-24T09:00:00+08:00" }, actions: [{ type: "sms", params: { to: "+8613800000000", text: "Hi {{payload.name}}" } }] },
  {
    name: "Fuzz webhook",
    trigger: { type: "webhook" },
    condition: { field: "payload.amount", op: "gt", value: 10 },
    actions: [
      { type: "emit_event", params: { type: "fuzz.next", payload: { k: "{{payload.k}}" } } },
      { type: "publish", params: { routingKey: "fuzz.rk", message: { a: "{{payload.a}}" } } },
    ],
  },
  {
    name: "Fuzz threshold",
    trigger: { type: "threshold", metric: "failure_rate", op: ">", value: 0.5, everySeconds: 60, cooldownSeconds: 3600 },
    actions: [{ type: "notify", params: { title: "Failures", body: "rate above 50%" } }],
  },
];

const validEvent = () => ({ type: "order.paid", id: `fz-${int(1e9)}`, payload: { orderId: "O-1", contactId: "c-1", amount: 12.5, items: [{ sku: "A" }] }, occurredAt: "2025-01-01T00:00:00Z" });
const validContact = () => ({ email: "fuzz@example.com", phone: "+15550100", name: "Fuzz", tags: ["VIP"], attributes: { plan: "pro" }, lastLoginAt: "2025-01-01T00:00:00Z" });
const validTemplate = () => ({ name: `fz-${int(1e9)}`, channel: "email", subject: "Hi {{contact.name}}", body: "<p>{{payload.x}}</p>" });
const validConnection = () => ({ name: `fz-conn-${int(1e9)}`, type: "smtp", config: { host: "mail.example.com", port: 587 }, secret: "pw" });

// ---------------------------------------------------------------------------------------------
// Nasty values and mutations

const nastyKeys = ["__proto__", "constructor", "prototype", "toString", "hasOwnProperty", "valueOf", "", " ", "💥", "a.b", "$where", "\u0000", "then"];

/** Set when a mutation may have made the document large: only then is its size measured. */
let grew = false;

function hugeString(): string {
  const n = pick([1_000, 10_000, 100_000, 300_000]);
  grew = true;
  return pick(["x", "é", "😀", "<", "{{", "\\", "%"]).repeat(n);
}

function randomUnicode(): string {
  let s = "";
  const len = int(40);
  for (let i = 0; i < len; i++) {
    const r = rnd();
    s += r < 0.6 ? String.fromCharCode(32 + int(95)) : r < 0.8 ? String.fromCodePoint(0x80 + int(0x2000)) : r < 0.95 ? String.fromCodePoint(0x1f300 + int(0x300)) : String.fromCharCode(int(32));
  }
  return s;
}

function deepValue(depth: number): unknown {
  let v: unknown = pick([1, "x", null, {}]);
  for (let i = 0; i < depth; i++) v = chance(0.5) ? [v] : { all: [v] };
  return v;
}

function nastyValue(): unknown {
  switch (int(16)) {
    case 0: return null;
    case 1: return pick([true, false]);
    case 2: return pick([0, -1, 1.5, -0, 1e308, -1e308, 2 ** 53 + 1, Number.MAX_SAFE_INTEGER, -2147483649, 2147483648, 0.1 + 0.2]);
    case 3: return pick(["NaN", "Infinity", "-Infinity", "1e999", "123", "-0", "0x1F", "1_000", " 42 ", "", " "]);
    case 4: return hugeString();
    case 5: return pick(["\u0000", "a\u0000b", "\ud800", "x\udfffy", "\u202eRTL", "Ω≈ç√∫", "\r\n\t", "\\u0000"]);
    case 6: return randomUnicode();
    case 7: return pick(["{{", "}}", "{{payload.__proto__.x}}", "{{constructor.constructor}}", "{{a.b.c.d.e.f.g.h.i.j.k}}", "{{ }}", "{{actions.99.output.x}}", "{{contact.email}}"]);
    case 8: return pick(["<script>alert(1)</script>", "javascript:alert(1)", "'; DROP TABLE automation_rule; --", "%s%n%x", "../../etc/passwd", "${process.exit()}", "\"},{\"a\":\""]);
    case 9: return pick([[], {}, [[[]]], [null], [1, "a", null, {}]]);
    case 10: return deepValue(pick([5, 11, 50, 200, 1000]));
    case 11: return Object.fromEntries(Array.from({ length: int(5) + 1 }, () => [pick(nastyKeys), nastyValue()]));
    case 12: return Array.from({ length: pick([51, 101, 1001]) }, () => pick([1, "a", { type: "notify", params: { title: "t", body: "b" } }]));
    case 13: return pick(["2024-02-30T25:61:00Z", "2024-13-01", "not a date", "1970-01-01T00:00:00Z", "9999-12-31T23:59:59Z", "9999-12-31T23:59:59-14:00", "0000-01-01T00:00:00Z", "0001-01-01T00:00:00+01:00", "+275760-09-13T00:00:00Z"]);
    case 14: return pick(["* * * * * * *", "61 25 32 13 8", "@reboot", "0 9 * * 1-5", "*/0 * * * *", "Mars/Olympus", "UTC", "Asia/Shanghai"]);
    default: return { type: pick(["email", "sms", "http", "notify", "nope", "__proto__"]), params: nastyValue() };
  }
}

type Json = unknown;
const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

/** Container paths in a document (the root included), at most 2000 and 60 levels deep: enough to
 *  pick from, and bounded for documents that are huge or deep on purpose. */
function containers(v: Json, path: (string | number)[] = [], out: (string | number)[][] = []): (string | number)[][] {
  if (v && typeof v === "object" && out.length < 2000 && path.length <= 60) {
    out.push(path);
    for (const [k, x] of Object.entries(v as object)) containers(x, [...path, Array.isArray(v) ? Number(k) : k], out);
  }
  return out;
}

function at(root: Json, path: (string | number)[]): any {
  return path.reduce<any>((o, k) => o?.[k], root);
}

function mutate(doc: Json): Json {
  let root: any = clone(doc);
  const times = 1 + int(3);
  for (let i = 0; i < times; i++) {
    const paths = containers(root);
    if (paths.length === 0 || chance(0.03)) {
      root = nastyValue();
      continue;
    }
    const path = pick(paths);
    const node = at(root, path);
    const keys = Object.keys(node);
    const op = int(7);
    if (op <= 2 && keys.length) {
      // replace a value
      const k = pick(keys);
      node[k] = nastyValue();
    } else if (op === 3 && keys.length) {
      // delete a key / element
      const k = pick(keys);
      if (Array.isArray(node)) node.splice(Number(k), 1);
      else delete node[k];
    } else if (op === 4) {
      // add a key (prototype pollution attempts included)
      if (Array.isArray(node)) node.push(nastyValue());
      else Object.defineProperty(node, pick([...nastyKeys, "extra", "unknownField"]), { value: nastyValue(), enumerable: true, configurable: true, writable: true });
    } else if (op === 5 && keys.length) {
      // swap a value's type: wrap it, stringify it, or turn a number into a string
      const k = pick(keys);
      const v = node[k];
      node[k] = typeof v === "number" ? String(v) : typeof v === "string" && /^\d+$/.test(v) ? Number(v) : chance(0.5) ? [v] : { value: v };
    } else if (keys.length) {
      // duplicate into a huge array (bounded: the whole document stays under ~6 MB)
      const k = pick(keys);
      const size = (JSON.stringify(node[k]) ?? "null").length;
      const n = Math.max(1, Math.min(pick([2, 60, 1001]), Math.floor(MAX_DOC_CHARS / Math.max(1, size))));
      const copy = node[k] ?? null;
      // Separate copies: shared ones would multiply with every later mutation inside them.
      node[k] = Array.from({ length: n }, () => clone(copy));
      grew = true;
    }
    if (grew && tooBig(root)) root = clone(doc);
    grew = false;
  }
  return root;
}

/** Bodies stay a little over the 5 MiB cap at most: larger ones only cost the test memory. */
const MAX_DOC_CHARS = 6 * 1024 * 1024;

function tooBig(v: Json): boolean {
  try {
    return (JSON.stringify(v) ?? "").length > MAX_DOC_CHARS;
  } catch {
    return true; // longer than a string can be
  }
}

/** JSON text, sometimes broken on purpose at the text level. */
function toText(v: Json): string {
  let text = JSON.stringify(v) ?? "null";
  if (!chance(0.12)) return text;
  switch (int(10)) {
    case 9: {
      // Absurd nesting inside a field (not only at the top), written as text: too deep to build as objects.
      const n = pick([150, 5_000, 100_000]);
      const deep = chance(0.5) ? "[".repeat(n) + "]".repeat(n) : '{"a":'.repeat(n) + "1" + "}".repeat(n);
      return text.startsWith("{") && text.length > 2 ? `{"${pick(["payload", "condition", "attributes", "trigger", "deep"])}":${deep},${text.slice(1)}` : deep;
    }
    case 0: return text.slice(0, Math.max(0, int(text.length))); // truncated
    case 1: return text + pick([",", "}", "]", " garbage", "\u0000"]); // trailing junk
    case 2: return "\ufeff" + text; // BOM
    case 3: return text.replace(/\d+(\.\d+)?/, pick(["1e999", "-1e999", "NaN", "Infinity", "01", "1.", ".5", "-", "0x10"])); // NaN-ish numbers in the text
    case 4: return text.replace(/^\{/, `{"__proto__": {"polluted": "yes"}, "constructor": {"prototype": {"polluted": "yes"}}, `).replace(/, \}$/, "}");
    case 5: return text.replace(/^\{/, '{"name": "dup", "name": 1, ');
    case 6: return "[".repeat(pick([1000, 100_000])) + "]".repeat(pick([1000, 100_000]));
    case 7: return pick(["", " ", "null", "[]", '"str"', "123", "true", "{}", "{'single': 1}", "{a:1}", "\u0000"]);
    default: return text.replace(/"/, "'");
  }
}

// ---------------------------------------------------------------------------------------------
// Requests

interface Input {
  target: string;
  method: string;
  path: string;
  role: Role | null;
  body?: string;
  headers?: Record<string, string>;
}

let ruleIds: string[] = [];
let webhookRuleId = "";
let webhookSecret = "";

function sign(secret: string, body: string, t = Math.floor(Date.now() / 1000)) {
  return `t=${t},v1=${crypto.createHmac("sha256", secret).update(`${t}.${body}`).digest("hex")}`;
}

function latin1(s: string): string {
  return s.replace(/[^\x20-\x7e]/g, "?");
}

function weirdSegment(): string {
  return pick([
    encodeURIComponent(randomUnicode() || "x"),
    "%E0%A4%A", "%", "%zz", "..", "%2e%2e", "a%2Fb", "x".repeat(300), "%00", encodeURIComponent("__proto__"), "constructor",
    "00000000-0000-0000-0000-000000000000", crypto.randomUUID(), "-1", "1e999", encodeURIComponent("😀"),
  ]);
}

function randomQuery(): string {
  const keys = ["limit", "cursor", "status", "from", "to", "q", "sort", "ruleId", "triggerType", "entity", "actor", "channel", "__proto__", "executionId"];
  const parts = Array.from({ length: int(4) + 1 }, () => {
    const v = pick<unknown>(["0", "-1", "201", "abc", "1e999", "NaN", "", "2024-02-30", crypto.randomUUID(), "eyJ4Ijoi", "%", "%E0%A4", "null", "x".repeat(5000), "enabled", "failed", "name", "-updatedAt"]);
    return `${pick(keys)}=${String(v).includes("%") ? v : encodeURIComponent(String(v))}`;
  });
  return parts.join("&");
}

function makeInput(): Input {
  const r = rnd();
  if (r < 0.3) return { target: "POST /rules", method: "POST", path: "/rules", role: "editor", body: toText(mutate(pick(validRules))) };
  if (r < 0.38) {
    return { target: "PUT /rules/{id}", method: "PUT", path: `/rules/${chance(0.9) ? pick(ruleIds) : weirdSegment()}`, role: "editor", body: toText(mutate(pick(validRules))) };
  }
  if (r < 0.5) return { target: "POST /events (single)", method: "POST", path: "/events", role: "operator", body: toText(mutate(validEvent())) };
  if (r < 0.57) {
    const n = pick([0, 1, 3, 20, 1000, 1001]);
    // A few bad events among good ones (all of them mutated would only cost the generator time).
    const events = Array.from({ length: n }, (_, j) => (j < 5 && chance(0.5) ? mutate(validEvent()) : validEvent()));
    return { target: "POST /events (batch)", method: "POST", path: "/events", role: "operator", body: toText(chance(0.5) ? mutate({ events }) : { events }) };
  }
  if (r < 0.67) {
    const id = chance(0.7) ? `fz-contact-${int(50)}` : weirdSegment();
    return { target: "PUT /contacts/{externalId}", method: "PUT", path: `/contacts/${id}`, role: "editor", body: toText(mutate(validContact())) };
  }
  if (r < 0.77) {
    const body = toText(chance(0.5) ? mutate({ orderId: "W-1", amount: 20 }) : nastyValue());
    const sig = pick([
      () => sign(webhookSecret, body),
      () => sign(webhookSecret, body, Math.floor(Date.now() / 1000) - 3600),
      () => sign("whsec_wrong", body),
      () => `t=${Math.floor(Date.now() / 1000)},v1=${crypto.randomBytes(32).toString("hex")}`,
      () => "t=abc,v1=zz",
      () => "",
      () => "v1=",
      () => `t=${"9".repeat(30)},v1=00`,
      () => latin1(randomUnicode()),
      () => `t=1,v1=${"a".repeat(8000)}`,
      () => `${sign(webhookSecret, body)},v1=${"0".repeat(64)}`,
    ])();
    const id = chance(0.85) ? webhookRuleId : chance(0.5) ? pick(ruleIds) : weirdSegment();
    return { target: "POST /hooks/{ruleId}", method: "POST", path: `/hooks/${id}`, role: null, body, headers: sig ? { "x-autoflow-signature": sig } : {} };
  }
  if (r < 0.81) {
    const payload = mutate({ payload: { orderId: "T-1", contactId: "c-1" } });
    return { target: "POST /rules/{id}/trigger", method: "POST", path: `/rules/${chance(0.9) ? pick(ruleIds) : weirdSegment()}/trigger`, role: "operator", body: toText(payload) };
  }
  if (r < 0.85) {
    const doc = mutate({ trigger: (pick(validRules) as { trigger: unknown }).trigger, from: "2025-03-09T00:00:00Z", count: 5 });
    return { target: "POST /triggers/preview", method: "POST", path: "/triggers/preview", role: "viewer", body: toText(doc) };
  }
  if (r < 0.89) {
    return chance(0.5)
      ? { target: "POST /templates", method: "POST", path: "/templates", role: "editor", body: toText(mutate(validTemplate())) }
      : { target: "POST /templates/preview", method: "POST", path: "/templates/preview", role: "viewer", body: toText(mutate({ template: validTemplate(), payload: { x: 1 }, contact: validContact() })) };
  }
  if (r < 0.92) return { target: "POST /connections", method: "POST", path: "/connections", role: "admin", body: toText(mutate(validConnection())) };
  if (r < 0.97) {
    const base = pick(["/rules", "/executions", "/executions/dead-letter", "/audit", "/templates", "/connections", "/dev/messages", "/notifications", "/contacts", "/logs", `/rules/${pick(ruleIds)}/versions`, `/rules/${pick(ruleIds)}/fires`]);
    return { target: "GET lists (query)", method: "GET", path: `${base}?${randomQuery()}`, role: "admin" };
  }
  const method = pick(["GET", "POST", "PUT", "DELETE", "PATCH"]);
  const path = "/" + Array.from({ length: int(4) + 1 }, () => pick(["rules", "executions", "hooks", "contacts", weirdSegment(), "", "openapi.json", "healthz"])).join("/");
  return { target: "garbage paths", method, path, role: pick<Role | null>([null, "viewer", "admin"]), body: method === "GET" || method === "DELETE" ? undefined : toText(nastyValue()) };
}

// ---------------------------------------------------------------------------------------------
// Row counts of every table

let countSql = "";
const timing = { countsMs: 0, requestsMs: 0 };
async function rowCounts(): Promise<string> {
  const t0 = Date.now();
  try {
    return await rowCountsNow();
  } finally {
    timing.countsMs += Date.now() - t0;
  }
}
async function rowCountsNow(): Promise<string> {
  if (!countSql) {
    const { rows } = await pool().query<{ s: string; t: string }>(
      `SELECT table_schema AS s, table_name AS t FROM information_schema.tables
        WHERE table_type = 'BASE TABLE' AND (table_schema = 'public' OR (table_schema = 'graphile_worker' AND table_name = '_private_jobs'))
        ORDER BY 1, 2`,
    );
    countSql = rows.map((r) => `SELECT '${r.s}.${r.t}' AS t, count(*)::int AS n FROM "${r.s}"."${r.t}"`).join(" UNION ALL ");
  }
  const { rows } = await pool().query<{ t: string; n: number }>(countSql);
  return rows.map((r) => `${r.t}=${r.n}`).join(" ");
}

async function send(input: Input): Promise<{ status: number; text: string }> {
  const headers: Record<string, string> = { "content-type": "application/json", ...(input.headers ?? {}) };
  if (input.role) headers.authorization = `Bearer ${await tokenFor(input.role)}`;
  const req = new Request(`http://localhost/api/v1${input.path}`, { method: input.method, headers, body: input.body });
  const res = await handleRest(req, input.path.split("?")[0]);
  return { status: res.status, text: await res.text() };
}

// ---------------------------------------------------------------------------------------------

beforeAll(async () => {
  await useOwnDatabase("autoflow_vitest_fuzz");
  // Tokens first: creating one later would count as a change made by a rejected request.
  for (const role of ["viewer", "operator", "editor", "admin"] as const) await tokenFor(role);
  for (const doc of validRules) {
    const r = await send({ target: "seed", method: "POST", path: "/rules", role: "editor", body: JSON.stringify(doc) });
    expect(r.status, r.text).toBe(201);
    const body = JSON.parse(r.text);
    ruleIds.push(body.id);
    if (body.webhookSecret) {
      webhookRuleId = body.id;
      webhookSecret = body.webhookSecret;
    }
  }
  ruleIds = ruleIds.filter(Boolean);
  expect((await send({ target: "seed", method: "POST", path: `/rules/${webhookRuleId}/enable`, role: "editor" })).status).toBe(200);
  // The starting points are valid: each family answers 2xx before it is mutated.
  expect((await send({ target: "seed", method: "POST", path: "/events", role: "operator", body: JSON.stringify(validEvent()) })).status).toBe(202);
  expect((await send({ target: "seed", method: "PUT", path: "/contacts/fz-contact-0", role: "editor", body: JSON.stringify(validContact()) })).status).toBe(201);
  expect((await send({ target: "seed", method: "POST", path: "/templates", role: "editor", body: JSON.stringify(validTemplate()) })).status).toBe(201);
  expect((await send({ target: "seed", method: "POST", path: "/connections", role: "admin", body: JSON.stringify(validConnection()) })).status).toBe(201);
  const hookBody = JSON.stringify({ orderId: "W-0", amount: 20 });
  expect((await send({ target: "seed", method: "POST", path: `/hooks/${webhookRuleId}`, role: null, body: hookBody, headers: { "x-autoflow-signature": sign(webhookSecret, hookBody) } })).status).toBe(202);
});
afterAll(closeDb);

describe(`fuzz (seed ${SEED}, ${COUNT} inputs)`, () => {
  it("every answer is 2xx or a 4xx {error:{code,message}}; zero 5xx; rejected input changes no table", async () => {
    const byTarget = new Map<string, { n: number; ok: number; rejected: number; fiveXX: number }>();
    const serverErrors: string[] = [];
    const badShapes: string[] = [];
    const changed: string[] = [];
    let baseline = await rowCounts();
    const started = Date.now();

    for (let i = 0; i < COUNT; i++) {
      const input = makeInput();
      const stats = byTarget.get(input.target) ?? { n: 0, ok: 0, rejected: 0, fiveXX: 0 };
      byTarget.set(input.target, stats);
      stats.n++;
      const sample = `#${i} ${input.method} ${input.path.slice(0, 120)} body=${(input.body ?? "").slice(0, 200)}`;
      // FUZZ_TRACE=<file>: each input is appended before it is sent (to find one that hangs or crashes).
      if (process.env.FUZZ_TRACE) fs.appendFileSync(process.env.FUZZ_TRACE, `#${i} ${input.method} ${input.path} ${JSON.stringify(input.headers ?? {})} body=${(input.body ?? "").slice(0, 20_000)} (${input.body?.length ?? 0} chars)\n`);
      let res: { status: number; text: string };
      const t0 = Date.now();
      try {
        res = await send(input);
      } catch (err) {
        // handleRest must never throw: that would be a 500 from Next.
        res = { status: 599, text: String(err) };
      }
      timing.requestsMs += Date.now() - t0;
      if (process.env.FUZZ_TRACE) fs.appendFileSync(process.env.FUZZ_TRACE, `  → ${res.status}\n`);
      if (res.status >= 500) {
        stats.fiveXX++;
        serverErrors.push(`${sample} → ${res.status} ${res.text.slice(0, 300)}`);
        baseline = await rowCounts();
        continue;
      }
      if (res.status >= 200 && res.status < 300) {
        stats.ok++;
        baseline = await rowCounts();
        continue;
      }
      stats.rejected++;
      let body: any = null;
      try {
        body = JSON.parse(res.text);
      } catch {
        // not JSON: reported below
      }
      if (!(res.status >= 400 && res.status < 500) || typeof body?.error?.code !== "string" || typeof body?.error?.message !== "string") {
        badShapes.push(`${sample} → ${res.status} ${res.text.slice(0, 200)}`);
      }
      const now = await rowCounts();
      if (now !== baseline) {
        changed.push(`${sample} → ${res.status}: ${baseline} ⇒ ${now}`);
        baseline = now;
      }
    }

    const summary = [...byTarget.entries()].map(([t, s]) => `  ${t.padEnd(28)} ${String(s.n).padStart(5)} inputs, ${String(s.ok).padStart(4)} 2xx, ${String(s.rejected).padStart(5)} 4xx, ${s.fiveXX} 5xx`);
    const total = [...byTarget.values()].reduce((a, s) => ({ n: a.n + s.n, ok: a.ok + s.ok, rejected: a.rejected + s.rejected, fiveXX: a.fiveXX + s.fiveXX }), { n: 0, ok: 0, rejected: 0, fiveXX: 0 });
    console.log(
      `fuzz seed=${SEED}: ${total.n} inputs in ${((Date.now() - started) / 1000).toFixed(1)} s (requests ${(timing.requestsMs / 1000).toFixed(1)} s, row counts ${(timing.countsMs / 1000).toFixed(1)} s) — ${total.ok} 2xx, ${total.rejected} 4xx, ${total.fiveXX} 5xx\n${summary.join("\n")}`,
    );

    expect(total.n).toBe(COUNT);
    expect(serverErrors.slice(0, 20)).toEqual([]);
    expect(badShapes.slice(0, 20)).toEqual([]);
    expect(changed.slice(0, 20)).toEqual([]);
    // No prototype was polluted by any of it.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(Object.prototype)).toEqual([]);
  }, 900_000);
});
