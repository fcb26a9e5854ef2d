import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import { reportLanguages } from "../../src/domain/languages.ts";
import {
  lastFullMonth,
  monthBefore,
  monthPeriod,
  parseTrendPeriod,
  previousTrendPeriod,
} from "../../src/domain/trend-period.ts";
import { firstWorkingDayOfMonth, monthlyPeriodKey } from "../../src/jobs/trends-job.ts";

describe("trend periods", () => {
  it("reads calendar months, with their real lengths", () => {
    expect(monthPeriod("2026-10")).toEqual({
      start: "2026-10-01",
      end: "2026-10-31",
      days: 31,
      label: "2026-10-01..2026-10-31",
      key: "2026-10",
      words: "October 2026",
    });
    expect([monthPeriod("2026-02").days, monthPeriod("2028-02").days, monthPeriod("2026-04").end]).toEqual([
      28,
      29,
      "2026-04-30",
    ]);
    expect(monthBefore("2027-01")).toBe("2026-12");
  });

  it("defaults to the last month that has fully ended on the as-of day", () => {
    expect(lastFullMonth("2026-11-29").key).toBe("2026-10");
    expect(lastFullMonth("2026-11-30").key).toBe("2026-11");
    expect(parseTrendPeriod(undefined, "2026-11-02").key).toBe("2026-10");
    expect(parseTrendPeriod("  ", "2026-01-15").key).toBe("2025-12");
  });

  it("compares a month with the calendar month before, other periods with the same days before", () => {
    expect(previousTrendPeriod(monthPeriod("2026-03"))).toMatchObject({
      start: "2026-02-01",
      end: "2026-02-28",
      days: 28,
    });
    const thirty = parseTrendPeriod("30d", "2026-11-26");
    expect(thirty).toMatchObject({
      key: "30d",
      start: "2026-10-28",
      end: "2026-11-26",
      words: "the 30 days to 2026-11-26",
    });
    expect(previousTrendPeriod(thirty)).toMatchObject({ start: "2026-09-28", end: "2026-10-27", days: 30 });
    const week = parseTrendPeriod("2026-W47", "2026-11-26");
    expect(previousTrendPeriod(week)).toMatchObject({
      key: "2026-W46",
      start: "2026-11-09",
      end: "2026-11-15",
    });
  });

  it("says what is wrong with a period", () => {
    expect(() => parseTrendPeriod("2026-13", "2026-11-26")).toThrow(
      new UserError("bad_period", '"2026-13" is not a month: write it as YYYY-MM, e.g. 2026-10.'),
    );
    expect(() => parseTrendPeriod("last month", "2026-11-26")).toThrow(
      /A calendar month is written 2026-10\./,
    );
  });
});

describe("the monthly report's day", () => {
  it.each([
    ["2026-11", "sat-sun", "2026-11-02"],
    ["2026-10", "sat-sun", "2026-10-01"],
    ["2026-08", "sat-sun", "2026-08-03"],
    ["2026-05", "fri-sat", "2026-05-03"],
    ["2026-05", "fri", "2026-05-02"],
    ["2026-05", "fri-sun", "2026-05-04"],
    ["2026-11", "nonsense", "2026-11-02"],
  ])("%s with a %s weekend: %s", (month, weekend, day) => {
    expect(firstWorkingDayOfMonth(month, weekend)).toBe(day);
  });

  it("reports on the month before from the first working day on; days before it belong to the last report", () => {
    expect(monthlyPeriodKey("2026-11-01", "sat-sun")).toBe("2026-09");
    expect(monthlyPeriodKey("2026-11-02", "sat-sun")).toBe("2026-10");
    expect(monthlyPeriodKey("2026-11-04", "sat-sun")).toBe("2026-10");
    expect(monthlyPeriodKey("2027-01-01", "sat-sun")).toBe("2026-12");
    expect(monthlyPeriodKey("2026-05-01", "fri-sun")).toBe("2026-03");
    expect(monthlyPeriodKey("2026-05-04", "fri-sun")).toBe("2026-04");
  });
});

describe("report languages", () => {
  it("puts the working language first, then English; English or none gives English alone", () => {
    expect(reportLanguages("fr")).toEqual(["fr", "en"]);
    expect(reportLanguages(" AR ")).toEqual(["ar", "en"]);
    expect(reportLanguages("en")).toEqual(["en"]);
    expect(reportLanguages(null)).toEqual(["en"]);
    expect(reportLanguages("xx")).toEqual(["en"]);
  });
});
