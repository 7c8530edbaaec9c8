// Cron in words for the rule list and the trigger editor ("At 09:00, Monday through Friday",
// "周一至周五 09:00"). It covers the shapes people actually write; anything else gets a generic
// sentence quoting the expression, which is never wrong, rather than a clever one that might be.
import { CronSyntaxError, parseCronCached, type CronField, type ParsedCron } from "./cron-expression";

export type CronLocale = "en" | "zh";

const EN_DAYS = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const ZH_DAYS = ["周日", "周一", "周二", "周三", "周四", "周五", "周六"];
const EN_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
// Both locales read the week Monday first, so "SAT,SUN" is a weekend, not "Sunday and Saturday".
const WEEK_ORDER = [1, 2, 3, 4, 5, 6, 0];

const pad = (n: number) => String(n).padStart(2, "0");
const clock = (h: number, m: number, s = 0) => `${pad(h)}:${pad(m)}${s ? `:${pad(s)}` : ""}`;

function enList(items: string[]): string {
  return items.length <= 1 ? items.join("") : `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

const isAll = (f: CronField) => f.text === "*" || f.text === "?";
/** n for `*\/n` or `0/n` (a step over the whole field), else null. */
function everyN(f: CronField, min = 0): number | null {
  const m = /^(?:\*|(\d+))\/(\d+)$/.exec(f.text);
  if (!m || (m[1] !== undefined && Number(m[1]) !== min)) return null;
  return Number(m[2]);
}
const single = (f: CronField) => (f.values.length === 1 && !f.text.includes("/") ? f.values[0] : null);
/** [first, last] when the values are one contiguous run of at least 3, else null. */
function run(values: number[]): [number, number] | null {
  if (values.length < 3) return null;
  for (let i = 1; i < values.length; i++) if (values[i] !== values[i - 1] + 1) return null;
  return [values[0], values[values.length - 1]];
}

type TimePart =
  | { kind: "at"; times: string[] } // fires at listed clock times
  | { kind: "every"; en: string; zh: string }; // fires repeatedly through the day

function timePart(p: ParsedCron): TimePart | null {
  const { second: S, minute: M, hour: H } = p;
  const s = single(S);
  const m = single(M);
  const h = single(H);
  const exactTimes = s !== null && !M.star && !H.star && !M.text.includes("/") && !H.text.includes("/");
  if (exactTimes && M.values.length * H.values.length <= 6) {
    const times: string[] = [];
    for (const hh of H.values) for (const mm of M.values) times.push(clock(hh, mm, s));
    return { kind: "at", times };
  }
  if (s === 0 && m !== null) {
    if (isAll(H)) {
      return m === 0
        ? { kind: "every", en: "Every hour", zh: "每小时整点" }
        : { kind: "every", en: `At ${m} minutes past every hour`, zh: `每小时第 ${m} 分钟` };
    }
    const n = everyN(H);
    if (n !== null) {
      return m === 0
        ? { kind: "every", en: `Every ${n} hours`, zh: `每 ${n} 小时` }
        : { kind: "every", en: `Every ${n} hours, at ${m} minutes past the hour`, zh: `每 ${n} 小时（第 ${m} 分钟）` };
    }
    const r = run(H.values);
    if (r && !H.text.includes("/")) {
      return {
        kind: "every",
        en: `Every hour from ${clock(r[0], m)} through ${clock(r[1], m)}`,
        zh: `${clock(r[0], m)} 至 ${clock(r[1], m)} 每小时`,
      };
    }
    return null;
  }
  if (s === 0) {
    const n = isAll(M) ? 1 : everyN(M);
    if (n === null) return null;
    const en = n === 1 ? "Every minute" : `Every ${n} minutes`;
    const zh = n === 1 ? "每分钟" : `每 ${n} 分钟`;
    if (isAll(H)) return { kind: "every", en, zh };
    const span = h !== null ? ([h, h] as [number, number]) : run(H.values);
    if (!span || H.text.includes("/")) return null;
    const from = clock(span[0], 0);
    const to = clock(span[1], 59);
    return { kind: "every", en: `${en}, between ${from} and ${to}`, zh: `${from} 至 ${to} ${zh}` };
  }
  if (isAll(M) && isAll(H)) {
    const n = isAll(S) ? 1 : everyN(S);
    if (n === null) return null;
    return n === 1
      ? { kind: "every", en: "Every second", zh: "每秒" }
      : { kind: "every", en: `Every ${n} seconds`, zh: `每 ${n} 秒` };
  }
  return null;
}

interface DayPart {
  en: string | null; // null: every day
  zh: string | null;
}

function weekdays(values: number[]): { en: string; zh: string } {
  const ordered = WEEK_ORDER.filter((d) => values.includes(d));
  const positions = ordered.map((d) => WEEK_ORDER.indexOf(d));
  const r = run(positions);
  if (r) {
    const a = WEEK_ORDER[r[0]];
    const b = WEEK_ORDER[r[1]];
    return { en: `${EN_DAYS[a]} through ${EN_DAYS[b]}`, zh: `${ZH_DAYS[a]}至${ZH_DAYS[b]}` };
  }
  return { en: `on ${enList(ordered.map((d) => EN_DAYS[d]))}`, zh: `每${ordered.map((d) => ZH_DAYS[d]).join("、")}` };
}

function monthDays(values: number[]): { en: string; zhDays: string } | null {
  const r = run(values);
  if (r) return { en: `on days ${r[0]}–${r[1]} of the month`, zhDays: `${r[0]} 日至 ${r[1]} 日` };
  if (values.length > 6) return null;
  const en = values.length === 1 ? `on day ${values[0]} of the month` : `on days ${enList(values.map(String))} of the month`;
  return { en, zhDays: values.map((d) => `${d} 日`).join("、") };
}

function months(values: number[]): { en: string; zh: string } | null {
  const r = run(values);
  if (r) return { en: `from ${EN_MONTHS[r[0] - 1]} through ${EN_MONTHS[r[1] - 1]}`, zh: `${r[0]} 月至 ${r[1]} 月` };
  if (values.length > 6) return null;
  return { en: `in ${enList(values.map((m) => EN_MONTHS[m - 1]))}`, zh: values.map((m) => `${m} 月`).join("、") };
}

function dayPart(p: ParsedCron): DayPart | null {
  const everyMonth = p.month.values.length === 12;
  const dowAll = p.dayOfWeek.values.length === 7;
  const domAll = p.dayOfMonth.values.length === 31;
  // Without the OR rule a star field matches everything, so only the other one restricts.
  const useDom = !domAll && (p.daysOred || p.dayOfWeek.star);
  const useDow = !dowAll && (p.daysOred || p.dayOfMonth.star);
  if (!p.daysOred && !domAll && !dowAll) return null; // `*/2` with a weekday: AND, rare; fall back
  const m = everyMonth ? null : months(p.month.values);
  if (!everyMonth && !m) return null;
  const dom = useDom ? monthDays(p.dayOfMonth.values) : null;
  if (useDom && !dom) return null;
  const dow = useDow ? weekdays(p.dayOfWeek.values) : null;

  const enDays = [dom?.en, dow?.en].filter(Boolean).join(" or ");
  const en = [enDays || null, m?.en ?? null].filter(Boolean).join(", ") || null;

  let zh: string | null;
  const yearly = m ? `每年 ${m.zh} ` : "";
  if (dom && dow) zh = m ? `每年 ${m.zh} 的 ${dom.zhDays}或${dow.zh}` : `每月 ${dom.zhDays}或${dow.zh}`;
  else if (dom) zh = m ? `${yearly}${dom.zhDays}` : `每月 ${dom.zhDays}`;
  else if (dow) zh = m ? `${yearly}的${dow.zh}` : dow.zh;
  else zh = m ? `${yearly}每天` : null;
  return { en, zh };
}

/** The expression in words; a generic sentence for shapes it does not recognise, never a throw. */
export function describeCron(expression: string, locale: CronLocale = "en"): string {
  let parsed: ParsedCron;
  try {
    parsed = parseCronCached(expression);
  } catch (err) {
    if (!(err instanceof CronSyntaxError)) throw err;
    return locale === "zh" ? `无效的 cron 表达式：${err.message}` : `Invalid cron expression: ${err.message}`;
  }
  const time = timePart(parsed);
  const days = dayPart(parsed);
  if (!time || !days) {
    return locale === "zh" ? `按 cron 表达式「${parsed.source}」执行` : `On the cron schedule "${parsed.source}"`;
  }
  if (locale === "zh") {
    if (time.kind === "at") return `${days.zh ?? "每天"} ${time.times.join("、")}`;
    return days.zh ? `${days.zh}，${time.zh}` : time.zh;
  }
  if (time.kind === "at") return `At ${enList(time.times)}, ${days.en ?? "every day"}`;
  return days.en ? `${time.en}, ${days.en}` : time.en;
}
