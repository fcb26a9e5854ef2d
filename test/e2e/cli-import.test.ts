import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDb } from "../../src/db/client.ts";
import { spawnDmd } from "../helpers/spawn-dmd.ts";
import { FIXTURES, fixture, seedRegistry } from "../integration/import-helpers.ts";

const TWEETS = "tweet_activity_metrics_Embassy_Fr_20250301_20250331_en.csv";
let dir: string;
let dbPath: string;

function dmd(...args: string[]) {
  return spawnDmd(dbPath, args);
}

function stored(): string {
  const db = openDb(dbPath);
  try {
    return ["posts", "daily_metrics", "imports"]
      .map((t) => JSON.stringify(db.$client.prepare(`SELECT * FROM ${t} ORDER BY rowid`).all()))
      .join("\n");
  } finally {
    db.$client.close();
  }
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "dmd-e2e-import-"));
  dbPath = join(dir, "dmd.sqlite");
  const db = openDb(dbPath);
  seedRegistry(db);
  db.$client.close();
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("dmd import (spawned, by path)", () => {
  it("imports a file from disk, refuses bad ones without a change, and skips a re-import", () => {
    const missing = dmd("import", join(dir, "nope.csv"));
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`Cannot read ${join(dir, "nope.csv")}: ENOENT. Check the path.`);
    expect(dmd("import", dir).stderr).toContain("EISDIR");

    const broken = join(dir, TWEETS);
    writeFileSync(broken, fixture(TWEETS).toString("utf8").replace('"880.0"', '"lots"'));
    const before = stored();
    const bad = dmd("import", broken);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain(
      `${TWEETS}, line 5, column "impressions": expected a whole number, found "lots".`,
    );
    expect(stored()).toBe(before);

    const good = dmd("import", join(FIXTURES, TWEETS));
    expect(good.code, good.stderr).toBe(0);
    expect(good.stdout).toContain("3 new");
    const after = stored();
    expect(after).not.toBe(before);

    const again = dmd("import", join(FIXTURES, TWEETS));
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain("already imported");
    expect(stored()).toBe(after);
  });
});
