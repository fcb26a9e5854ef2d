import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import { afterEach, describe, expect, it } from "vitest";
import { isUserError } from "../../src/core/errors.ts";
import { backupDatabase } from "../../src/db/backup.ts";
import { tempDb } from "../helpers/db.ts";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), "dmd-backup-"));
  dirs.push(dir);
  return dir;
}

const insertSql =
  "INSERT INTO missions (code, name, kind, country, city, region, timezone, weekend) " +
  "VALUES (?, ?, 'embassy', 'Country', 'City', 'Region', 'UTC', 'sat-sun')";

/** Rows a copy holds, opened on its own like a restored backup would be. */
function readCopy(path: string): { ids: number[]; migrations: number; journal: string; integrity: string } {
  const copy = new Database(path, { readonly: true });
  try {
    const ids = (copy.prepare("SELECT id FROM missions ORDER BY id").all() as { id: number }[]).map(
      (r) => r.id,
    );
    const migrations = (copy.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number })
      .n;
    const journal = copy.pragma("journal_mode", { simple: true }) as string;
    const integrity = copy.pragma("integrity_check", { simple: true }) as string;
    return { ids, migrations, journal, integrity };
  } finally {
    copy.close();
  }
}

describe("backupDatabase", () => {
  it("copies a database that another connection keeps writing to, as one consistent moment", async () => {
    const db = tempDb();
    const sourcePath = db.$client.name;
    // Enough rows for several backup steps (100 pages each), so the writer can land in between.
    const insert = db.$client.prepare(insertSql);
    db.$client.transaction(() => {
      for (let i = 1; i <= 3000; i++) insert.run(`m${i}`, `Embassy number ${i} ${"x".repeat(200)}`);
    })();

    const writer = new Database(sourcePath);
    writer.pragma("busy_timeout = 5000");
    const writerInsert = writer.prepare(insertSql);
    const destination = join(tempDir(), "nested", "folder", "copy.sqlite");
    // Write only once the copy has started (its partial file exists), one row per event-loop turn,
    // so the writes land between the backup's steps.
    let written = 0;
    const writeSome = () => {
      if (written >= 5) return;
      const started = existsSync(join(destination, "..")) && readdirSync(join(destination, "..")).length > 0;
      if (started) {
        written++;
        writerInsert.run(`late${written}`, "Written during the backup");
      }
      setImmediate(writeSome);
    };
    setImmediate(writeSome);

    const result = await backupDatabase(db, destination);
    writer.close();
    expect(written).toBe(5);

    const copy = readCopy(destination);
    expect(copy.integrity).toBe("ok");
    expect(copy.journal).toBe("delete");
    const expectedMigrations = (
      db.$client.prepare("SELECT count(*) AS n FROM __drizzle_migrations").get() as { n: number }
    ).n;
    expect(copy.migrations).toBe(expectedMigrations);
    // Every row committed before the backup, then a prefix of the late ones: never a torn copy.
    expect(copy.ids.length).toBeGreaterThanOrEqual(3000);
    expect(copy.ids.length).toBeLessThanOrEqual(3005);
    expect(copy.ids).toEqual(Array.from({ length: copy.ids.length }, (_, i) => i + 1));
    expect(result.bytes).toBe(readFileSync(destination).length);
    expect(result.pages * (db.$client.pragma("page_size", { simple: true }) as number)).toBe(result.bytes);
    expect(readdirSync(join(destination, "..")).sort()).toEqual(["copy.sqlite"]);
  });

  it("refuses to overwrite an existing file unless asked, and leaves it as it was", async () => {
    const db = tempDb();
    db.$client.prepare(insertSql).run("paris", "Embassy in Paris");
    const destination = join(tempDir(), "copy.sqlite");
    writeFileSync(destination, "not a database");

    let caught: unknown;
    try {
      await backupDatabase(db, destination);
    } catch (err) {
      caught = err;
    }
    expect(isUserError(caught) && caught.code).toBe("backup_exists");
    expect(readFileSync(destination, "utf8")).toBe("not a database");

    await backupDatabase(db, destination, { overwrite: true });
    expect(readCopy(destination).ids).toEqual([1]);
  });

  it("refuses a folder or the database itself as the destination", async () => {
    const db = tempDb();
    const folder = tempDir();
    await expect(backupDatabase(db, folder, { overwrite: true })).rejects.toMatchObject({
      code: "backup_destination",
    });
    await expect(backupDatabase(db, db.$client.name, { overwrite: true })).rejects.toMatchObject({
      code: "backup_destination",
    });
    expect(existsSync(db.$client.name)).toBe(true);
  });
});
