import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import {
  createLocalDater,
  inferYear,
  parseCalendarDate,
  parseWallDateTime,
  snowflakeMs,
  tiktokIdMs,
  wallToUtcMs,
} from "../../src/ingest/csv/dates.ts";
import { mapColumns, normalizeHeader } from "../../src/ingest/csv/headers.ts";
import { CellError, parseCount } from "../../src/ingest/csv/numbers.ts";
import { dateInFileName } from "../../src/ingest/import-file.ts";

describe("parseCount", () => {
  it.each([
    ["1234", 1234],
    ["0", 0],
    ["1,234", 1234],
    ["12,345,678", 12345678],
    ["1938.0", 1938],
    ["1938.00", 1938],
    ["-5", -5],
    ["-1,204", -1204],
    [" 42 ", 42],
    ["1\u00a0234", 1234],
  ])("%j -> %d", (raw, want) => {
    expect(parseCount(raw)).toBe(want);
  });

  it.each(["", " ", "-", "--", "N/A", "n/a", "\u2014"])("%j is unavailable (null), never 0", (raw) => {
    expect(parseCount(raw)).toBeNull();
  });

  it.each(["abc", "1.5", "1.5K", "12%", "1,23", "0x10", "1e3", "15.230"])("%j is not a count", (raw) => {
    expect(() => parseCount(raw)).toThrow(CellError);
  });
});

describe("parseCalendarDate", () => {
  it.each([
    ["2025-08-01", [2025, 8, 1]],
    ["2025-08-01T00:00:00", [2025, 8, 1]],
    ["8/24/2014", [2014, 8, 24]],
    ["1/1/2022", [2022, 1, 1]],
    ["24/8/2014", [2014, 8, 24]],
    ["Thu Mar 20 2025", [2025, 3, 20]],
    ["Sat Mar 1 2025", [2025, 3, 1]],
    ["Sun, Aug 30, 2026", [2026, 8, 30]],
    ["Fri, Mar 21, 2025", [2025, 3, 21]],
    ["Sep 27, 2024", [2024, 9, 27]],
    ["27 septembre 2024", [2024, 9, 27]],
    ["mar, 8 de marzo de 2025", [2025, 3, 8]],
    ["2025年3月8日", [2025, 3, 8]],
    ["12.03.2025", [2025, 3, 12]],
  ])("%j", (raw, [y, m, d]) => {
    expect(parseCalendarDate(raw)).toEqual({ year: y, month: m, day: d });
  });

  it.each([
    ["April 12", [4, 12]],
    ["December 31", [12, 31]],
    ["8 de marzo", [3, 8]],
    ["1 de enero", [1, 1]],
    ["12 avril", [4, 12]],
    ["3月8日", [3, 8]],
    ["February 29", [2, 29]],
  ])("year-less %j", (raw, [m, d]) => {
    expect(parseCalendarDate(raw)).toEqual({ year: null, month: m, day: d });
  });

  it.each(["", "Lifetime", "Total", "2025-13-01", "2025-02-30", "Sat, Mar 32, 2025", "Janvember 2", "12345"])(
    "%j is not a date",
    (raw) => {
      expect(parseCalendarDate(raw)).toBeNull();
    },
  );
});

describe("parseWallDateTime and wallToUtcMs", () => {
  const utc = (raw: string, zone: string) => {
    const wall = parseWallDateTime(raw);
    if (!wall) throw new Error(`not read: ${raw}`);
    return new Date(wallToUtcMs(wall, wall.year ?? 0, zone) ?? Number.NaN).toISOString();
  };

  it("reads X's `2016-12-23 18:50 +0000` as UTC whatever the zone", () => {
    expect(utc("2016-12-23 18:50 +0000", "Asia/Tokyo")).toBe("2016-12-23T18:50:00.000Z");
    expect(utc("2025-03-05T10:00:00Z", "America/New_York")).toBe("2025-03-05T10:00:00.000Z");
    expect(utc("2025-03-05 10:00 +05:30", "UTC")).toBe("2025-03-05T04:30:00.000Z");
  });

  it("reads zone-less times in the given zone, across daylight saving", () => {
    expect(utc("03/05/2025 18:30", "America/New_York")).toBe("2025-03-05T23:30:00.000Z");
    expect(utc("03/10/2025 00:15", "America/New_York")).toBe("2025-03-10T04:15:00.000Z");
    expect(utc("02/14/2016 12:40:16 AM", "America/Los_Angeles")).toBe("2016-02-14T08:40:16.000Z");
    expect(utc("02/15/2016 04:05:00 PM", "America/Los_Angeles")).toBe("2016-02-16T00:05:00.000Z");
    expect(utc("02/15/2016 12:05:00 PM", "UTC")).toBe("2016-02-15T12:05:00.000Z");
  });

  it("gives midnight for a date alone, and refuses impossible times", () => {
    expect(parseWallDateTime("Sep 27, 2024")).toMatchObject({
      year: 2024,
      month: 9,
      day: 27,
      hour: 0,
      minute: 0,
    });
    expect(parseWallDateTime("2025-03-05 25:00")).toBeNull();
    expect(parseWallDateTime("soon")).toBeNull();
  });
});

describe("inferYear", () => {
  it("counts back from the export date", () => {
    expect(inferYear(4, 12, "2025-04-14")).toBe(2025);
    expect(inferYear(4, 14, "2025-04-14")).toBe(2025);
    expect(inferYear(4, 15, "2025-04-14")).toBe(2024);
    expect(inferYear(12, 30, "2025-01-02")).toBe(2024);
    expect(inferYear(1, 1, "2025-01-02")).toBe(2025);
    expect(inferYear(2, 29, "2025-03-10")).toBe(2024);
  });
});

describe("ids that carry a time", () => {
  it("X snowflakes: (id >> 22) + 1288834974657", () => {
    const latest = Date.UTC(2030, 0, 1);
    expect(new Date(snowflakeMs("1902729338680369728", latest) ?? 0).toISOString()).toBe(
      "2025-03-20T14:30:00.000Z",
    );
    expect(snowflakeMs("20", latest)).toBeNull();
    expect(snowflakeMs("1902729338680369728", Date.UTC(2025, 0, 1))).toBeNull();
  });

  it("TikTok video ids: top 32 bits are Unix seconds", () => {
    expect(new Date(tiktokIdMs("7491699428505358854", Date.UTC(2030, 0, 1)) ?? 0).toISOString()).toBe(
      "2025-04-10T15:00:00.000Z",
    );
    expect(tiktokIdMs("123", Date.UTC(2030, 0, 1))).toBeNull();
  });
});

describe("createLocalDater", () => {
  it("agrees with luxon in zones with odd offsets and daylight saving", () => {
    for (const zone of [
      "America/New_York",
      "Asia/Kathmandu",
      "Australia/Lord_Howe",
      "Pacific/Chatham",
      "Asia/Tokyo",
    ]) {
      const dater = createLocalDater(zone);
      for (let ms = Date.UTC(2015, 0, 1); ms < Date.UTC(2027, 0, 1); ms += 5 * 3_600_000 + 7_919_000) {
        const want = DateTime.fromMillis(ms, { zone }).toISODate();
        if (dater(ms) !== want) expect(`${zone} ${new Date(ms).toISOString()} ${dater(ms)}`).toBe(want);
      }
    }
  });
});

describe("headers", () => {
  it("normalises BOM, quotes, spaces and case", () => {
    expect(normalizeHeader('\uFEFF"Reactions,  Comments and Shares" ')).toBe(
      "reactions, comments and shares",
    );
    expect(normalizeHeader("URL\u00a0Clicks")).toBe("url clicks");
  });

  it("matches renames, keeps duplicated names apart, and lists missing required columns", () => {
    const map = mapColumns(
      ["Date", "Daily New Likes", "Post Link", "Daily New Likes", "Shares"],
      [
        { key: "date", names: ["Date"], required: true },
        { key: "newLikes", names: ["Daily New Likes"] },
        { key: "link", names: ["Link", "Post Link"] },
        { key: "share", names: ["Share", "Shares"] },
        { key: "id", names: ["Post id"], required: true },
      ],
    );
    expect(Object.fromEntries(map.index)).toEqual({ date: 0, newLikes: 1, link: 2, share: 4 });
    expect(map.labels).toEqual(["Date", "Daily New Likes", "Post Link", "Daily New Likes (2)", "Shares"]);
    expect(map.missing).toEqual(["id"]);
  });
});

describe("dateInFileName", () => {
  it("takes the latest date written in the names, not after today", () => {
    expect(dateInFileName(["account_analytics_content_2025-03-01_2025-03-20.csv"], "2026-01-01")).toBe(
      "2025-03-20",
    );
    expect(dateInFileName(["tweet_activity_metrics_x_20250301_20250331_en.csv"], "2026-01-01")).toBe(
      "2025-03-31",
    );
    expect(dateInFileName(["Overview.csv", "tiktok_studio_2025-01-02.zip"], "2026-01-01")).toBe("2025-01-02");
    expect(dateInFileName(["export_2027-01-01.csv"], "2026-01-01")).toBeNull();
    expect(dateInFileName(["Overview.csv", null], "2026-01-01")).toBeNull();
    expect(dateInFileName(["id_120250301999.csv"], "2026-01-01")).toBeNull();
  });
});
