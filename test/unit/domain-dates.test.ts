import { describe, expect, it } from "vitest";
import { addDays, diffDays, isIsoDate, localDateOf, yesterdayIn } from "../../src/domain/dates.ts";

describe("addDays", () => {
  it("crosses month, year and leap-day boundaries", () => {
    expect(addDays("2026-11-30", 1)).toBe("2026-12-01");
    expect(addDays("2026-12-31", 1)).toBe("2027-01-01");
    expect(addDays("2026-01-01", -1)).toBe("2025-12-31");
    expect(addDays("2024-02-28", 1)).toBe("2024-02-29");
    expect(addDays("2023-02-28", 1)).toBe("2023-03-01");
    expect(addDays("2026-11-26", -29)).toBe("2026-10-28");
    expect(addDays("2026-11-26", 0)).toBe("2026-11-26");
    expect(addDays("2026-11-26", -1095)).toBe("2023-11-27");
  });

  it("refuses a date that does not exist", () => {
    expect(() => addDays("2026-02-30", 1)).toThrow(/Not a YYYY-MM-DD date/);
  });
});

describe("diffDays", () => {
  it("counts whole calendar days, negative when reversed", () => {
    expect(diffDays("2026-12-01", "2026-11-30")).toBe(1);
    expect(diffDays("2027-01-01", "2026-01-01")).toBe(365);
    expect(diffDays("2025-01-01", "2024-01-01")).toBe(366);
    expect(diffDays("2026-11-26", "2026-09-30")).toBe(57);
    expect(diffDays("2026-11-20", "2026-11-26")).toBe(-6);
    expect(diffDays("2026-11-26", "2026-11-26")).toBe(0);
  });

  it("is not fooled by a DST change (days are calendar days)", () => {
    expect(diffDays("2026-03-09", "2026-03-08")).toBe(1);
    expect(diffDays("2026-11-02", "2026-11-01")).toBe(1);
  });
});

describe("localDateOf", () => {
  it("Asia/Karachi (UTC+5): 23:30Z is already the next day", () => {
    expect(localDateOf("2026-11-30T23:30:00Z", "Asia/Karachi")).toBe("2026-12-01");
    expect(localDateOf("2026-11-30T18:59:59Z", "Asia/Karachi")).toBe("2026-11-30");
    expect(localDateOf("2026-11-30T19:00:00Z", "Asia/Karachi")).toBe("2026-12-01");
  });

  it("Asia/Kathmandu (UTC+5:45): the quarter-hour offset", () => {
    expect(localDateOf("2026-11-30T18:14:59Z", "Asia/Kathmandu")).toBe("2026-11-30");
    expect(localDateOf("2026-11-30T18:15:00Z", "Asia/Kathmandu")).toBe("2026-12-01");
  });

  it("America/Los_Angeles: PST in winter, and the 23-hour day DST starts (2026-03-08)", () => {
    expect(localDateOf("2026-12-01T07:59:59Z", "America/Los_Angeles")).toBe("2026-11-30");
    expect(localDateOf("2026-12-01T08:00:00Z", "America/Los_Angeles")).toBe("2026-12-01");
    // 2026-03-08 starts at 08:00Z (PST, UTC-8) and ends at 07:00Z next day (PDT, UTC-7).
    expect(localDateOf("2026-03-08T07:59:59Z", "America/Los_Angeles")).toBe("2026-03-07");
    expect(localDateOf("2026-03-08T08:00:00Z", "America/Los_Angeles")).toBe("2026-03-08");
    expect(localDateOf("2026-03-09T06:59:59Z", "America/Los_Angeles")).toBe("2026-03-08");
    expect(localDateOf("2026-03-09T07:00:00Z", "America/Los_Angeles")).toBe("2026-03-09");
  });

  it("Pacific/Auckland: NZDT (UTC+13), and the 25-hour day DST ends (2026-04-05)", () => {
    expect(localDateOf("2026-11-30T10:59:59Z", "Pacific/Auckland")).toBe("2026-11-30");
    expect(localDateOf("2026-11-30T11:00:00Z", "Pacific/Auckland")).toBe("2026-12-01");
    // 2026-04-05 starts at 11:00Z the day before (UTC+13) and ends at 12:00Z (UTC+12).
    expect(localDateOf("2026-04-04T10:59:59Z", "Pacific/Auckland")).toBe("2026-04-04");
    expect(localDateOf("2026-04-04T11:00:00Z", "Pacific/Auckland")).toBe("2026-04-05");
    expect(localDateOf("2026-04-05T11:30:00Z", "Pacific/Auckland")).toBe("2026-04-05");
    expect(localDateOf("2026-04-05T12:00:00Z", "Pacific/Auckland")).toBe("2026-04-06");
  });

  it("reads instants with an explicit offset too", () => {
    expect(localDateOf("2026-11-30T20:00:00-05:00", "Asia/Karachi")).toBe("2026-12-01");
  });

  it("throws on an unknown zone or an unreadable instant", () => {
    expect(() => localDateOf("2026-11-30T23:30:00Z", "Mars/Olympus")).toThrow(/Unknown time zone/);
    expect(() => localDateOf("yesterday", "Asia/Karachi")).toThrow(/Not an ISO-8601 instant/);
  });
});

describe("yesterdayIn", () => {
  it("is the day before the zone's current date", () => {
    const now = new Date("2026-11-27T19:30:00Z");
    expect(yesterdayIn("Asia/Karachi", now)).toBe("2026-11-27"); // local 2026-11-28 00:30
    expect(yesterdayIn("America/Los_Angeles", now)).toBe("2026-11-26"); // local 2026-11-27 11:30
    expect(yesterdayIn("UTC", now)).toBe("2026-11-26");
  });

  it("flips at local midnight in Pacific/Auckland", () => {
    expect(yesterdayIn("Pacific/Auckland", new Date("2026-11-27T10:59:00Z"))).toBe("2026-11-26");
    expect(yesterdayIn("Pacific/Auckland", new Date("2026-11-27T11:00:00Z"))).toBe("2026-11-27");
  });

  it("on the first day of a year goes back to December 31", () => {
    expect(yesterdayIn("Asia/Kathmandu", new Date("2026-12-31T18:15:00Z"))).toBe("2026-12-31");
    expect(yesterdayIn("Asia/Kathmandu", new Date("2026-12-31T18:14:00Z"))).toBe("2026-12-30");
  });
});

describe("isIsoDate", () => {
  it("accepts real YYYY-MM-DD days only", () => {
    expect(isIsoDate("2026-11-26")).toBe(true);
    expect(isIsoDate("2024-02-29")).toBe(true);
    expect(isIsoDate("2000-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("1900-02-29")).toBe(false);
    expect(isIsoDate("2026-04-31")).toBe(false);
    expect(isIsoDate("2026-13-01")).toBe(false);
    expect(isIsoDate("2026-00-10")).toBe(false);
    expect(isIsoDate("2026-01-00")).toBe(false);
  });

  it("rejects other shapes", () => {
    for (const s of [
      "",
      "2026-1-01",
      "2026-01-1",
      "26-01-01",
      "2026/01/01",
      "2026-01-01T00:00",
      " 2026-01-01",
      "20260101",
    ]) {
      expect(isIsoDate(s), s).toBe(false);
    }
  });
});
