import { describe, expect, it } from "vitest";
import { UserError } from "../../src/core/errors.ts";
import { parsePeriod, previousPeriod } from "../../src/domain/period.ts";

const AS_OF = "2026-11-26";

function periodError(text: string): UserError {
  try {
    parsePeriod(text, AS_OF);
  } catch (err) {
    if (err instanceof UserError) return err;
    throw err;
  }
  throw new Error(`"${text}" was accepted`);
}

describe("parsePeriod: N days ending with the as-of day", () => {
  it("defaults to 30 days", () => {
    expect(parsePeriod(undefined, AS_OF)).toEqual({
      start: "2026-10-28",
      end: "2026-11-26",
      days: 30,
      label: "30d",
    });
    expect(parsePeriod("  ", AS_OF)).toEqual({
      start: "2026-10-28",
      end: "2026-11-26",
      days: 30,
      label: "30d",
    });
  });

  it("honours another default length", () => {
    expect(parsePeriod(undefined, AS_OF, 7)).toEqual({
      start: "2026-11-20",
      end: "2026-11-26",
      days: 7,
      label: "7d",
    });
  });

  it("reads 7d, 30d, 90d, 365d and any N from 1 to 1096", () => {
    expect(parsePeriod("7d", AS_OF)).toEqual({
      start: "2026-11-20",
      end: "2026-11-26",
      days: 7,
      label: "7d",
    });
    expect(parsePeriod("30d", AS_OF)).toEqual({
      start: "2026-10-28",
      end: "2026-11-26",
      days: 30,
      label: "30d",
    });
    expect(parsePeriod("90d", AS_OF)).toEqual({
      start: "2026-08-29",
      end: "2026-11-26",
      days: 90,
      label: "90d",
    });
    expect(parsePeriod("365d", AS_OF)).toEqual({
      start: "2025-11-27",
      end: "2026-11-26",
      days: 365,
      label: "365d",
    });
    expect(parsePeriod("1d", AS_OF)).toEqual({
      start: "2026-11-26",
      end: "2026-11-26",
      days: 1,
      label: "1d",
    });
    expect(parsePeriod("1096d", AS_OF)).toEqual({
      start: "2023-11-27",
      end: "2026-11-26",
      days: 1096,
      label: "1096d",
    });
    expect(parsePeriod(" 14D ", AS_OF)).toEqual({
      start: "2026-11-13",
      end: "2026-11-26",
      days: 14,
      label: "14d",
    });
  });

  it("covers a leap day in a 365d period ending in 2024", () => {
    expect(parsePeriod("365d", "2024-03-01")).toEqual({
      start: "2023-03-03",
      end: "2024-03-01",
      days: 365,
      label: "365d",
    });
  });

  it("refuses 0d and more than 1096d", () => {
    expect(periodError("0d").message).toMatch(/between 1d and 1096d/);
    expect(periodError("1097d").message).toMatch(/between 1d and 1096d/);
  });
});

describe("parsePeriod: ISO weeks, Monday to Sunday", () => {
  it("reads 2026-W47", () => {
    expect(parsePeriod("2026-W47", AS_OF)).toEqual({
      start: "2026-11-16",
      end: "2026-11-22",
      days: 7,
      label: "2026-W47",
    });
  });

  it("follows week-year rules: 2026-W01 starts in December 2025", () => {
    expect(parsePeriod("2026-W01", AS_OF)).toEqual({
      start: "2025-12-29",
      end: "2026-01-04",
      days: 7,
      label: "2026-W01",
    });
  });

  it("accepts W53 in years that have one (2026 starts on a Thursday, 2020 was a leap year starting on Wednesday)", () => {
    expect(parsePeriod("2026-W53", AS_OF)).toEqual({
      start: "2026-12-28",
      end: "2027-01-03",
      days: 7,
      label: "2026-W53",
    });
    expect(parsePeriod("2020-W53", AS_OF)).toEqual({
      start: "2020-12-28",
      end: "2021-01-03",
      days: 7,
      label: "2020-W53",
    });
  });

  it("refuses W53 where it does not exist, and W00 / W54", () => {
    expect(periodError("2025-W53").message).toMatch(/ISO week-year 2025 has weeks W01 to W52/);
    expect(periodError("2027-W53").message).toMatch(/ISO week-year 2027 has weeks W01 to W52/);
    expect(periodError("2026-W00").message).toMatch(/ISO week-year 2026 has weeks W01 to W53/);
    expect(periodError("2026-W54").message).toMatch(/ISO week-year 2026 has weeks W01 to W53/);
  });

  it("accepts lower case and a one-digit week, labelled canonically", () => {
    expect(parsePeriod("2026-w5", AS_OF)).toEqual({
      start: "2026-01-26",
      end: "2026-02-01",
      days: 7,
      label: "2026-W05",
    });
  });
});

describe("parsePeriod: date ranges, both days included", () => {
  it("reads a month", () => {
    expect(parsePeriod("2026-10-01..2026-10-31", AS_OF)).toEqual({
      start: "2026-10-01",
      end: "2026-10-31",
      days: 31,
      label: "2026-10-01..2026-10-31",
    });
  });

  it("counts a leap February and a one-day range", () => {
    expect(parsePeriod("2024-02-01..2024-02-29", AS_OF).days).toBe(29);
    expect(parsePeriod("2026-11-01..2026-11-01", AS_OF)).toEqual({
      start: "2026-11-01",
      end: "2026-11-01",
      days: 1,
      label: "2026-11-01..2026-11-01",
    });
  });

  it("allows a range ending after the as-of day (those days just have no data)", () => {
    expect(parsePeriod("2026-11-01..2026-12-31", AS_OF).days).toBe(61);
  });

  it("takes up to 1096 days", () => {
    expect(parsePeriod("2023-11-27..2026-11-26", AS_OF).days).toBe(1096);
    expect(periodError("2023-11-26..2026-11-26").message).toMatch(
      /is 1097 days long: a period can be at most 1096 days/,
    );
  });

  it("refuses a reversed range or a day that does not exist", () => {
    expect(periodError("2026-10-31..2026-10-01").message).toMatch(/ends before it starts/);
    expect(periodError("2026-02-30..2026-03-01").message).toMatch(/"2026-02-30" .* is not a date/);
    expect(periodError("2026-10-01..2026-10").message).toMatch(/"2026-10" .* is not a date/);
  });
});

describe("parsePeriod: anything else", () => {
  it("throws bad_period naming the input and listing the accepted forms with examples", () => {
    for (const text of ["last month", "30", "d30", "2026-11", "-7d", "7 days", "2026-W", "W47"]) {
      const err = periodError(text);
      expect(err.code, text).toBe("bad_period");
      expect(err.message, text).toContain(`"${text}"`);
      expect(err.message).toContain("7d, 30d, 90d, 365d");
      expect(err.message).toContain("2026-W47");
      expect(err.message).toContain("2026-10-01..2026-10-31");
    }
  });

  it("refuses an as-of day that is not a date", () => {
    expect(() => parsePeriod("7d", "2026-11-31")).toThrow(UserError);
  });
});

describe("previousPeriod", () => {
  it("is the same number of days ending the day before", () => {
    expect(previousPeriod(parsePeriod("30d", AS_OF))).toEqual({
      start: "2026-09-28",
      end: "2026-10-27",
      days: 30,
      label: "2026-09-28..2026-10-27",
    });
    expect(previousPeriod(parsePeriod("2024-03-01..2024-03-31", AS_OF))).toEqual({
      start: "2024-01-30",
      end: "2024-02-29",
      days: 31,
      label: "2024-01-30..2024-02-29",
    });
  });

  it("of an ISO week is the previous ISO week, across week-years", () => {
    expect(previousPeriod(parsePeriod("2026-W47", AS_OF))).toEqual({
      start: "2026-11-09",
      end: "2026-11-15",
      days: 7,
      label: "2026-W46",
    });
    expect(previousPeriod(parsePeriod("2026-W01", AS_OF))).toEqual({
      start: "2025-12-22",
      end: "2025-12-28",
      days: 7,
      label: "2025-W52",
    });
    expect(previousPeriod(parsePeriod("2027-W01", AS_OF))).toEqual({
      start: "2026-12-28",
      end: "2027-01-03",
      days: 7,
      label: "2026-W53",
    });
  });
});
