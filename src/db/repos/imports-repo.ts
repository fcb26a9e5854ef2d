import type { Db } from "../client.ts";

/** One imported file, as the `imports` ledger keeps it. */
export interface ImportLedgerEntry {
  /** SHA-256 of the file's bytes, hex. */
  fileHash: string;
  fileName: string;
  format: string;
  handleId: number;
  firstDate: string | null;
  lastDate: string | null;
  rowsRead: number;
  postsNew: number;
  postsUpdated: number;
  daysAdded: number;
  daysUpdated: number;
  rowsSkipped: number;
  /** Warnings and skipped-row reasons, stored as JSON. */
  warnings: unknown;
  /** `platform:user` of whoever imported it. */
  actor: string;
  /** ISO instant. */
  at: string;
}

/** A ledger row as read back, with its id. */
export interface ImportLedgerRow extends ImportLedgerEntry {
  id: number;
}

interface Raw {
  id: number;
  file_hash: string;
  file_name: string;
  format: string;
  handle_id: number;
  first_date: string | null;
  last_date: string | null;
  rows_read: number;
  posts_new: number;
  posts_updated: number;
  days_added: number;
  days_updated: number;
  rows_skipped: number;
  warnings: string | null;
  actor: string;
  at: string;
}

function fromRaw(r: Raw): ImportLedgerRow {
  return {
    id: r.id,
    fileHash: r.file_hash,
    fileName: r.file_name,
    format: r.format,
    handleId: r.handle_id,
    firstDate: r.first_date,
    lastDate: r.last_date,
    rowsRead: r.rows_read,
    postsNew: r.posts_new,
    postsUpdated: r.posts_updated,
    daysAdded: r.days_added,
    daysUpdated: r.days_updated,
    rowsSkipped: r.rows_skipped,
    warnings: r.warnings === null ? null : JSON.parse(r.warnings),
    actor: r.actor,
    at: r.at,
  };
}

/**
 * The import ledger: one row per (file hash, handle), which is what makes importing the same
 * file again change nothing. Writes belong inside the import's own transaction.
 */
export function createImportsRepo(db: Db) {
  const sqlite = db.$client;
  const byHash = sqlite.prepare("SELECT * FROM imports WHERE file_hash = ? AND handle_id = ?");
  const insert = sqlite.prepare(
    `INSERT INTO imports (file_hash, file_name, format, handle_id, first_date, last_date, rows_read, posts_new,
       posts_updated, days_added, days_updated, rows_skipped, warnings, actor, at)
     VALUES (@fileHash, @fileName, @format, @handleId, @firstDate, @lastDate, @rowsRead, @postsNew,
       @postsUpdated, @daysAdded, @daysUpdated, @rowsSkipped, @warnings, @actor, @at)`,
  );
  const recent = sqlite.prepare("SELECT * FROM imports ORDER BY at DESC, id DESC LIMIT ?");

  return {
    /** The earlier import of this exact file for this handle, if any. */
    find(fileHash: string, handleId: number): ImportLedgerRow | null {
      const row = byHash.get(fileHash, handleId) as Raw | undefined;
      return row ? fromRaw(row) : null;
    },

    /** Records a finished import; returns its id. */
    record(entry: ImportLedgerEntry): number {
      const result = insert.run({ ...entry, warnings: JSON.stringify(entry.warnings ?? null) });
      return Number(result.lastInsertRowid);
    },

    /** The latest imports, newest first. */
    recent(limit = 20): ImportLedgerRow[] {
      return (recent.all(limit) as Raw[]).map(fromRaw);
    },
  };
}

/** The repo returned by {@link createImportsRepo}. */
export type ImportsRepo = ReturnType<typeof createImportsRepo>;
