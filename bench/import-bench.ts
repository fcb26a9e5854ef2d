import { createWriteStream, existsSync, mkdirSync, readFileSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { openDb } from "../src/db/client.ts";
import { addDays } from "../src/domain/dates.ts";
import { importFile } from "../src/ingest/import-file.ts";
import { round } from "./stats.ts";

const DAILY_HEADER = [
  "Date",
  "Tweets published",
  ...[
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
  ],
];
const METRICS = DAILY_HEADER.slice(2);
const FULL_DAILY_HEADER = [...DAILY_HEADER, ...METRICS.map((m) => `promoted ${m}`)];
const TWEET_HEADER = [
  "Tweet id",
  "Tweet permalink",
  "Tweet text",
  "time",
  ...METRICS,
  ...METRICS.map((m) => `promoted ${m}`),
];

const quote = (v: string | number) => `"${v}"`;

async function writeLines(
  path: string,
  header: string[],
  rows: number,
  row: (i: number) => (string | number)[],
) {
  if (existsSync(path)) return;
  const partial = `${path}.partial`;
  const out = createWriteStream(partial);
  out.write(`${header.map(quote).join(",")}\n`);
  for (let i = 0; i < rows; i++) {
    if (!out.write(`${row(i).map(quote).join(",")}\n`))
      await new Promise<void>((r) => out.once("drain", () => r()));
  }
  await new Promise<void>((resolve) => out.end(resolve));
  renameSync(partial, path);
}

function freshDb(dir: string, name: string) {
  const path = join(dir, `${name}.sqlite`);
  for (const suffix of ["", "-wal", "-shm"]) rmSync(path + suffix, { force: true });
  const db = openDb(path);
  db.$client.exec(`INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend)
    VALUES ('bench', 'Bench Embassy', 'embassy', 'C', 'C', 'Europe', 'Europe/Paris', 'sat-sun');
    INSERT INTO handles (mission_id, platform, handle) VALUES (1, 'x', 'BenchEmbassy');`);
  return db;
}

/**
 * Import throughput: a 1,000,000-row X daily-style export and a 200,000-post X tweet export,
 * against the floor of inserting the same rows with one prepared statement in one transaction.
 */
export async function runImportBench(cacheDir: string): Promise<object> {
  mkdirSync(cacheDir, { recursive: true });
  const dailyPath = join(cacheDir, "daily_tweet_activity_metrics_BenchEmbassy_20000101_47371231_en.csv");
  const tweetPath = join(cacheDir, "tweet_activity_metrics_BenchEmbassy_20250101_20251231_en.csv");
  // A million distinct days is ~2,700 years: the benchmark file walks forward from 1500.
  await writeLines(dailyPath, FULL_DAILY_HEADER, 1_000_000, (i) => [
    addDays("1500-01-01", i),
    i % 3,
    ...METRICS.map((_, k) => (k === 2 ? "0.05" : (i * 7 + k) % 997)),
    ...METRICS.map(() => 0),
  ]);
  const base = 1_800_000_000_000_000_000n;
  await writeLines(tweetPath, TWEET_HEADER, 200_000, (i) => {
    const id = (base + BigInt(i) * 4_194_304_000n).toString();
    const minute = i % (365 * 24 * 60);
    const at = new Date(Date.UTC(2025, 0, 1) + minute * 60_000).toISOString();
    return [
      id,
      `https://twitter.com/BenchEmbassy/status/${id}`,
      `Post number ${i} &amp; more`,
      `${at.slice(0, 10)} ${at.slice(11, 16)} +0000`,
      ...METRICS.map((_, k) => (k === 2 ? "0.01" : `${(i + k) % 500}.0`)),
      ...METRICS.map(() => "-"),
    ];
  });

  const result: Record<string, unknown> = {};
  for (const [name, path, rows] of [
    ["xDaily1M", dailyPath, 1_000_000],
    ["xTweets200k", tweetPath, 200_000],
  ] as const) {
    const bytes = readFileSync(path);
    const db = freshDb(cacheDir, `import-${name}`);
    const rssBefore = process.memoryUsage().rss;
    const start = process.hrtime.bigint();
    const [report] = await importFile(db, {
      fileName: path.split("/").pop() ?? name,
      bytes,
      actor: "console:bench",
      now: new Date("2026-11-27T12:00:00Z"),
    });
    const importSeconds = Number(process.hrtime.bigint() - start) / 1e9;
    const rssAfter = process.memoryUsage().rss;
    db.$client.close();
    const floorSeconds = floorInsert(cacheDir, name, rows, name === "xDaily1M");
    result[name] = {
      rows,
      fileMB: round(bytes.length / 2 ** 20),
      importSeconds: round(importSeconds),
      rowsPerSecond: Math.round(rows / importSeconds),
      floorSeconds: round(floorSeconds),
      floorRowsPerSecond: Math.round(rows / floorSeconds),
      ratioToFloor: round(importSeconds / floorSeconds),
      rssGrowthMB: round((rssAfter - rssBefore) / 2 ** 20),
      report: report
        ? { daysAdded: report.daysAdded, postsNew: report.postsNew, rowsSkipped: report.rowsSkipped }
        : null,
      aim: "within 2× of the floor, memory flat",
    };
  }
  return result;
}

/** The floor: the same rows through one prepared INSERT in one transaction, values precomputed. */
function floorInsert(cacheDir: string, name: string, rows: number, daily: boolean): number {
  const db = freshDb(cacheDir, `floor-${name}`);
  const sql = db.$client;
  const stmt = daily
    ? sql.prepare(
        "INSERT INTO daily_metrics (handle_id, date, impressions, posts_published, likes, comments, shares, source, collected_at) VALUES (1, ?, ?, ?, ?, ?, ?, 'floor', 'now')",
      )
    : sql.prepare(
        "INSERT INTO posts (handle_id, external_id, published_at, local_date, url, caption, likes, comments, shares, impressions, counts_as_of, source, collected_at) VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-11-27', 'floor', 'now')",
      );
  const values = Array.from({ length: rows }, (_, i) =>
    daily
      ? [addDays("1500-01-01", i), i, i % 3, i % 997, i % 991, i % 983]
      : [
          `id${i}`,
          "2025-01-01T00:00:00.000Z",
          "2025-01-01",
          `https://twitter.com/x/status/${i}`,
          `Post ${i}`,
          i % 500,
          i % 499,
          i % 498,
          i % 497,
        ],
  );
  const start = process.hrtime.bigint();
  sql.transaction(() => {
    for (const v of values) stmt.run(...v);
  })();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  sql.close();
  return seconds;
}
