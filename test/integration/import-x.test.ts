import { describe, expect, it } from "vitest";
import { tempDb } from "../helpers/db.ts";
import { daysOf, importFixture, NOW, postsOf, seedRegistry } from "./import-helpers.ts";

const COLLECTED = NOW.toISOString();

describe("X classic tweet activity export", () => {
  it("imports every tweet with its lifetime counts, exact times and local dates", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv");

    expect(report).toMatchObject({
      format: "x_tweet_activity",
      detectedBy: "header",
      handle: { platform: "x", handle: "Embassy_Fr", mission: "washington" },
      firstDate: "2025-03-01",
      lastDate: "2025-03-20",
      rowsRead: 3,
      postsNew: 3,
      postsUpdated: 0,
      skipped: [],
      warnings: [],
    });
    const posts = postsOf(db, ids.x);
    expect(Object.keys(posts)).toHaveLength(3);
    expect(posts["1902729338680369728"]).toMatchObject({
      published_at: "2025-03-20T14:30:00.000Z",
      local_date: "2025-03-20",
      url: "https://twitter.com/Embassy_Fr/status/1902729338680369728",
      caption: "Trade & culture week starts today!\nJoin us at the residence <3",
      impressions: 1938,
      likes: 87,
      comments: 4,
      shares: 12,
      views: 250,
      saves: null,
      counts_as_of: "2025-03-31",
      source: "import:x_tweet_activity",
      collected_at: COLLECTED,
    });
    // 03:15 UTC on 19 March is still 18 March in Washington.
    expect(posts["1902197081502769728"]).toMatchObject({
      published_at: "2025-03-19T03:15:00.000Z",
      local_date: "2025-03-18",
      impressions: 1204,
      likes: 20,
      comments: 0,
      shares: 2,
      views: 0,
    });
    // "-" in media views is unavailable, not 0.
    expect(posts["1895987162772529728"]).toMatchObject({
      published_at: "2025-03-01T23:59:00.000Z",
      local_date: "2025-03-01",
      caption: 'March 1st "quoted" text, with comma',
      impressions: 880,
      likes: 33,
      comments: 3,
      shares: 5,
      views: null,
    });
  });

  it("puts a tweet on the local date of the handle's own mission", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    await importFixture(db, "tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv", {
      handle: "x:FreedoniaJP",
    });
    const posts = postsOf(db, ids.xTokyo);
    // 23:59 UTC on 1 March is 08:59 on 2 March in Tokyo; 03:15 UTC on 19 March is 12:15 there.
    expect(posts["1895987162772529728"]?.local_date).toBe("2025-03-02");
    expect(posts["1902197081502769728"]?.local_date).toBe("2025-03-19");
    expect(Object.keys(postsOf(db, ids.x))).toHaveLength(0);
  });
});

describe("X classic daily export", () => {
  it("imports one day per row with no follower figures", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(
      db,
      "daily_tweet_activity_metrics_Embassy_Fr_20250301_20250303_en.csv",
    );
    expect(report).toMatchObject({
      format: "x_daily_activity",
      handle: { handle: "Embassy_Fr" },
      firstDate: "2025-03-01",
      lastDate: "2025-03-03",
      rowsRead: 3,
      daysAdded: 3,
      warnings: [],
    });
    const days = daysOf(db, ids.x);
    const common = {
      followers: null,
      followers_gained: null,
      followers_lost: null,
      source: "import:x_daily_activity",
      collected_at: COLLECTED,
    };
    expect(days["2025-03-01"]).toEqual({
      handle_id: ids.x,
      date: "2025-03-01",
      posts_published: 1,
      impressions: 880,
      likes: 33,
      comments: 3,
      shares: 5,
      views: 0,
      ...common,
    });
    expect(days["2025-03-02"]).toMatchObject({
      posts_published: 0,
      impressions: 412,
      likes: 2,
      comments: 0,
      shares: 0,
    });
    expect(days["2025-03-03"]).toMatchObject({
      posts_published: 2,
      impressions: 2140,
      likes: 107,
      comments: 4,
      shares: 14,
      views: 250,
    });
  });
});

describe("X Premium content export", () => {
  it("reads the 2025 header (CRLF, `Thu Mar 20 2025`) and times posts from their snowflake ids", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "account_analytics_content_2025-03-01_2025-03-20.csv");
    expect(report).toMatchObject({
      format: "x_premium_content",
      handle: { handle: "Embassy_Fr" },
      postsNew: 3,
      firstDate: "2025-03-01",
      lastDate: "2025-03-20",
    });
    const posts = postsOf(db, ids.x);
    expect(posts["1902197081502769728"]).toMatchObject({
      published_at: "2025-03-19T03:15:00.000Z",
      local_date: "2025-03-18",
      caption: "Late-night note & more",
      url: "https://x.com/Embassy_Fr/status/1902197081502769728",
      impressions: 1250,
      likes: 21,
      saves: 4,
      comments: 1,
      shares: 2,
      views: null,
      counts_as_of: "2025-03-20",
      source: "import:x_premium_content",
    });
    expect(posts["1902729338680369728"]).toMatchObject({
      local_date: "2025-03-20",
      caption: "Trade & culture week starts today!\nJoin us",
      impressions: 2045,
      likes: 90,
      saves: 11,
      comments: 5,
      shares: 13,
    });
    // An empty Reposts cell is unavailable.
    expect(posts["1895987162772529728"]).toMatchObject({
      impressions: 900,
      likes: 34,
      comments: 3,
      shares: null,
    });
  });

  it('reads the 2026 header (`Post Link`, `Shares`, `"Sun, Aug 30, 2026"`)', async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "account_analytics_content_2026-08-01_2026-08-31.csv");
    expect(report).toMatchObject({ postsNew: 2, firstDate: "2026-08-28", lastDate: "2026-08-30" });
    const posts = postsOf(db, ids.x);
    expect(posts["2094092780958769728"]).toMatchObject({
      published_at: "2026-08-30T16:00:00.000Z",
      local_date: "2026-08-30",
      impressions: 15230,
      likes: 402,
      saves: 25,
      comments: 31,
      shares: 44,
      counts_as_of: "2026-08-31",
    });
    expect(posts["2093526549918769728"]).toMatchObject({
      published_at: "2026-08-29T02:30:00.000Z",
      local_date: "2026-08-28",
      impressions: 3100,
    });
  });

  it("updates the posts a classic export already stored, keeping what it does not give", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    await importFixture(db, "tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv");
    const [report] = await importFixture(db, "account_analytics_content_2025-03-01_2025-03-20.csv");
    expect(report).toMatchObject({ postsNew: 0, postsUpdated: 3, postsUnchanged: 0 });
    const post = postsOf(db, ids.x)["1902729338680369728"];
    expect(post).toMatchObject({
      impressions: 2045,
      likes: 90,
      views: 250,
      saves: 11,
      counts_as_of: "2025-03-20",
    });
    // Its empty Reposts cell does not erase the classic export's retweets.
    expect(postsOf(db, ids.x)["1895987162772529728"]).toMatchObject({ shares: 5 });
  });
});

describe("X Premium account overview", () => {
  it("stores new and lost followers, never a follower total, and says so", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const [report] = await importFixture(db, "account_overview_analytics.csv", { handle: "x:Embassy_Fr" });
    expect(report).toMatchObject({
      format: "x_premium_overview",
      firstDate: "2025-03-20",
      lastDate: "2025-03-22",
      daysAdded: 3,
      notes: [],
    });
    expect(report?.warnings).toHaveLength(1);
    expect(report?.warnings[0]).toMatch(/^no follower totals in this file: .*x:Embassy_Fr.* 3 of its 3 day/);
    const days = daysOf(db, ids.x);
    expect(days["2025-03-20"]).toMatchObject({
      followers: null,
      followers_gained: 25,
      followers_lost: 4,
      impressions: 7300,
      likes: 180,
      comments: 12,
      shares: 19,
      posts_published: 3,
      views: 800,
    });
    expect(days["2025-03-21"]).toMatchObject({
      followers: null,
      followers_gained: 14,
      followers_lost: 2,
      impressions: 5400,
    });
    expect(days["2025-03-22"]).toMatchObject({
      followers: null,
      followers_gained: 6,
      followers_lost: 9,
      views: 0,
    });
  });

  it("counts follower totals forward from an API reading the day before", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    db.$client
      .prepare(
        "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(ids.x, "2025-03-19", 10000, "api:x", "2025-03-20T00:00:00Z");
    const [report] = await importFixture(db, "account_overview_analytics.csv", { handle: "x:Embassy_Fr" });
    expect(report?.warnings).toEqual([]);
    expect(report?.notes).toEqual([
      "follower totals counted for 3 day(s) (2025-03-20 to 2025-03-22) from the total stored for 2025-03-19",
    ]);
    const days = daysOf(db, ids.x);
    expect(days["2025-03-19"]?.followers).toBe(10000);
    expect(days["2025-03-20"]?.followers).toBe(10021); // 10000 + 25 - 4
    expect(days["2025-03-21"]?.followers).toBe(10033); // + 14 - 2
    expect(days["2025-03-22"]?.followers).toBe(10030); // + 6 - 9
  });

  it("counts follower totals backward from a later anchor, and keeps the anchor", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    db.$client
      .prepare(
        "INSERT INTO daily_metrics (handle_id, date, followers, source, collected_at) VALUES (?, ?, ?, ?, ?)",
      )
      .run(ids.x, "2025-03-22", 10030, "api:x", "2025-03-23T00:00:00Z");
    await importFixture(db, "account_overview_analytics.csv", { handle: "x:Embassy_Fr" });
    const days = daysOf(db, ids.x);
    expect(days["2025-03-22"]).toMatchObject({ followers: 10030, followers_gained: 6, followers_lost: 9 });
    expect(days["2025-03-21"]?.followers).toBe(10033); // 10030 - (6 - 9)
    expect(days["2025-03-20"]?.followers).toBe(10021); // 10033 - (14 - 2)
    expect(days["2025-03-19"]).toBeUndefined();
  });
});
