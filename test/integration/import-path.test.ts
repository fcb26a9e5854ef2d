import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { isUserError } from "../../src/core/errors.ts";
import type { Db } from "../../src/db/client.ts";
import { type ImportReport, type ImportRequest, importFile } from "../../src/ingest/import-file.ts";
import { tempDb } from "../helpers/db.ts";
import { dumpAll, FIXTURES, fixture, NOW, seedRegistry } from "./import-helpers.ts";

/** The tables an import writes (two seeded databases differ only in their creation times). */
function imported(db: Db): string {
  return ["daily_metrics", "posts", "imports"]
    .map((t) => JSON.stringify(db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()))
    .join("\n");
}

// `dmd import` passes a path, read a chunk at a time; chat uploads pass bytes. Both must import
// the same way.

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempFile(name: string, bytes: Uint8Array | string): string {
  const dir = mkdtempSync(join(tmpdir(), "dmd-import-path-"));
  dirs.push(dir);
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

type Outcome = { reports: ImportReport[] } | { error: string; code: string; hints: string[] };

async function outcome(db: Db, request: ImportRequest): Promise<Outcome> {
  try {
    return { reports: await importFile(db, request) };
  } catch (err) {
    if (!isUserError(err)) throw err;
    return { error: err.message, code: err.code, hints: err.hints };
  }
}

const base = { actor: "console:local", now: NOW };

const DAILY_HEADER =
  '"Date","Tweets published","impressions","engagements","engagement rate","retweets","replies","likes","media views"\n';
const DAILY_NAME = "daily_tweet_activity_metrics_Embassy_Fr_19500101_20251231_en.csv";

/** An X daily export of `days` days from 1950 (a few MB: several read chunks). */
function bigDaily(days: number, edit?: (row: string[], i: number) => void): string {
  const lines = [DAILY_HEADER];
  const start = Date.UTC(1950, 0, 1);
  for (let i = 0; i < days; i++) {
    const date = new Date(start + i * 86_400_000).toISOString().slice(0, 10);
    // An unread cell with an accent now and then: those chunks go through the UTF-8 decoder.
    const rate = i % 9000 === 4500 ? "0,5 é" : "0.05";
    const row = [date, String(i % 3), `${(i * 7) % 997}.0`, "12", rate, "1", "2", String(i % 50), "-"];
    edit?.(row, i);
    lines.push(`${row.map((c) => `"${c}"`).join(",")}\n`);
  }
  return lines.join("");
}

describe("import by path", () => {
  it("gives the same reports, errors and rows as importing the bytes, for every fixture", async () => {
    const names = readdirSync(FIXTURES).filter((n) => /\.(csv|zip)$/i.test(n));
    expect(names.length).toBeGreaterThan(15);
    let succeeded = 0;
    for (const name of names) {
      for (const handle of [
        undefined,
        "x:Embassy_Fr",
        "youtube:FreedoniaEmbassyUS",
        "facebook:FreedoniaInUSA",
      ]) {
        const byBytes = tempDb();
        const byPath = tempDb();
        seedRegistry(byBytes);
        seedRegistry(byPath);
        const request = { ...base, fileName: name, handle };
        const a = await outcome(byBytes, { ...request, bytes: fixture(name) });
        const b = await outcome(byPath, { ...request, path: join(FIXTURES, name) });
        expect({ name, handle, outcome: b }).toEqual({ name, handle, outcome: a });
        if ("reports" in b) succeeded++;
        expect(imported(byPath)).toBe(imported(byBytes));
      }
    }
    expect(succeeded).toBeGreaterThan(20);
  });

  it("reads a file of many chunks (ASCII and not) as the bytes, with progress to the end", async () => {
    const text = bigDaily(64_000);
    expect(text.length).toBeGreaterThan(3 << 20);
    const path = tempFile(DAILY_NAME, text);
    const byBytes = tempDb();
    const byPath = tempDb();
    seedRegistry(byBytes);
    seedRegistry(byPath);
    const progress: [number, number][] = [];
    const a = await importFile(byBytes, { ...base, fileName: DAILY_NAME, bytes: Buffer.from(text) });
    const b = await importFile(byPath, {
      ...base,
      fileName: DAILY_NAME,
      path,
      onProgress: (done, total) => progress.push([done, total]),
    });
    expect(b).toEqual(a);
    expect(b[0]).toMatchObject({ rowsRead: 64_000, daysAdded: 64_000, firstDate: "1950-01-01" });
    expect(imported(byPath)).toBe(imported(byBytes));
    expect(progress.length).toBeGreaterThan(3);
    const size = Buffer.byteLength(text);
    expect(progress.at(-1)).toEqual([size, size]);
    expect(progress.every(([done], i) => i === 0 || done >= (progress[i - 1]?.[0] ?? 0))).toBe(true);
  });

  it("leaves the database unchanged when a row deep in the file is bad, naming line and column", async () => {
    const db = tempDb();
    seedRegistry(db);
    const before = dumpAll(db);
    const text = bigDaily(64_000, (row, i) => {
      if (i === 60_000) row[2] = "lots";
    });
    const result = await outcome(db, { ...base, fileName: DAILY_NAME, path: tempFile(DAILY_NAME, text) });
    expect(result).toMatchObject({
      code: "bad_import_file",
      error: `${DAILY_NAME}, line 60002, column "impressions": expected a whole number, found "lots".`,
    });
    expect(dumpAll(db)).toBe(before);

    const unclosed = `${bigDaily(40_000)}"2080-01-01","1,"2"\n`;
    const broken = await outcome(db, { ...base, fileName: DAILY_NAME, path: tempFile(DAILY_NAME, unclosed) });
    expect(broken).toMatchObject({ code: "bad_import_file", error: expect.stringContaining("line 40002") });
    expect(dumpAll(db)).toBe(before);
  });

  it("does nothing when the same file is imported again, by path or by bytes", async () => {
    const db = tempDb();
    seedRegistry(db);
    const text = bigDaily(3000);
    const path = tempFile(DAILY_NAME, text);
    const [first] = await importFile(db, { ...base, fileName: DAILY_NAME, path });
    expect(first).toMatchObject({ daysAdded: 3000 });
    const after = dumpAll(db);
    const [again] = await importFile(db, { ...base, fileName: DAILY_NAME, path, actor: "console:other" });
    expect(again).toMatchObject({
      daysAdded: 0,
      rowsRead: 3000,
      alreadyImported: { at: NOW.toISOString(), actor: "console:local" },
    });
    const [asBytes] = await importFile(db, { ...base, fileName: DAILY_NAME, bytes: Buffer.from(text) });
    expect(asBytes?.alreadyImported).toBeDefined();
    expect(dumpAll(db)).toBe(after);
  });

  it("refuses a missing path or an empty file, changing nothing", async () => {
    const db = tempDb();
    seedRegistry(db);
    const before = dumpAll(db);
    const dir = mkdtempSync(join(tmpdir(), "dmd-import-path-"));
    dirs.push(dir);
    expect(await outcome(db, { ...base, fileName: "gone.csv", path: join(dir, "gone.csv") })).toMatchObject({
      code: "bad_import_file",
      error: "Cannot read gone.csv: ENOENT.",
    });
    expect(
      await outcome(db, { ...base, fileName: "empty.csv", path: tempFile("empty.csv", "") }),
    ).toMatchObject({
      code: "bad_import_file",
      error: "empty.csv is empty.",
    });
    expect(dumpAll(db)).toBe(before);
  });
});
