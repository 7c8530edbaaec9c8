import { describe, expect, it } from "vitest";
import { MAX_LISTED_FIRES, planFires, startsExecution, type FirePlan } from "./misfire";
import { triggerSchema, type TimeTrigger, type TriggerInput } from "./trigger-schema";

const trigger = (input: TriggerInput) => triggerSchema.parse(input) as TimeTrigger;
const hourly = (extra: Partial<Record<string, unknown>> = {}) => trigger({ type: "cron", cron: "0 * * * *", ...extra } as TriggerInput);

/** A compact view of a plan: "HH:MM outcome (reason)" per fire, and next. */
function view(plan: FirePlan) {
  return {
    fires: plan.fires.map((f) => `${f.scheduledFor.toISOString().slice(11, 16)} ${f.outcome} (${f.reason})`),
    next: plan.next?.toISOString() ?? null,
    misfired: plan.misfired,
  };
}

const at = (hhmmss: string, day = "2026-01-01") => new Date(`${day}T${hhmmss}Z`);

describe("planFires: on time", () => {
  it.each([
    ["30 s late", "10:00:30"],
    ["exactly at the threshold", "10:01:00"],
    ["on the dot", "10:00:00"],
    ["early (clock skew): does not enqueue itself again", "09:59:58"],
  ])("%s → fired, next is the following hour", (_name, now) => {
    expect(view(planFires(hourly(), at("10:00:00"), at(now)))).toEqual({
      fires: ["10:00 fired (on time)"],
      next: "2026-01-01T11:00:00.000Z",
      misfired: false,
    });
  });

  it("fires every due time when the schedule is denser than the threshold", () => {
    const t = trigger({ type: "cron", cron: "*/10 * * * * *" });
    const plan = planFires(t, at("10:00:00"), at("10:00:35"));
    expect(plan.fires.map((f) => [f.scheduledFor.toISOString().slice(11, 19), f.outcome])).toEqual([
      ["10:00:00", "fired"],
      ["10:00:10", "fired"],
      ["10:00:20", "fired"],
      ["10:00:30", "fired"],
    ]);
    expect(plan.next?.toISOString()).toBe("2026-01-01T10:00:40.000Z");
  });

  it("a threshold of 0 makes any delay a misfire", () => {
    expect(planFires(hourly({ misfireThresholdSeconds: 0 }), at("10:00:00"), new Date("2026-01-01T10:00:00.001Z")).misfired).toBe(true);
  });
});

describe("planFires: misfire policies (down from 08:00 to 10:30, hourly)", () => {
  it.each([
    [
      "fire_once: one execution for the latest, the rest missed",
      {},
      [
        "08:00 missed (misfire: covered by the one fire for 2026-01-01T10:00:00.000Z)",
        "09:00 missed (misfire: covered by the one fire for 2026-01-01T10:00:00.000Z)",
        "10:00 fired (misfire: fired once for 3 missed fires)",
      ],
    ],
    [
      "fire_all: each is backfilled",
      { misfirePolicy: "fire_all" },
      ["08:00 backfilled (misfire: backfilled by policy fire_all)", "09:00 backfilled (misfire: backfilled by policy fire_all)", "10:00 backfilled (misfire: backfilled by policy fire_all)"],
    ],
    [
      "fire_all over the cap: the newest are backfilled, older ones missed",
      { misfirePolicy: "fire_all", misfireMaxFires: 2 },
      ["08:00 missed (over the fire_all cap)", "09:00 backfilled (misfire: backfilled by policy fire_all)", "10:00 backfilled (misfire: backfilled by policy fire_all)"],
    ],
    [
      "skip: all missed, none executed",
      { misfirePolicy: "skip" },
      ["08:00 missed (misfire: skipped by policy)", "09:00 missed (misfire: skipped by policy)", "10:00 missed (misfire: skipped by policy)"],
    ],
  ])("%s", (_name, extra, expected) => {
    expect(view(planFires(hourly(extra), at("08:00:00"), at("10:30:00")))).toEqual({
      fires: expected,
      next: "2026-01-01T11:00:00.000Z",
      misfired: true,
    });
  });

  it("a planned time equal to now is due, and next is strictly after now", () => {
    const plan = planFires(hourly({ misfirePolicy: "skip" }), at("08:00:00"), at("10:00:00"));
    expect(plan.fires.map((f) => f.scheduledFor.toISOString().slice(11, 16))).toEqual(["08:00", "09:00", "10:00"]);
    expect(plan.next?.toISOString()).toBe("2026-01-01T11:00:00.000Z");
  });

  it("61 s late is a misfire with the default threshold even with nothing else missed", () => {
    expect(view(planFires(hourly(), at("10:00:00"), at("10:01:01")))).toEqual({
      fires: ["10:00 fired (misfire: fired once for 1 missed fires)"],
      next: "2026-01-01T11:00:00.000Z",
      misfired: true,
    });
  });
});

describe("planFires: other time triggers use the default policy (fire_once, 60 s)", () => {
  it("interval", () => {
    const t = trigger({ type: "interval", everySeconds: 600 });
    expect(view(planFires(t, at("00:00:00"), at("00:35:00")))).toEqual({
      fires: [
        "00:00 missed (misfire: covered by the one fire for 2026-01-01T00:30:00.000Z)",
        "00:10 missed (misfire: covered by the one fire for 2026-01-01T00:30:00.000Z)",
        "00:20 missed (misfire: covered by the one fire for 2026-01-01T00:30:00.000Z)",
        "00:30 fired (misfire: fired once for 4 missed fires)",
      ],
      next: "2026-01-01T00:40:00.000Z",
      misfired: true,
    });
  });

  it.each([
    ["on time", "09:00:10", "09:00 fired (on time)", false],
    ["a day late", "09:00:00", "09:00 fired (misfire: fired once for 1 missed fires)", true],
  ])("once, %s: fires, never again", (_name, now, expected, misfired) => {
    const t = trigger({ type: "once", at: "2026-01-01T09:00:00Z" });
    const nowDate = misfired ? at(now, "2026-01-02") : at(now);
    expect(view(planFires(t, at("09:00:00"), nowDate))).toEqual({ fires: [expected], next: null, misfired });
  });
});

describe("planFires: schedules in a zone", () => {
  it("replays the DST-aware cron times (02:30 skipped in New York fires at 03:30 EDT)", () => {
    const t = trigger({ type: "cron", cron: "30 2 * * *", timezone: "America/New_York", misfirePolicy: "fire_all" });
    const plan = planFires(t, new Date("2026-03-07T07:30:00Z"), new Date("2026-03-09T12:00:00Z"));
    expect(plan.fires.map((f) => [f.scheduledFor.toISOString(), f.outcome])).toEqual([
      ["2026-03-07T07:30:00.000Z", "backfilled"],
      ["2026-03-08T07:30:00.000Z", "backfilled"],
      ["2026-03-09T06:30:00.000Z", "backfilled"],
    ]);
    expect(plan.next?.toISOString()).toBe("2026-03-10T06:30:00.000Z");
  });
});

describe("planFires: long outages stay bounded", () => {
  it("lists at most MAX_LISTED_FIRES, the newest, with an exact count when it is cheap (3 days, every minute)", () => {
    const t = trigger({ type: "cron", cron: "* * * * *", misfirePolicy: "fire_all" });
    const plan = planFires(t, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-04T00:00:00Z"));
    expect(plan.fires).toHaveLength(MAX_LISTED_FIRES);
    expect(plan.unlisted).toBe(3 * 24 * 60 + 1 - MAX_LISTED_FIRES);
    expect(plan.fires.at(-1)?.scheduledFor.toISOString()).toBe("2026-01-04T00:00:00.000Z");
    expect(plan.fires.filter((f) => f.outcome === "backfilled")).toHaveLength(100);
    expect(plan.fires.at(-101)?.reason).toBe("over the fire_all cap");
    const once = planFires(trigger({ type: "cron", cron: "* * * * *" }), new Date("2026-01-01T00:00:00Z"), new Date("2026-01-04T00:00:00Z"));
    expect(once.fires.at(-1)?.reason).toBe("misfire: fired once for 4321 missed fires");
  });

  it("a week of every-second fires is planned quickly, newest first kept, count as a lower bound", () => {
    const t = trigger({ type: "cron", cron: "* * * * * *" });
    const started = performance.now();
    const plan = planFires(t, new Date("2026-01-01T00:00:00Z"), new Date("2026-01-08T00:00:00Z"));
    expect(performance.now() - started).toBeLessThan(5000);
    expect(plan.fires).toHaveLength(MAX_LISTED_FIRES);
    expect(plan.fires.at(-1)).toEqual({
      scheduledFor: new Date("2026-01-08T00:00:00Z"),
      outcome: "fired",
      reason: expect.stringMatching(/^misfire: fired once for more than \d+ missed fires$/),
    });
    // The listed fires are consecutive seconds ending at now.
    expect(plan.fires[0].scheduledFor.toISOString()).toBe("2026-01-07T23:43:21.000Z");
    expect(plan.unlisted).toBeGreaterThan(100_000);
    expect(plan.next?.toISOString()).toBe("2026-01-08T00:00:01.000Z");
  });

  it("is deterministic: the same inputs plan the same fires (a retried job inserts nothing new)", () => {
    const t = hourly({ misfirePolicy: "fire_all" });
    expect(planFires(t, at("01:00:00"), at("09:10:00"))).toEqual(planFires(t, at("01:00:00"), at("09:10:00")));
  });
});

describe("startsExecution", () => {
  it.each([
    ["fired", true],
    ["backfilled", true],
    ["missed", false],
    ["skipped", false],
  ] as const)("%s → %s", (outcome, expected) => {
    expect(startsExecution(outcome)).toBe(expected);
  });
});
