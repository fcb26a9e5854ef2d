import { describe, expect, it } from "vitest";
import { tempDb } from "../helpers/db.ts";
import { daysOf, dumpAll, importFixture, NOW, postsOf, seedRegistry } from "./import-helpers.ts";

describe("Meta Business Suite Facebook content export", () => {
  it("reads BOM, Lifetime, N/A and 1,234, finds the Page by its id, and maps Reactions to likes", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "facebook-content-mar-2025.csv");
    expect(report).toMatchObject({
      format: "facebook_content",
      detectedBy: "header",
      handle: { platform: "facebook", handle: "FreedoniaInUSA", mission: "washington" },
      rowsRead: 2,
      postsNew: 2,
      firstDate: "2025-03-05",
      lastDate: "2025-03-10",
      warnings: [],
    });
    const posts = postsOf(db, ids.facebook);
    // Publish time is read in Washington time: 18:30 EST = 23:30 UTC.
    expect(posts["104857600123456_900000000000001"]).toMatchObject({
      published_at: "2025-03-05T23:30:00.000Z",
      local_date: "2025-03-05",
      url: "https://www.facebook.com/104857600123456/posts/900000000000001",
      type: "Photos",
      caption: "Independence Day reception, tonight",
      views: 12345,
      impressions: null,
      likes: 1234,
      comments: 98,
      shares: 70,
      saves: null,
      counts_as_of: "2026-11-28",
      source: "import:facebook_content",
    });
    // After the switch to summer time (9 March): 00:15 EDT = 04:15 UTC; N/A is unavailable.
    expect(posts["104857600123456_900000000000002"]).toMatchObject({
      published_at: "2025-03-10T04:15:00.000Z",
      local_date: "2025-03-10",
      type: "Reels",
      caption: "Video: the ambassador's visit",
      views: null,
      likes: 40,
      comments: 5,
      shares: null,
    });
  });

  it("reads an older file (Impressions instead of Views, other casing) and merges into stored posts", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    await importFixture(db, "facebook-content-mar-2025.csv");
    const [report] = await importFixture(db, "facebook-content-old.csv");
    expect(report).toMatchObject({ format: "facebook_content", postsNew: 0, postsUpdated: 1 });
    expect(postsOf(db, ids.facebook)["104857600123456_900000000000001"]).toMatchObject({
      impressions: 15000,
      views: 12345,
      likes: 1150,
      comments: 90,
      shares: 60,
    });
  });
});

describe("Meta Business Suite Instagram content export", () => {
  it("imports posts with likes, comments, shares and saves", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "instagram-content-apr-2025.csv");
    expect(report).toMatchObject({
      format: "instagram_content",
      handle: { platform: "instagram", handle: "freedonia.usa" },
      postsNew: 2,
    });
    const posts = postsOf(db, ids.instagram);
    expect(posts["18050000000000001"]).toMatchObject({
      published_at: "2025-04-01T13:00:00.000Z",
      local_date: "2025-04-01",
      type: "IG carousel",
      caption: "Spring festival 🌸 #Freedonia",
      url: "https://www.instagram.com/p/DABCDEF1/",
      views: 4210,
      likes: 356,
      shares: 12,
      comments: 21,
      saves: 30,
    });
    expect(posts["18050000000000002"]).toMatchObject({
      published_at: "2025-04-03T03:30:00.000Z",
      local_date: "2025-04-02",
      type: "IG reel",
      views: 10400,
      likes: 700,
      shares: 45,
      comments: 33,
      saves: 61,
    });
  });
});

describe("Meta Business Suite page-level files (UTF-16 LE, sep=, title line)", () => {
  it("imports Views.csv by its title line; an empty value adds nothing", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "Views.csv", { handle: "facebook:FreedoniaInUSA" });
    expect(report).toMatchObject({
      format: "meta_page_metric",
      detectedBy: "preamble",
      rowsRead: 3,
      daysAdded: 2,
      rowsSkipped: 1,
      skipped: [{ line: 6, reason: "no values in this row" }],
      notes: ["read as UTF-16 LE with BOM"],
    });
    const days = daysOf(db, ids.facebook);
    expect(Object.keys(days)).toEqual(["2025-08-01", "2025-08-02"]);
    expect(days["2025-08-01"]).toMatchObject({
      views: 67753,
      followers: null,
      impressions: null,
      source: "import:meta_page_metric",
    });
    expect(days["2025-08-02"]).toMatchObject({ views: 71002 });
  });

  it("imports Follows.csv as new followers, warns that there are no totals, and works for Instagram too", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "Follows.csv", { handle: "instagram:freedonia.usa" });
    expect(report?.warnings[0]).toMatch(/^no follower totals in this file/);
    expect(daysOf(db, ids.instagram)["2025-08-01"]).toMatchObject({
      followers_gained: 12,
      followers_lost: null,
      followers: null,
    });
    expect(daysOf(db, ids.instagram)["2025-08-02"]).toMatchObject({ followers_gained: 9 });
  });

  it("reads a metric it does not store (Reach) as nothing to import, and changes nothing", async () => {
    const db = tempDb();
    seedRegistry(db);
    const before = dumpAll(db);
    const [report] = await importFixture(db, "Reach.csv", { handle: "facebook:FreedoniaInUSA" });
    expect(report?.warnings).toEqual([
      'nothing imported from this file: "Reach" is not a metric the dashboard stores (it keeps Views, Impressions, Follows, Unfollows and Followers)',
    ]);
    expect(dumpAll(db)).toBe(before);
  });
});

describe("legacy Facebook Page Insights exports", () => {
  it("reads the page-level file: Windows-1252, description row, duplicated columns, 8/24/2014 dates", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "facebook_page_insights_2014.csv", {
      handle: "facebook:FreedoniaInUSA",
    });
    expect(report).toMatchObject({
      format: "facebook_legacy_page",
      rowsRead: 4,
      daysAdded: 3,
      skipped: [{ line: 2, reason: "description row" }],
      notes: ["read as Windows-1252"],
      warnings: [],
    });
    const days = daysOf(db, ids.facebook);
    // The second "Daily New Likes" column (999…) is kept apart and not read.
    expect(days["2014-08-24"]).toMatchObject({
      followers: 10512,
      followers_gained: 25,
      followers_lost: 3,
      impressions: 12000,
    });
    expect(days["2014-08-25"]).toMatchObject({
      followers: 10530,
      followers_gained: 21,
      followers_lost: 3,
      impressions: 11000,
    });
    expect(days["2014-08-26"]).toMatchObject({
      followers: 10541,
      followers_gained: 12,
      followers_lost: 1,
      impressions: null,
    });
  });

  it("reads the post-level file: BOM, description row, zone-less Posted times read as Pacific", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(
      db,
      "Facebook Insights Data Export (Post) - Embassy of Freedonia - 2016-02-20.csv",
    );
    expect(report).toMatchObject({
      format: "facebook_legacy_posts",
      handle: { handle: "FreedoniaInUSA" },
      postsNew: 2,
      skipped: [{ line: 2, reason: "description row" }],
    });
    const posts = postsOf(db, ids.facebook);
    expect(posts["104857600123456_10153000000000001"]).toMatchObject({
      published_at: "2016-02-14T08:40:16.000Z",
      local_date: "2016-02-14",
      type: "Photo",
      caption: "Happy Valentine's Day from the Embassy! ❤",
      impressions: 5200,
      likes: 150,
      comments: 11,
      shares: 16,
      counts_as_of: "2016-02-20",
    });
    // 4:05 PM Pacific = 00:05 UTC the next day = 19:05 in Washington.
    expect(posts["104857600123456_10153000000000002"]).toMatchObject({
      published_at: "2016-02-16T00:05:00.000Z",
      local_date: "2016-02-15",
      likes: 28,
      comments: 2,
      shares: 1,
      impressions: 1500,
    });
  });
});

it("records each import in the ledger with its counts, actor and time", async () => {
  const db = tempDb();
  const ids = seedRegistry(db);
  await importFixture(db, "facebook-content-mar-2025.csv", { actor: "slack:U123" });
  const rows = db.$client.prepare("SELECT * FROM imports").all();
  expect(rows).toEqual([
    expect.objectContaining({
      file_name: "facebook-content-mar-2025.csv",
      format: "facebook_content",
      handle_id: ids.facebook,
      first_date: "2025-03-05",
      last_date: "2025-03-10",
      rows_read: 2,
      posts_new: 2,
      posts_updated: 0,
      days_added: 0,
      days_updated: 0,
      rows_skipped: 0,
      actor: "slack:U123",
      at: NOW.toISOString(),
    }),
  ]);
  expect((rows[0] as { file_hash: string }).file_hash).toMatch(/^[0-9a-f]{64}$/);
});
