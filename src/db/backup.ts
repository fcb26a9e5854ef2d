import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, renameSync, rmSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";
import Database from "better-sqlite3";
import { UserError } from "../core/errors.ts";
import type { Db } from "./client.ts";

/** Size of a finished backup. */
export interface BackupResult {
  /** Size of the copy on disk. */
  bytes: number;
  /** Database pages copied. */
  pages: number;
}

/**
 * Copies the live database to `destination` with SQLite's online backup API, so the bot can
 * keep writing meanwhile and the copy is still one consistent moment. The copy is written
 * beside the destination, made a standalone file (no `-wal`), checked with
 * `PRAGMA integrity_check`, and only then renamed into place. An existing destination is
 * refused unless `overwrite` is set; missing folders are created.
 */
export async function backupDatabase(
  db: Db,
  destination: string,
  options: { overwrite?: boolean } = {},
): Promise<BackupResult> {
  const target = resolve(destination);
  if (existsSync(target)) {
    if (statSync(target).isDirectory()) {
      throw new UserError(
        "backup_destination",
        `${destination} is a folder: give a file name, e.g. ${destination}/dmd.sqlite.`,
      );
    }
    if (!options.overwrite) {
      throw new UserError(
        "backup_exists",
        `${destination} already exists: choose another file name, or ask to overwrite it.`,
      );
    }
  }
  const source = db.$client.name;
  if (source !== ":memory:" && source !== "" && resolve(source) === target) {
    throw new UserError(
      "backup_destination",
      "The backup cannot replace the database it copies: choose another file.",
    );
  }

  mkdirSync(dirname(target), { recursive: true });
  const partial = `${target}.partial-${randomBytes(4).toString("hex")}`;
  try {
    const meta = await db.$client.backup(partial);
    sealCopy(partial);
    renameSync(partial, target);
    return { bytes: statSync(target).size, pages: meta.totalPages };
  } finally {
    for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(`${partial}${suffix}`, { force: true });
  }
}

/** Turns the copy into a single self-contained file and proves it reads back whole. */
function sealCopy(path: string): void {
  const copy = new Database(path);
  try {
    // The copy inherits WAL mode from the source; a backup should be one file that can be mailed or archived.
    copy.pragma("journal_mode = DELETE");
    const rows = copy.pragma("integrity_check") as { integrity_check: string }[];
    const verdict = rows.map((r) => r.integrity_check).join("; ");
    if (verdict !== "ok") throw new Error(`The backup copy failed its integrity check: ${verdict}`);
  } finally {
    copy.close();
  }
}
