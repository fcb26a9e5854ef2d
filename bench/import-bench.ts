import { createWriteStream, existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { openDb } from "../src/db/client.ts";
import { addDays } from "../src/domain/dates.ts";
import { type ImportReport, importFile } from "../src/ingest/import-file.ts";
import { round } from "./stats.ts";

/**
 * A full collection, so that memory freed by the step before (the floor's million rows) is not
 * counted as room the next import grew into. `gc` is exposed to a fresh context only.
 */
function collectGarbage(): void {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
}

/** Import/floor pairs timed per file (`BENCH_IMPORT_RUNS`); the medians are reported. */
const RUNS = Math.max(1, Number(process.env.BENCH_IMPORT_RUNS ?? 3));

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
 * imported by path as `dmd import` does (read a chunk at a time), against the floor of inserting
 * the same rows with one prepared statement in one transaction. Each file is imported and
 * floored `BENCH_IMPORT_RUNS` times (3 by default) and the medians are reported, in wall-clock
 * and in CPU seconds (the CPU figures are steadier on a shared machine).
 *
 * Memory is sampled about once per MB the import reads, after a full collection: the worst run's
 * peak growth of the resident set (`peakRssGrowthMB`, true for the first file only, see
 * {@link MemoryGrowth}) and of the JS heap plus external memory (`peakJsMemoryGrowthMB`). A
 * reader that held the file in memory would show the file's size in both.
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
    const runs: Run[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await timeImportAndFloor(cacheDir, name, path));
    const report = runs[0]?.report;
    const importSeconds = median(runs.map((r) => r.importSeconds));
    const floorSeconds = median(runs.map((r) => r.floor.seconds));
    const importCpu = median(runs.map((r) => r.importCpuSeconds));
    const floorCpu = median(runs.map((r) => r.floor.cpuSeconds));
    result[name] = {
      rows,
      fileMB: round(statSync(path).size / 2 ** 20),
      runs: RUNS,
      importSeconds: round(importSeconds),
      rowsPerSecond: Math.round(rows / importSeconds),
      floorSeconds: round(floorSeconds),
      floorRowsPerSecond: Math.round(rows / floorSeconds),
      ratioToFloor: round(importSeconds / floorSeconds),
      importCpuSeconds: round(importCpu),
      floorCpuSeconds: round(floorCpu),
      cpuRatioToFloor: round(importCpu / floorCpu),
      importSecondsEachRun: runs.map((r) => round(r.importSeconds)),
      floorSecondsEachRun: runs.map((r) => round(r.floor.seconds)),
      peakRssGrowthMB: round(Math.max(...runs.map((r) => r.memory.rss)) / 2 ** 20),
      peakJsMemoryGrowthMB: round(Math.max(...runs.map((r) => r.memory.js)) / 2 ** 20),
      report: report
        ? { daysAdded: report.daysAdded, postsNew: report.postsNew, rowsSkipped: report.rowsSkipped }
        : null,
      aim: "within 2× of the floor, memory flat",
    };
  }
  return result;
}

interface Run {
  importSeconds: number;
  importCpuSeconds: number;
  memory: MemoryGrowth;
  report: ImportReport | undefined;
  floor: { seconds: number; cpuSeconds: number };
}

/** One import of `path`, by path, into a fresh database; then the floor for the rows it stored. */
async function timeImportAndFloor(cacheDir: string, name: string, path: string): Promise<Run> {
  const db = freshDb(cacheDir, `import-${name}`);
  collectGarbage();
  const memory = memorySampler();
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  const [report] = await importFile(db, {
    fileName: path.split("/").pop() ?? name,
    path,
    actor: "console:bench",
    now: new Date("2026-11-27T12:00:00Z"),
    onProgress: (done) => memory.sample(done),
  });
  const importSeconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  const growth = memory.end();
  db.$client.close();
  const floor = floorInsert(cacheDir, name, join(cacheDir, `import-${name}.sqlite`));
  return { importSeconds, importCpuSeconds: (cpu.user + cpu.system) / 1e6, memory: growth, report, floor };
}

/** The most memory an import held over what was held before it (bytes). */
interface MemoryGrowth {
  /**
   * Resident set: everything, SQLite's cache included. Only the first import in a process reads
   * true: later ones grow into pages an earlier step freed but the process kept.
   */
  rss: number;
  /** The JS heap in use plus external memory (Buffers, external strings): a file held whole shows here. */
  js: number;
}

/** Samples memory about once per MB the import reads (sampling is not free). */
function memorySampler() {
  const js = () => {
    const m = process.memoryUsage();
    return m.heapUsed + m.external;
  };
  const rss0 = process.memoryUsage.rss();
  const js0 = js();
  let rss = rss0;
  let jsPeak = js0;
  let last = 0;
  const take = () => {
    rss = Math.max(rss, process.memoryUsage.rss());
    jsPeak = Math.max(jsPeak, js());
  };
  return {
    sample(done: number): void {
      if (done - last < 1 << 20) return;
      last = done;
      take();
    },
    end(): MemoryGrowth {
      take();
      return { rss: rss - rss0, js: jsPeak - js0 };
    },
  };
}

/** The columns the importer writes (see src/ingest/csv/bulk-writer.ts), in its order. */
const FLOOR_COLUMNS = {
  daily_metrics: [
    "handle_id",
    "date",
    "followers",
    "followers_gained",
    "followers_lost",
    "impressions",
    "views",
    "posts_published",
    "likes",
    "comments",
    "shares",
    "source",
    "collected_at",
  ],
  posts: [
    "handle_id",
    "external_id",
    "published_at",
    "local_date",
    "url",
    "type",
    "caption",
    "likes",
    "comments",
    "shares",
    "saves",
    "views",
    "impressions",
    "counts_as_of",
    "source",
    "collected_at",
  ],
} as const;

/**
 * The floor: the very rows the import stored (every column it writes, same values, same order),
 * read back into memory first, then inserted into a fresh database of the same schema with one
 * prepared INSERT in one transaction. Only the insert is timed.
 */
function floorInsert(
  cacheDir: string,
  name: string,
  importedPath: string,
): { seconds: number; cpuSeconds: number } {
  const table = name === "xDaily1M" ? "daily_metrics" : "posts";
  const columns = FLOOR_COLUMNS[table];
  const imported = openDb(importedPath);
  const values = imported.$client
    .prepare(`SELECT ${columns.join(", ")} FROM ${table} ORDER BY rowid`)
    .raw()
    .all() as unknown[][];
  imported.$client.close();
  const db = freshDb(cacheDir, `floor-${name}`);
  const sql = db.$client;
  const stmt = sql.prepare(
    `INSERT INTO ${table} (${columns.join(", ")}) VALUES (${columns.map(() => "?").join(", ")})`,
  );
  const cpuStart = process.cpuUsage();
  const start = process.hrtime.bigint();
  sql.transaction(() => {
    for (const v of values) stmt.run(...v);
  })();
  const seconds = Number(process.hrtime.bigint() - start) / 1e9;
  const cpu = process.cpuUsage(cpuStart);
  sql.close();
  return { seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

function median(xs: number[]): number {
  const sorted = [...xs].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}
