import { parseCalendarDate } from "../dates.ts";
import type { RowReader } from "../row.ts";

/**
 * Meta content exports put `Lifetime` (or its translation) in `Date` for counts cumulative to the
 * export day. A real date there means a per-day breakdown row, which is not a lifetime count.
 * Returns the reason to skip the row, or null to read it.
 */
export function perDayRowReason(row: RowReader): string | null {
  const v = row.text("date");
  if (v === null || parseCalendarDate(v) === null) return null;
  return `a per-day row (${v}): only Lifetime rows are imported`;
}
