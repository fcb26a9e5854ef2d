import { describe, expect, it } from "vitest";
import { isUserError } from "../../src/core/errors.ts";
import { importFile } from "../../src/ingest/import-file.ts";
import { tempDb } from "../helpers/db.ts";
import { daysOf, dumpAll, fixture, NOW, postsOf, seedRegistry } from "./import-helpers.ts";

const BASE = [
  "impressions",
  "engagements",
  "engagement rate",
  "retweets",
  "replies",
  "likes",
  "user profile clicks",
  "url clicks",
  "hashtag clicks",
  "detail expands",
  "permalink clicks",
  "app opens",
  "app installs",
  "follows",
  "email tweet",
  "dial phone",
  "media views",
  "media engagements",
];
const X_EPOCH = 1288834974657n;

/** A classic tweet export of `n` tweets, ten minutes apart from 2024-01-01, each text on two lines. */
function bigTweetExport(n: number, badLast = false): Buffer {
  const header = [
    "Tweet id",
    "Tweet permalink",
    "Tweet text",
    "time",
    ...BASE,
    ...BASE.map((b) => `promoted ${b}`),
  ];
  const lines = [header.map((h) => `"${h}"`).join(",")];
  for (let i = 0; i < n; i++) {
    const ms = Date.UTC(2024, 0, 1) + i * 600_000;
    const id = ((BigInt(ms) - X_EPOCH) << 22n).toString();
    const time = `${new Date(ms).toISOString().slice(0, 16).replace("T", " ")} +0000`;
    const counts = BASE.map((_, j) => `${(i + j) % 997}.0`);
    if (badLast && i === n - 1) counts[5] = "many";
    const cells = [
      id,
      `https://twitter.com/Embassy_Fr/status/${id}`,
      `Tweet ${i}, "quoted"\nsecond line &amp; more`,
      time,
      ...counts,
    ];
    for (let j = 0; j < 18; j++) cells.push("-");
    lines.push(cells.map((c) => `"${c.replace(/"/g, '""')}"`).join(","));
  }
  return Buffer.from(`${lines.join("\n")}\n`);
}

describe("a file larger than one read chunk", () => {
  it("imports every row across chunk boundaries with the right values", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const bytes = bigTweetExport(12_000);
    expect(bytes.length).toBeGreaterThan(3 << 20);
    const progress: number[] = [];
    const [report] = await importFile(db, {
      fileName: "tweet_activity_metrics_Embassy_Fr_20240101_20240224_en.csv",
      bytes,
      actor: "console:local",
      now: NOW,
      onProgress: (done) => progress.push(done),
    });
    expect(report).toMatchObject({
      rowsRead: 12_000,
      postsNew: 12_000,
      firstDate: "2023-12-31",
      lastDate: "2024-03-24",
    });
    expect(progress.length).toBeGreaterThan(3);
    const n = db.$client
      .prepare("SELECT COUNT(*) AS n, SUM(likes) AS likes FROM posts WHERE handle_id = ?")
      .get(ids.x);
    // likes of tweet i = (i + 5) % 997
    let likes = 0;
    for (let i = 0; i < 12_000; i++) likes += (i + 5) % 997;
    expect(n).toEqual({ n: 12_000, likes });
    const last = db.$client
      .prepare("SELECT * FROM posts WHERE handle_id = ? ORDER BY published_at DESC LIMIT 1")
      .get(ids.x) as Record<string, unknown>;
    expect(last).toMatchObject({
      published_at: "2024-03-24T07:50:00.000Z",
      local_date: "2024-03-24",
      caption: 'Tweet 11999, "quoted"\nsecond line & more',
      impressions: 11999 % 997,
      likes: (11999 + 5) % 997,
      comments: (11999 + 4) % 997,
      shares: (11999 + 3) % 997,
    });
  });

  it("names the right physical line for a bad cell at its end, and writes nothing", async () => {
    const db = tempDb();
    seedRegistry(db);
    const before = dumpAll(db);
    try {
      await importFile(db, {
        fileName: "tweet_activity_metrics_Embassy_Fr_20240101_20240224_en.csv",
        bytes: bigTweetExport(12_000, true),
        actor: "console:local",
        now: NOW,
      });
      expect.unreachable();
    } catch (err) {
      if (!isUserError(err)) throw err;
      // Header on line 1, then two lines per tweet: tweet i (from 0) starts on line 2 + 2i, so the last on 24,000.
      expect(err.message).toBe(
        'tweet_activity_metrics_Embassy_Fr_20240101_20240224_en.csv, line 24000, column "likes": expected a whole number, found "many".',
      );
    }
    expect(dumpAll(db)).toBe(before);
  });
});

describe("X details", () => {
  it("adds quotes to reposts, and falls back to the Date column when an id is not a snowflake", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const csv =
      "Post id,Date,Post text,Link,Impressions,Likes,Replies,Reposts,Quotes\n" +
      "1902729338680369728,Thu Mar 20 2025,a,https://x.com/Embassy_Fr/status/1902729338680369728,100,10,2,3,4\n" +
      "123456,Wed Mar 19 2025,old,,50,5,1,,\n";
    const [report] = await importFile(db, {
      fileName: "account_analytics_content_2025-03-19_2025-03-20.csv",
      bytes: Buffer.from(csv),
      actor: "console:local",
      now: NOW,
    });
    expect(report).toMatchObject({ postsNew: 2 });
    const posts = postsOf(db, ids.x);
    expect(posts["1902729338680369728"]).toMatchObject({ shares: 7, comments: 2 });
    expect(posts["123456"]).toMatchObject({ published_at: null, local_date: "2025-03-19", shares: null });
  });
});

describe("Meta details", () => {
  it("skips per-day rows of a content export (only Lifetime rows are counts to keep)", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    const text = fixture("facebook-content-mar-2025.csv")
      .toString("utf8")
      .replace(",Lifetime,N/A,", ",2025-03-10,N/A,");
    const [report] = await importFile(db, {
      fileName: "facebook-content.csv",
      bytes: Buffer.from(text),
      actor: "console:local",
      now: NOW,
    });
    expect(report).toMatchObject({
      postsNew: 1,
      skipped: [{ line: 3, reason: "a per-day row (2025-03-10): only Lifetime rows are imported" }],
    });
    expect(Object.keys(postsOf(db, ids.facebook))).toEqual(["104857600123456_900000000000001"]);
  });

  it("does not let an export's empty cells erase what the API stored", async () => {
    const db = tempDb();
    const ids = seedRegistry(db);
    db.$client
      .prepare(
        "INSERT INTO daily_metrics (handle_id, date, followers, views, source, collected_at) VALUES (?, ?, ?, ?, ?, ?)",
      )
      .run(ids.facebook, "2025-08-03", 4200, 999, "api:facebook", "2025-08-04T00:00:00Z");
    await importFile(db, {
      fileName: "Views.csv",
      bytes: fixture("Views.csv"),
      handle: "facebook:FreedoniaInUSA",
      actor: "console:local",
      now: NOW,
    });
    expect(daysOf(db, ids.facebook)["2025-08-03"]).toMatchObject({
      followers: 4200,
      views: 999,
      source: "api:facebook",
    });
    expect(daysOf(db, ids.facebook)["2025-08-01"]).toMatchObject({ views: 67753 });
  });
});
