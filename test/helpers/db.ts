import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";
import { type Db, openDb } from "../../src/db/client.ts";

const opened: { db: Db; dir: string }[] = [];

afterEach(() => {
  for (const { db, dir } of opened.splice(0)) {
    db.$client.close();
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A real SQLite file in a temp folder with every migration applied; closed and removed after the test. */
export function tempDb(): Db {
  const dir = mkdtempSync(join(tmpdir(), "dmd-test-"));
  const db = openDb(join(dir, "test.sqlite"));
  opened.push({ db, dir });
  return db;
}
