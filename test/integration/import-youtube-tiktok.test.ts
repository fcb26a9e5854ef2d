import { describe, expect, it } from "vitest";
import { importFile } from "../../src/ingest/import-file.ts";
import { tempDb } from "../helpers/db.ts";
import { daysOf, importFixture, makeZip, NOW, postsOf, seedRegistry } from "./import-helpers.ts";

const YT_ZIP = "Content 2024-10-01_2024-10-03 FreedoniaEmbassyUS.zip";

describe("YouTube Studio zip", () => {
  it("imports Table data.csv (Total row, leading-space id, empty cells), skips split Chart data, reads Totals", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const reports = await importFixture(db, YT_ZIP);
    expect(reports.map((r) => [r.fileName, r.format])).toEqual([
      [`${YT_ZIP} › Table data.csv`, "youtube_table"],
      [`${YT_ZIP} › Chart data.csv`, "youtube_chart"],
      [`${YT_ZIP} › Totals.csv`, "youtube_totals"],
    ]);
    // The channel comes from the zip's name.
    expect(reports[0]?.handle).toEqual({
      platform: "youtube",
      handle: "FreedoniaEmbassyUS",
      mission: "washington",
    });
    expect(reports[0]).toMatchObject({
      rowsRead: 4,
      postsNew: 2,
      rowsSkipped: 2,
      skipped: [
        { line: 2, reason: "Total row" },
        { line: 5, reason: "video zzOLDvideo1 has no publish date" },
      ],
    });
    const posts = postsOf(db, ids.youtube);
    expect(Object.keys(posts)).toEqual(["-abc123XYZ_", "dQw4w9WgXcQ"]);
    expect(posts.dQw4w9WgXcQ).toMatchObject({
      published_at: null,
      local_date: "2024-09-27",
      url: "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
      caption: "Ambassador's address",
      views: 12000,
      likes: 500,
      comments: 40,
      shares: 22,
      impressions: 150000,
      counts_as_of: "2024-10-03",
      source: "import:youtube_table",
    });
    expect(posts["-abc123XYZ_"]).toMatchObject({
      local_date: "2024-10-03",
      views: 8010,
      likes: 300,
      comments: 21,
      shares: null,
    });

    expect(reports[1]?.warnings[0]).toMatch(
      /^nothing imported from this file: it is split by Content, Video title/,
    );
    // Subscribers is a net change: without a stored total there is nothing to count from.
    expect(reports[2]).toMatchObject({
      rowsRead: 3,
      daysAdded: 0,
      firstDate: "2024-10-01",
      lastDate: "2024-10-03",
    });
    expect(reports[2]?.warnings[0]).toMatch(/^no follower totals in this file: .* 3 of its 3 day/);
    expect(daysOf(db, ids.youtube)).toEqual({});
  });

  it("counts subscriber totals from net changes when a total is stored the day before", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    db.$client
      .prepare(
        "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(ids.youtube, "2024-09-30", 1000, "api:youtube", "2024-10-01T00:00:00Z");
    const reports = await importFixture(db, YT_ZIP);
    expect(reports[2]?.warnings).toEqual([]);
    expect(reports[2]?.notes).toEqual([
      "follower totals counted for 3 day(s) (2024-10-01 to 2024-10-03) from the total stored for 2024-09-30",
    ]);
    const days = daysOf(db, ids.youtube);
    expect(days["2024-10-01"]).toMatchObject({
      followers: 1005,
      followers_gained: null,
      source: "import:youtube_totals",
    });
    expect(days["2024-10-02"]?.followers).toBe(1003);
    expect(days["2024-10-03"]?.followers).toBe(1010);
  });

  it("reads a re-saved Totals file with 1/1/2022 dates and 1,204", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "Totals-views-resaved.csv", {
      handle: "youtube:FreedoniaEmbassyUS",
    });
    expect(report).toMatchObject({ format: "youtube_totals", daysAdded: 2, rowsSkipped: 1 });
    const days = daysOf(db, ids.youtube);
    expect(days["2022-01-01"]).toMatchObject({ views: 1204, followers: null });
    expect(days["2022-01-02"]).toMatchObject({ views: 980 });
    expect(days["2022-01-03"]).toBeUndefined();
  });
});

describe("TikTok Studio exports", () => {
  it("infers the year of Overview dates from the import date, across New Year", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "Overview.csv", { handle: "tiktok:freedonia_usa" });
    expect(report).toMatchObject({
      format: "tiktok_overview",
      firstDate: "2025-12-30",
      lastDate: "2026-01-02",
      daysAdded: 4,
    });
    expect(report?.warnings[0]).toMatch(/^no follower totals in this file/);
    const days = daysOf(db, ids.tiktok);
    expect(days["2025-12-30"]).toMatchObject({
      views: 1200,
      likes: 300,
      comments: 12,
      shares: 5,
      followers_gained: 8,
      followers_lost: null,
      followers: null,
    });
    expect(days["2025-12-31"]).toMatchObject({ views: 900, followers_gained: -2 });
    expect(days["2026-01-01"]).toMatchObject({ views: 1500, likes: 410, shares: 11 });
    // Daily changes can be negative.
    expect(days["2026-01-02"]).toMatchObject({
      views: 800,
      likes: -3,
      comments: 4,
      shares: 0,
      followers_gained: 4,
    });
  });

  it("takes the year from a date in the file name, and reads Spanish dates", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "Overview_es_2025-03-10.csv", {
      handle: "tiktok:freedonia_usa",
    });
    expect(report).toMatchObject({
      firstDate: "2025-03-07",
      lastDate: "2025-03-08",
      daysAdded: 2,
      warnings: [],
    });
    expect(daysOf(db, ids.tiktok)["2025-03-07"]).toMatchObject({
      views: 510,
      likes: 41,
      comments: 2,
      shares: 1,
      followers_gained: null,
    });
    expect(daysOf(db, ids.tiktok)["2025-03-08"]).toMatchObject({
      views: 620,
      likes: 52,
      comments: 3,
      shares: 0,
    });
  });

  it("imports Content.csv, with the account from the video links and times from the video ids", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "Content.csv");
    expect(report).toMatchObject({
      format: "tiktok_content",
      handle: { handle: "freedonia_usa" },
      postsNew: 2,
    });
    const posts = postsOf(db, ids.tiktok);
    expect(posts["7491699428505358854"]).toMatchObject({
      published_at: "2025-04-10T15:00:00.000Z",
      local_date: "2025-04-10",
      url: "https://www.tiktok.com/@freedonia_usa/video/7491699428505358854",
      caption: "Spring in Freedonia",
      likes: 1024,
      comments: 33,
      shares: 12,
      views: 20500,
      counts_as_of: "2026-11-28",
    });
    expect(posts["7492232863443522054"]).toMatchObject({
      published_at: "2025-04-12T01:30:00.000Z",
      local_date: "2025-04-11",
      likes: 410,
      comments: null,
      shares: 7,
      views: 9800,
    });
  });

  it("imports a zip: follower history first, then overview changes counted from it; stray files ignored", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const reports = await importFixture(db, "tiktok_studio_2025-01-02.zip", {
      handle: "tiktok:freedonia_usa",
    });
    expect(reports.map((r) => r.format)).toEqual(["tiktok_followers", "tiktok_overview"]);
    expect(reports[0]?.warnings).toEqual(["not imported (format not recognised): Viewers.csv"]);
    expect(reports[1]?.warnings).toEqual([]);
    expect(reports[1]?.notes).toEqual([
      "follower totals counted for 2 day(s) (2025-01-01 to 2025-01-02) from the total stored for 2024-12-31",
    ]);
    const days = daysOf(db, ids.tiktok);
    expect(days["2024-12-30"]).toMatchObject({ followers: 5008, followers_gained: 8, views: 1200 });
    expect(days["2024-12-31"]).toMatchObject({ followers: 5006, followers_gained: -2 });
    expect(days["2025-01-01"]).toMatchObject({ followers: 5021, views: 1500 });
    expect(days["2025-01-02"]).toMatchObject({ followers: 5025, views: 800 });
  });

  it("takes the handle for a whole zip from the one file that names it", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const bytes = makeZip({
      "Overview.csv":
        '\uFEFF"Date","Video Views","Profile Views","Likes","Comments","Shares"\n"March 1","10","1","2","0","0"\n',
      "Content.csv":
        '"Time","Video title","Video link","Post time","Total likes","Total comments","Total shares","Total views"\n' +
        '"x","Hi","https://www.tiktok.com/@freedonia_usa/video/7491699428505358854","2025-04-10 11:00:00","5","1","0","50"\n',
      "__MACOSX/._Overview.csv": "junk",
    });
    const reports = await importFile(db, {
      fileName: "export_2025-04-14.zip",
      bytes,
      actor: "console:local",
      now: NOW,
    });
    // Files that can only give follower changes come last, after any that give totals.
    expect(reports.map((r) => [r.format, r.handle.handle])).toEqual([
      ["tiktok_content", "freedonia_usa"],
      ["tiktok_overview", "freedonia_usa"],
    ]);
    expect(daysOf(db, ids.tiktok)["2025-03-01"]).toMatchObject({ views: 10, likes: 2 });
    expect(postsOf(db, ids.tiktok)["7491699428505358854"]).toMatchObject({ likes: 5, views: 50 });
  });
});
