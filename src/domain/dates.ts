/**
 * Calendar-day arithmetic on `YYYY-MM-DD` strings, and the bridge from UTC instants to a
 * mission's local day. Local days are plain calendar dates, so arithmetic on them is done in
 * UTC where every day is 24 hours long; only {@link localDateOf} and {@link yesterdayIn} need a zone.
 */
import { DateTime } from "luxon";

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const MS_PER_DAY = 86_400_000;

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
  return utcMs(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / MS_PER_DAY;
}

/** `Date.UTC` without its quirk of reading years 0..99 as 1900..1999. */
function utcMs(year: number, monthIndex: number, day: number): number {
  const d = new Date(0);
  d.setUTCFullYear(year, monthIndex, day);
  return d.getTime();
}

function fromEpochDay(day: number): string {
  return new Date(day * MS_PER_DAY).toISOString().slice(0, 10);
}

function zonedDate(instant: DateTime, zone: string): string {
  const local = instant.setZone(zone);
  const date = local.isValid ? local.toISODate() : null;
  if (date === null) throw new RangeError(`Unknown time zone: "${zone}"`);
  return date;
}

function daysInMonth(year: number, month: number): number {
  return new Date(utcMs(year, month, 0)).getUTCDate();
}
