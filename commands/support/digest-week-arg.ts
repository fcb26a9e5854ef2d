import { UserError } from "../../src/core/errors.ts";
import { parsePeriod } from "../../src/domain/period.ts";

const WEEK = /^(\d{4})-w(\d{1,2})$/i;

/** True when `text` is written like a week (`2026-W47`, `2026-w7`), existing or not. */
export function isWeekText(text: string): boolean {
  return WEEK.test(text.trim());
}

/**
 * Reads a week as people type it (`2026-W47`, `2026-w47`, `2026-W7`) and returns its canonical
 * label (`2026-W47`).
 *
 * @throws UserError `bad_week` when it is not a week, `bad_period` when that week does not exist.
 */
export function parseWeekArg(text: string): string {
  const m = WEEK.exec(text.trim());
  if (!m) {
    throw new UserError(
      "bad_week",
      `"${text.trim().slice(0, 40)}" is not a week: write an ISO week such as 2026-W47 (Monday 16 to Sunday 22 November 2026).`,
    );
  }
  const label = `${m[1]}-W${String(Number(m[2])).padStart(2, "0")}`;
  // parsePeriod knows which weeks exist (W53 only in some years) and says so clearly.
  parsePeriod(label, "2000-01-01");
  return label;
}
