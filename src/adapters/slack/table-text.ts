import { layoutTable, type TableText } from "../shared/table-layout.ts";
import { escapeSlackText, truncatePlain } from "./mrkdwn.ts";

/**
 * Lays out a table as aligned monospaced text, escaped for `mrkdwn`, ready to go inside a code
 * block. Numbers read best right-aligned, so `align` says how each column sits; missing cells
 * are blank.
 */
export function formatTable(
  columns: string[],
  rows: string[][],
  align: ("left" | "right")[] = [],
): TableText {
  const { head, lines } = layoutTable(columns, rows, align, { max: 48, maxLast: 160, cut: truncatePlain });
  return { head: head.map(escapeSlackText), lines: lines.map(escapeSlackText) };
}
