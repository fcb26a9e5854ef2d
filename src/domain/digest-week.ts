/**
 * The week a weekly digest covers. A mission's digest goes out on its first working day and
 * covers the seven days before it: Monday to Sunday for a sat-sun weekend (exactly the ISO week),
 * Sunday to Saturday when the working week starts on Sunday (fri-sat or fri weekends).
 *
 * Such a week is named by the ISO week of its last day, so the digest sent on Monday 2026-11-23
 * and the one sent on Sunday 2026-11-22 are both `2026-W47`: the first covers 16–22 November,
 * the second 15–21 November.
 */
import { DateTime } from "luxon";
import { addDays } from "./dates.ts";
import type { Period } from "./period.ts";

const WEEK_LABEL = /^(\d{4})-W(\d{2})$/;

/** ISO weekday of a `YYYY-MM-DD` date: 1 = Monday … 7 = Sunday. */
export function isoWeekday(date: string): number {
  return utcDay(date).weekday;
}

/** The ISO week a date belongs to, as `2026-W47` (week-year rules: 2027-01-01 is `2026-W53`). */
export function isoWeekLabel(date: string): string {
  const day = utcDay(date);
  return `${day.weekYear}-W${String(day.weekNumber).padStart(2, "0")}`;
}

/** The ISO weekday (1..7) a digest week ends on: the day before the first working day. */
export function digestWeekEndWeekday(firstWorkingDay: number): number {
  checkWeekday(firstWorkingDay);
  return firstWorkingDay === 1 ? 7 : firstWorkingDay - 1;
}

/**
 * The seven days the digest named `label` (e.g. `2026-W47`) covers for a mission whose working
 * week starts on ISO weekday `firstWorkingDay`. The period's label is `label`.
 *
 * @throws RangeError when `label` is not an existing ISO week.
 */
export function digestWeek(label: string, firstWorkingDay: number): Period {
  const m = WEEK_LABEL.exec(label);
  const monday = m
    ? DateTime.fromObject({ weekYear: Number(m[1]), weekNumber: Number(m[2]), weekday: 1 }, { zone: "utc" })
    : null;
  if (!m || !monday?.isValid || monday.weekNumber !== Number(m[2])) {
    throw new RangeError(`Not an ISO week: "${label}"`);
  }
  const mondayDate = monday.toISODate() ?? "";
  const end = addDays(mondayDate, digestWeekEndWeekday(firstWorkingDay) - 1);
  return { start: addDays(end, -6), end, days: 7, label };
}

/** The latest digest week that has ended on or before `day` (its last day is `day` or earlier). */
export function latestDigestWeek(day: string, firstWorkingDay: number): Period {
  const endWeekday = digestWeekEndWeekday(firstWorkingDay);
  const back = (isoWeekday(day) - endWeekday + 7) % 7;
  const end = addDays(day, -back);
  return { start: addDays(end, -6), end, days: 7, label: isoWeekLabel(end) };
}

/** The digest week that ended the day before `runDay`, the day a digest is sent: "the week just ended". */
export function digestWeekBefore(runDay: string, firstWorkingDay: number): Period {
  return latestDigestWeek(addDays(runDay, -1), firstWorkingDay);
}

/** The digest week before `week`, for "against the week before" comparisons. */
export function previousDigestWeek(week: Period): Period {
  const end = addDays(week.start, -1);
  return { start: addDays(end, -6), end, days: 7, label: isoWeekLabel(end) };
}

/** True when `label` reads like an ISO week, `2026-W47` (it may still not exist; see {@link digestWeek}). */
export function looksLikeWeekLabel(label: string): boolean {
  return WEEK_LABEL.test(label);
}

function utcDay(date: string): DateTime {
  const day = DateTime.fromISO(date, { zone: "utc" });
  if (!day.isValid) throw new RangeError(`Not a YYYY-MM-DD date: "${date}"`);
  return day;
}

function checkWeekday(weekday: number): void {
  if (!Number.isInteger(weekday) || weekday < 1 || weekday > 7) {
    throw new RangeError(`An ISO weekday is 1 (Monday) to 7 (Sunday), got ${weekday}`);
  }
}
