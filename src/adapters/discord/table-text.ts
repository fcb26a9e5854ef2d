import { codeSafe, cutText } from "./escape.ts";

/** Longest cell kept in a table; longer ones end with "…" so one name cannot widen every row. */
const MAX_CELL = 40;
/** The last column widens no other, so it may hold a short sentence. */
const MAX_LAST_CELL = 120;

/** A table laid out as monospaced lines, ready to go inside a code block. */
export interface TableText {
  /** Column titles and the rule under them. */
  head: string[];
  /** One line per row. */
  lines: string[];
}

function cleanCell(value: string, max: number): string {
  // Newlines would break the row; a backtick could close the code block early.
  return cutText(codeSafe(value.replace(/[\r\n\t]+/g, " ")), max);
}

function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return align === "right" ? fill + s : s + fill;
}

/**
 * Lays out a table as aligned monospaced text for a Discord code block (inside which nothing is
 * markdown, a mention or a link). Numbers read best right-aligned, so `align` says how each
 * column sits; missing cells are blank.
 */
export function formatTable(
  columns: string[],
  rows: string[][],
  align: ("left" | "right")[] = [],
): TableText {
  const max = (i: number) => (i === columns.length - 1 ? MAX_LAST_CELL : MAX_CELL);
  const head = columns.map((c, i) => cleanCell(c, max(i)));
  const body = rows.map((row) => columns.map((_, i) => cleanCell(row[i] ?? "", max(i))));
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] ?? ""))));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => pad(c, widths[i] ?? 0, align[i] ?? "left"))
      .join("  ")
      .trimEnd();
  return {
    head: [line(head), widths.map((w) => "─".repeat(w)).join("  ")],
    lines: body.map(line),
  };
}
