/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings, and the bridge from UTC instants to a
 * mission's local day. Local days are plain calendar dates, so arithmetic on them is done in
 * UTC where every day is 24 hours long; only {@link localDateOf} and {@link yesterdayIn} need a zone.
 */
import { DateTime } from "luxon";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;

/** True for a strict `YYYY-MM-DD` string naming a day that exists (no `2026-02-30`). */
export function isIsoDate(s: string): boolean {
  const m = ISO_DATE.exec(s);
  if (!m) return false;
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  return day <= daysInMonth(year, month);
}

/** The date `n` calendar days after `date` (before it when `n` is negative): `addDays("2026-11-30", 1)` is `"2026-12-01"`. */
export function addDays(date: string, n: number): string {
  return fromEpochDay(toEpochDay(date) + n);
}

/** Whole calendar days from `earlier` to `later` (negative when `later` is before `earlier`). */
export function diffDays(later: string, earlier: string): number {
  return toEpochDay(later) - toEpochDay(earlier);
}

/**
 * The local calendar date, in IANA `zone`, of a UTC instant: `2026-11-30T23:30:00Z` is
 * `2026-12-01` in Asia/Karachi. Throws on an unreadable instant or an unknown zone.
 */
export function localDateOf(utcIso: string, zone: string): string {
  const instant = DateTime.fromISO(utcIso, { zone: "utc" });
  if (!instant.isValid) throw new RangeError(`Not an ISO-8601 instant: "${utcIso}"`);
  return zonedDate(instant, zone);
}

/** Yesterday's calendar date in IANA `zone` at the instant `now`: the default as-of day (today is incomplete). */
export function yesterdayIn(zone: string, now: Date): string {
  return addDays(zonedDate(DateTime.fromJSDate(now), zone), -1);
}

/** Days since 1970-01-01 of a `YYYY-MM-DD` date; throws on anything that is not a real date. */
function toEpochDay(date: string): number {
  if (!isIsoDate(date)) throw new RangeError(`Not a YYYY-MM-DD date: "${date}"`);
  return daysFromCivil(Number(date.slice(0, 4)), Number(date.slice(5, 7)), Number(date.slice(8, 10)));
}

function fromEpochDay(day: number): string {
  const [y, m, d] = civilFromDays(day);
  if (y < 0 || y > 9999) throw new RangeError(`Date out of range: ${day} days from 1970-01-01`);
  return `${String(y).padStart(4, "0")}-${m < 10 ? "0" : ""}${m}-${d < 10 ? "0" : ""}${d}`;
}

// Howard Hinnant's proleptic-Gregorian day-number algorithms: plain integer arithmetic, so the
// hot paths (a fleet has thousands of handles per query) allocate no Date objects.
function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (month > 2 ? month - 3 : month + 9) + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return [month <= 2 ? yoe + era * 400 + 1 : yoe + era * 400, month, day];
}

function zonedDate(instant: DateTime, zone: string): string {
  const local = instant.setZone(zone);
  const date = local.isValid ? local.toISODate() : null;
  if (date === null) throw new RangeError(`Unknown time zone: "${zone}"`);
  return date;
}

function daysInMonth(year: number, month: number): number {
  if (month !== 2) return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
  return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
}
