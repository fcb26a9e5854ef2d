/**
 * Tables as aligned monospaced text for a code block, laid out the same way on every chat
 * platform; each platform says how long a cell may be, how to cut it, and escapes the lines.
 */
import { codeSafe } from "./chat-text.ts";

/** A table laid out as monospaced lines, ready to go inside a code block. */
export interface TableText {
  /** Column titles and the rule under them. */
  head: string[];
  /** One line per row. */
  lines: string[];
}

/** How a platform fits cells into its code block. */
export interface TableCells {
  /** Longest cell kept; longer ones end with "…" so one name cannot widen every row. */
  max: number;
  /** The last column widens no other, so it may hold a short sentence. */
  maxLast: number;
  /** Shortens a cell to at most `max` characters, ending with "…" when cut. */
  cut: (s: string, max: number) => string;
}

function cleanCell(value: string, max: number, cells: TableCells): string {
  // Newlines would break the row; a backtick could close the code block early.
  return cells.cut(codeSafe(value.replace(/[\r\n\t]+/g, " ")), max);
}

function width(s: string): number {
  return [...s].length;
}

function pad(s: string, w: number, align: "left" | "right"): string {
  const fill = " ".repeat(Math.max(0, w - width(s)));
  return align === "right" ? fill + s : s + fill;
}

/**
 * Lays out a table as aligned monospaced text. Numbers read best right-aligned, so `align`
 * says how each column sits; missing cells are blank. The lines are not escaped.
 */
export function layoutTable(
  columns: string[],
  rows: string[][],
  align: ("left" | "right")[],
  cells: TableCells,
): TableText {
  const max = (i: number) => (i === columns.length - 1 ? cells.maxLast : cells.max);
  const head = columns.map((c, i) => cleanCell(c, max(i), cells));
  const body = rows.map((row) => columns.map((_, i) => cleanCell(row[i] ?? "", max(i), cells)));
  const widths = head.map((h, i) => Math.max(width(h), ...body.map((r) => width(r[i] ?? ""))));
  const line = (row: string[]) =>
    row
      .map((c, i) => pad(c, widths[i] ?? 0, align[i] ?? "left"))
      .join("  ")
      .trimEnd();
  return {
    head: [line(head), widths.map((w) => "─".repeat(w)).join("  ")],
    lines: body.map(line),
  };
}
