import { layoutTable, type TableText } from "../shared/table-layout.ts";
import { cutText } from "./escape.ts";

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
  return layoutTable(columns, rows, align, { max: 40, maxLast: 120, cut: cutText });
}
