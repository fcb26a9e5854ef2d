import { describe, expect, it } from "vitest";
import {
  describeCron,
  firesPerDay,
  nextSlot,
  parseCron,
  previousSlot,
  slotsBetween,
} from "../../src/jobs/cron-slots.ts";

const iso = (d: Date | null) => d?.toISOString() ?? null;

describe("parseCron", () => {
  it("reads numbers, ranges, steps, lists and names; weekday 7 is Sunday", () => {
    const c = parseCron("*/15 8-18/2 * * mon-fri");
    expect(c.minutes).toEqual([0, 15, 30, 45]);
    expect(c.hours).toEqual([8, 10, 12, 14, 16, 18]);
    expect(c.weekdays).toEqual([1, 2, 3, 4, 5]);
    expect(c.daysOfMonth).toBeNull();
    expect(parseCron("0 9 * * 7").weekdays).toEqual([0]);
    expect(parseCron("0 9 1,15 jan,jul *").months).toEqual([1, 7]);
  });

  it("refuses what it cannot read, naming the field", () => {
    expect(() => parseCron("0 9 * *")).toThrow(/5 fields/);
    expect(() => parseCron("60 9 * * *")).toThrow(/minute/);
    expect(() => parseCron("0 25 * * *")).toThrow(/hour/);
    expect(() => parseCron("0 9 * * funday")).toThrow(/day of the week/);
    expect(() => parseCron("*/0 * * * *")).toThrow(/step/);
  });

  it("describes the usual schedules in words", () => {
    expect(describeCron("0 9 * * 1")).toBe("Mondays at 09:00");
    expect(describeCron("0 9 * * 0")).toBe("Sundays at 09:00");
    expect(describeCron("0 6 * * *")).toBe("every day at 06:00");
    expect(describeCron("*/5 * * * *")).toBe("every 5 minutes");
    expect(describeCron("30 8 1 * *")).toBe("day 1 of each month at 08:30");
    expect(firesPerDay("*/5 * * * *")).toBe(288);
    expect(firesPerDay("0 9 * * 1")).toBe(1);
  });
});

describe("digest slots (Mondays or Sundays at 09:00 local) across zones and DST", () => {
  it("America/New_York: 13:00Z in summer time, 14:00Z in winter time", () => {
    // DST ends on Sunday 2026-11-01 and starts on Sunday 2026-03-08.
    expect(iso(nextSlot("0 9 * * 1", "America/New_York", new Date("2026-10-21T12:00:00Z")))).toBe(
      "2026-10-26T13:00:00.000Z",
    );
    expect(iso(nextSlot("0 9 * * 1", "America/New_York", new Date("2026-10-28T12:00:00Z")))).toBe(
      "2026-11-02T14:00:00.000Z",
    );
    expect(iso(nextSlot("0 9 * * 1", "America/New_York", new Date("2026-03-04T12:00:00Z")))).toBe(
      "2026-03-09T13:00:00.000Z",
    );
  });

  it("Europe/London: 08:00Z in BST, 09:00Z in GMT", () => {
    // BST ends on Sunday 2026-10-25 and starts on Sunday 2026-03-29.
    expect(iso(nextSlot("0 9 * * 1", "Europe/London", new Date("2026-10-14T12:00:00Z")))).toBe(
      "2026-10-19T08:00:00.000Z",
    );
    expect(iso(nextSlot("0 9 * * 1", "Europe/London", new Date("2026-10-21T12:00:00Z")))).toBe(
      "2026-10-26T09:00:00.000Z",
    );
    expect(iso(nextSlot("0 9 * * 1", "Europe/London", new Date("2026-03-25T12:00:00Z")))).toBe(
      "2026-03-30T08:00:00.000Z",
    );
  });

  it("Asia/Kathmandu (+05:45) and Asia/Karachi (+05:00)", () => {
    const after = new Date("2026-11-25T12:00:00Z");
    expect(iso(nextSlot("0 9 * * 1", "Asia/Kathmandu", after))).toBe("2026-11-30T03:15:00.000Z");
    expect(iso(nextSlot("0 9 * * 1", "Asia/Karachi", after))).toBe("2026-11-30T04:00:00.000Z");
  });

  it("Australia/Sydney: Monday 09:00 is Sunday UTC, +11 in summer and +10 in winter", () => {
    // AEDT ends on Sunday 2026-04-05; it starts again on Sunday 2026-10-04.
    expect(iso(nextSlot("0 9 * * 1", "Australia/Sydney", new Date("2026-11-25T12:00:00Z")))).toBe(
      "2026-11-29T22:00:00.000Z",
    );
    expect(iso(nextSlot("0 9 * * 1", "Australia/Sydney", new Date("2026-03-25T12:00:00Z")))).toBe(
      "2026-03-29T22:00:00.000Z",
    );
    expect(iso(nextSlot("0 9 * * 1", "Australia/Sydney", new Date("2026-04-01T12:00:00Z")))).toBe(
      "2026-04-05T23:00:00.000Z",
    );
  });

  it("fri-sat weekends: Sunday 09:00 in Riyadh (+03:00) is 06:00Z", () => {
    expect(iso(nextSlot("0 9 * * 0", "Asia/Riyadh", new Date("2026-11-25T12:00:00Z")))).toBe(
      "2026-11-29T06:00:00.000Z",
    );
  });
});

describe("slot arithmetic", () => {
  it("lists the slots in a window (after, until], in order", () => {
    const slots = slotsBetween(
      "0 6 * * *",
      "Europe/Athens",
      new Date("2026-11-27T04:00:00Z"),
      new Date("2026-11-30T04:00:00Z"),
    );
    expect(slots.map(iso)).toEqual([
      "2026-11-28T04:00:00.000Z",
      "2026-11-29T04:00:00.000Z",
      "2026-11-30T04:00:00.000Z",
    ]);
  });

  it("finds the previous slot, at or before the instant", () => {
    expect(iso(previousSlot("0 9 * * 1", "America/New_York", new Date("2026-12-02T12:00:00Z")))).toBe(
      "2026-11-30T14:00:00.000Z",
    );
    expect(iso(previousSlot("0 9 * * 1", "America/New_York", new Date("2026-11-30T14:00:00Z")))).toBe(
      "2026-11-30T14:00:00.000Z",
    );
  });

  it("runs a time skipped by spring-forward once, just after the gap; a repeated time once, at its first occurrence", () => {
    // 02:30 does not exist in New York on 2026-03-08: it runs at 03:30 EDT.
    const spring = slotsBetween(
      "30 2 * * *",
      "America/New_York",
      new Date("2026-03-07T12:00:00Z"),
      new Date("2026-03-08T12:00:00Z"),
    );
    expect(spring.map(iso)).toEqual(["2026-03-08T07:30:00.000Z"]);
    // 01:30 happens twice on 2026-11-01: the first time is 01:30 EDT (05:30Z).
    const fall = slotsBetween(
      "30 1 * * *",
      "America/New_York",
      new Date("2026-10-31T12:00:00Z"),
      new Date("2026-11-01T12:00:00Z"),
    );
    expect(fall.map(iso)).toEqual(["2026-11-01T05:30:00.000Z"]);
  });

  it("matches either day field when both are restricted, as cron does", () => {
    // The 1st of December 2026 is a Tuesday; Mondays are the 7th, 14th …
    const slots = slotsBetween(
      "0 9 1 * 1",
      "UTC",
      new Date("2026-11-30T12:00:00Z"),
      new Date("2026-12-08T00:00:00Z"),
    );
    expect(slots.map(iso)).toEqual(["2026-12-01T09:00:00.000Z", "2026-12-07T09:00:00.000Z"]);
  });
});
