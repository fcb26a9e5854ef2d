import { type CalendarDate, parseCalendarDate, parseWallDateTime, type WallDateTime } from "./dates.ts";
import type { ColumnMap } from "./headers.ts";
import { CellError, parseCount } from "./numbers.ts";
import type { RecordView } from "./tokenizer.ts";

const EMPTY: RecordView = {
  length: 0,
  line: 0,
  field: () => "",
  plainCount: () => -1,
  isBlank: () => true,
  toArray: () => [],
};

/** A bad cell: which column, what was expected, what was there. */
export class RowError extends Error {
  override name = "RowError";
  readonly column: string;
  readonly expected: string;
  readonly found: string;
  constructor(column: string, expected: string, found: string) {
    super(`column "${column}": expected ${expected}, found "${found}"`);
    this.column = column;
    this.expected = expected;
    this.found = found;
  }
}

/**
 * Typed access to the current record's cells by column key. One reader is made per file and
 * pointed at each record in turn (no per-row allocation). Every reading method throws a
 * {@link RowError} naming the column as the file writes it.
 */
export class RowReader {
  /** The record being read. */
  record: RecordView;
  private readonly columns: ColumnMap;

  constructor(columns: ColumnMap, record: RecordView = EMPTY) {
    this.columns = columns;
    this.record = record;
  }

  /** True when the file has this column. */
  has(key: string): boolean {
    return this.columns.index.has(key);
  }

  /** The header of a column as the file writes it (for messages). */
  label(key: string): string {
    const i = this.columns.index.get(key);
    return i === undefined ? key : (this.columns.labels[i] ?? key);
  }

  /** The cell as written; undefined when the file has no such column, "" when the row is short. */
  raw(key: string): string | undefined {
    const i = this.columns.index.get(key);
    if (i === undefined) return undefined;
    return this.record.field(i);
  }

  /** The trimmed cell, or null when absent or empty. */
  text(key: string): string | null {
    const v = this.raw(key);
    if (v === undefined) return null;
    const t = v.trim();
    return t === "" ? null : t;
  }

  /**
   * A whole-number count: undefined when the file has no such column (the stored value is kept),
   * null when the cell is empty, `-` or `N/A`.
   */
  count(key: string): number | null | undefined {
    const i = this.columns.index.get(key);
    if (i === undefined) return undefined;
    const plain = this.record.plainCount(i);
    if (plain !== -1) return plain;
    const v = this.record.field(i);
    try {
      return parseCount(v);
    } catch (err) {
      if (err instanceof CellError) throw new RowError(this.label(key), err.expected, v);
      throw err;
    }
  }

  /** A calendar date (the year may be missing, for TikTok); throws when absent or unreadable. */
  date(key: string): CalendarDate {
    const v = this.raw(key) ?? "";
    const d = parseCalendarDate(v);
    if (!d) throw new RowError(this.label(key), "a date", v);
    return d;
  }

  /** A date and time; throws when absent or unreadable. */
  dateTime(key: string): WallDateTime {
    const v = this.raw(key) ?? "";
    const d = parseWallDateTime(v);
    if (!d) throw new RowError(this.label(key), "a date and time", v);
    return d;
  }

  /** Throws a {@link RowError} for this column. */
  fail(key: string, expected: string): never {
    throw new RowError(this.label(key), expected, this.raw(key) ?? "");
  }
}
