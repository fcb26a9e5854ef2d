/**
 * The periods a trend report covers: a calendar month (`2026-10`, the default being the last
 * full month), or any period `/mission-stats` accepts (`30d`, `2026-W47`, a date range). Each is
 * compared with the one before it: the previous calendar month for a month, the previous ISO
 * week for a week, otherwise the same number of days just before.
 */
import { UserError } from "../core/errors.ts";
import { isIsoDate } from "./dates.ts";
import { type Period, parsePeriod, previousPeriod } from "./period.ts";

/** A period with the key reports are cached and scheduled under, and its name in words. */
export interface TrendPeriod extends Period {
  /** `2026-10` for a month; otherwise the period's label (`2026-W47`, `30d`, a range). */
  key: string;
  /** How it reads in English: "October 2026", "2026-W47", "the 30 days to 2026-11-26". */
  words: string;
}

const MONTH_FORM = /^(\d{4})-(\d{2})$/;

const MONTH_NAMES = [
  "January",
  "February",
  "March",
  "April",
  "May",
  "June",
  "July",
  "August",
  "September",
  "October",
  "November",
  "December",
];

/**
 * The calendar month `YYYY-MM` as a period.
 *
 * @throws UserError `bad_period` when the month does not exist.
 */
export function monthPeriod(key: string): TrendPeriod {
  const m = MONTH_FORM.exec(key.trim());
  const year = Number(m?.[1]);
  const month = Number(m?.[2]);
  if (!m || month < 1 || month > 12) {
    throw new UserError("bad_period", `"${key}" is not a month: write it as YYYY-MM, e.g. 2026-10.`);
  }
  const start = `${m[1]}-${m[2]}-01`;
  let end = `${m[1]}-${m[2]}-31`;
  while (!isIsoDate(end)) end = `${m[1]}-${m[2]}-${Number(end.slice(8)) - 1}`;
  const days = Number(end.slice(8));
  return {
    start,
    end,
    days,
    label: `${start}..${end}`,
    key: `${m[1]}-${m[2]}`,
    words: `${MONTH_NAMES[month - 1]} ${year}`,
  };
}

/** The key of the month before `key` (`2026-01` gives `2025-12`). */
export function monthBefore(key: string): string {
  const year = Number(key.slice(0, 4));
  const month = Number(key.slice(5, 7));
  return month === 1 ? `${year - 1}-12` : `${year}-${String(month - 1).padStart(2, "0")}`;
}

/** The last calendar month that has fully ended on or before `asOf` (its last day is `asOf` or earlier). */
export function lastFullMonth(asOf: string): TrendPeriod {
  const current = asOf.slice(0, 7);
  const month = monthPeriod(current);
  return month.end === asOf ? month : monthPeriod(monthBefore(current));
}

/**
 * Reads the period of `/trends`: empty gives the last full month before `asOf`; `YYYY-MM` a
 * calendar month; anything else as `/mission-stats` reads periods.
 *
 * @throws UserError `bad_period` saying what was wrong and what is accepted.
 */
export function parseTrendPeriod(text: string | undefined, asOf: string): TrendPeriod {
  const input = (text ?? "").trim();
  if (input === "") return lastFullMonth(asOf);
  if (MONTH_FORM.test(input)) return monthPeriod(input);
  try {
    const p = parsePeriod(input, asOf);
    return { ...p, key: p.label, words: periodWords(p) };
  } catch (err) {
    if (err instanceof UserError && err.code === "bad_period") {
      throw new UserError("bad_period", `${err.message} A calendar month is written 2026-10.`);
    }
    throw err;
  }
}

/** The period a trend report is compared with. */
export function previousTrendPeriod(p: TrendPeriod): TrendPeriod {
  if (MONTH_FORM.test(p.key)) return monthPeriod(monthBefore(p.key));
  const before = previousPeriod(p);
  return { ...before, key: before.label, words: periodWords(before) };
}

/** An ISO week's seven days (Monday to Sunday) as a trend period, e.g. for the SCD's weekly brief. */
export function weekTrendPeriod(label: string): TrendPeriod {
  const p = parsePeriod(label, "2000-01-01");
  return { ...p, key: p.label, words: p.label };
}

function periodWords(p: Period): string {
  const days = /^(\d+)d$/.exec(p.label);
  if (days) return `the ${days[1]} days to ${p.end}`;
  if (p.label.includes("..")) return `${p.start} to ${p.end}`;
  return p.label;
}
