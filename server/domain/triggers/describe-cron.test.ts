import { describe, expect, it } from "vitest";
import { describeCron } from "./describe-cron";

describe("describeCron", () => {
  it.each([
    // [expression, English, Chinese]
    ["0 9 * * 1-5", "At 09:00, Monday through Friday", "周一至周五 09:00"],
    ["0 9 * * MON-FRI", "At 09:00, Monday through Friday", "周一至周五 09:00"],
    ["0 9 * * *", "At 09:00, every day", "每天 09:00"],
    ["30 8 * * 1,3,5", "At 08:30, on Monday, Wednesday and Friday", "每周一、周三、周五 08:30"],
    ["0 10 * * 6,0", "At 10:00, on Saturday and Sunday", "每周六、周日 10:00"],
    ["0 10 * * 5-7", "At 10:00, Friday through Sunday", "周五至周日 10:00"],
    ["0 9,17 * * *", "At 09:00 and 17:00, every day", "每天 09:00、17:00"],
    ["0,30 9 * * *", "At 09:00 and 09:30, every day", "每天 09:00、09:30"],
    ["0 9 1 * *", "At 09:00, on day 1 of the month", "每月 1 日 09:00"],
    ["0 9 1,15 * *", "At 09:00, on days 1 and 15 of the month", "每月 1 日、15 日 09:00"],
    ["0 0 1 1 *", "At 00:00, on day 1 of the month, in January", "每年 1 月 1 日 00:00"],
    ["0 9 * 1-3 *", "At 09:00, from January through March", "每年 1 月至 3 月 每天 09:00"],
    ["0 9 13 * 5", "At 09:00, on day 13 of the month or on Friday", "每月 13 日或每周五 09:00"],
    ["15 14 * * *", "At 14:15, every day", "每天 14:15"],
    ["30 0 9 * * *", "At 09:00:30, every day", "每天 09:00:30"],
    ["* * * * *", "Every minute", "每分钟"],
    ["*/15 * * * *", "Every 15 minutes", "每 15 分钟"],
    ["*/5 * * * 1-5", "Every 5 minutes, Monday through Friday", "周一至周五，每 5 分钟"],
    ["*/15 9-17 * * *", "Every 15 minutes, between 09:00 and 17:59", "09:00 至 17:59 每 15 分钟"],
    ["* 9 * * *", "Every minute, between 09:00 and 09:59", "09:00 至 09:59 每分钟"],
    ["0 * * * *", "Every hour", "每小时整点"],
    ["5 * * * *", "At 5 minutes past every hour", "每小时第 5 分钟"],
    ["0 */2 * * *", "Every 2 hours", "每 2 小时"],
    ["30 */6 * * *", "Every 6 hours, at 30 minutes past the hour", "每 6 小时（第 30 分钟）"],
    ["0 9-17 * * 1-5", "Every hour from 09:00 through 17:00, Monday through Friday", "周一至周五，09:00 至 17:00 每小时"],
    ["* * * * * *", "Every second", "每秒"],
    ["*/10 * * * * *", "Every 10 seconds", "每 10 秒"],
    ["@daily", "At 00:00, every day", "每天 00:00"],
    ["@weekly", "At 00:00, on Sunday", "每周日 00:00"],
  ])("%s", (expr, en, zh) => {
    expect(describeCron(expr, "en")).toBe(en);
    expect(describeCron(expr, "zh")).toBe(zh);
  });

  it.each([
    // Shapes it does not put into words get a generic sentence quoting the expression.
    ["1-10 3-5 * * *"],
    ["*/7 1,5,9,13,17,21,23 * * *"],
    ["0 0 */2 * 1"],
  ])("generic fallback: %s", (expr) => {
    expect(describeCron(expr, "en")).toBe(`On the cron schedule "${expr}"`);
    expect(describeCron(expr, "zh")).toBe(`按 cron 表达式「${expr}」执行`);
  });

  it("explains an invalid expression instead of throwing", () => {
    expect(describeCron("61 * * * *", "en")).toBe("Invalid cron expression: cron field 'minute': 61 is out of range 0–59");
    expect(describeCron("61 * * * *", "zh")).toBe("无效的 cron 表达式：cron field 'minute': 61 is out of range 0–59");
  });

  it("defaults to English", () => {
    expect(describeCron("0 9 * * *")).toBe("At 09:00, every day");
  });
});
