/**
 * Reporting periods: N whole days ending with the as-of day, an ISO week, or an explicit
 * inclusive date range (METRICS.md, "Days, periods, time zones").
 */
import { DateTime } from "luxon";
import { UserError } from "../core/errors.ts";
import { addDays, diffDays, isIsoDate } from "./dates.ts";

/** An inclusive range of local calendar days. */
export interface Period {
  /** First day, `YYYY-MM-DD`. */
  start: string;
  /** Last day (inclusive), `YYYY-MM-DD`. */
  end: string;
  /** Number of days, `end - start + 1`. */
  days: number;
  /** How the period reads to people: `30d`, `2026-W47` or `2026-10-01..2026-10-31`. */
  label: string;
}

/** The longest period accepted, in days (three years and a leap day). */
export const MAX_PERIOD_DAYS = 1096;

/** The period used when none is given. */
export const DEFAULT_PERIOD_DAYS = 30;

const ACCEPTED_FORMS =
  "Use a number of days ending on the as-of day (7d, 30d, 90d, 365d; up to " +
  `${MAX_PERIOD_DAYS}d), an ISO week (2026-W47, Monday to Sunday) or a date range ` +
  "(2026-10-01..2026-10-31, both days included).";

const DAYS_FORM = /^(\d+)d$/i;
const WEEK_FORM = /^(\d{4})-w(\d{1,2})$/i;
const RANGE_FORM = /^(\S+?)\s*\.\.\s*(\S+)$/;

/**
 * Reads a period as people type it. `text` empty or undefined gives the last `defaultDays`
 * days ending with `asOf`. Accepted: `Nd` with 1 <= N <= {@link MAX_PERIOD_DAYS}, an ISO week
 * `YYYY-Www` (week-year rules; W53 only in years that have one), or `YYYY-MM-DD..YYYY-MM-DD`
 * (inclusive, start <= end, at most {@link MAX_PERIOD_DAYS} days). A period may end after
 * `asOf`; its missing days simply have no data.
 *
 * @throws UserError `bad_period` saying what was wrong and listing the accepted forms.
 */
export function parsePeriod(
  text: string | undefined,
  asOf: string,
  defaultDays = DEFAULT_PERIOD_DAYS,
): Period {
  if (!isIsoDate(asOf)) {
    throw new UserError(
      "bad_date",
      `"${asOf}" is not a date: write the as-of day as YYYY-MM-DD, e.g. 2026-11-26.`,
    );
  }
  const input = (text ?? "").trim();
  if (input === "") return lastDays(defaultDays, asOf);

  const days = DAYS_FORM.exec(input);
  if (days) {
    const n = Number(days[1]);
    if (n < 1 || n > MAX_PERIOD_DAYS) {
      throw badPeriod(
        `"${input}" is out of range: a period of days must be between 1d and ${MAX_PERIOD_DAYS}d.`,
      );
    }
    return lastDays(n, asOf);
  }

  const week = WEEK_FORM.exec(input);
  if (week) return isoWeek(Number(week[1]), Number(week[2]), input);

  const range = RANGE_FORM.exec(input);
  if (range) return dateRange(range[1] ?? "", range[2] ?? "", input);

  throw badPeriod(`"${input}" is not a period I know.`);
}

/** The period of the same length that ends the day before `p` starts (for "versus previous" comparisons). */
export function previousPeriod(p: Period): Period {
  const end = addDays(p.start, -1);
  const start = addDays(end, -(p.days - 1));
  const week = WEEK_FORM.exec(p.label);
  if (week && p.days === 7) {
    const monday = DateTime.fromISO(start, { zone: "utc" });
    return { start, end, days: p.days, label: weekLabel(monday.weekYear, monday.weekNumber) };
  }
  return { start, end, days: p.days, label: `${start}..${end}` };
}

/** The last `n` days ending with `asOf`, labelled `Nd`. */
export function lastDays(n: number, asOf: string): Period {
  if (!Number.isInteger(n) || n < 1 || n > MAX_PERIOD_DAYS) {
    throw new RangeError(`A period must be 1..${MAX_PERIOD_DAYS} whole days, got ${n}`);
  }
  return { start: addDays(asOf, -(n - 1)), end: asOf, days: n, label: `${n}d` };
}

function isoWeek(weekYear: number, weekNumber: number, input: string): Period {
  const monday = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: "utc" });
  const start = monday.isValid ? monday.toISODate() : null;
  if (start === null || weekNumber < 1) {
    const weeks = DateTime.fromObject(
      { weekYear, weekNumber: 1, weekday: 1 },
      { zone: "utc" },
    ).weeksInWeekYear;
    throw badPeriod(`"${input}" does not exist: ISO week-year ${weekYear} has weeks W01 to W${weeks}.`);
  }
  return { start, end: addDays(start, 6), days: 7, label: weekLabel(weekYear, weekNumber) };
}

function dateRange(from: string, to: string, input: string): Period {
  for (const d of [from, to]) {
    if (!isIsoDate(d)) throw badPeriod(`"${d}" in "${input}" is not a date: write days as YYYY-MM-DD.`);
  }
  const days = diffDays(to, from) + 1;
  if (days < 1) throw badPeriod(`"${input}" ends before it starts: put the earlier day first.`);
  if (days > MAX_PERIOD_DAYS) {
    throw badPeriod(`"${input}" is ${days} days long: a period can be at most ${MAX_PERIOD_DAYS} days.`);
  }
  return { start: from, end: to, days, label: `${from}..${to}` };
}

function weekLabel(weekYear: number, weekNumber: number): string {
  return `${weekYear}-W${String(weekNumber).padStart(2, "0")}`;
}

function badPeriod(what: string): UserError {
  return new UserError("bad_period", `${what} ${ACCEPTED_FORMS}`);
}
