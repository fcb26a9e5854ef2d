import { DateTime, IANAZone } from "luxon";

/** A calendar date; `year` is null when the export left it out (TikTok Studio). */
export interface CalendarDate {
  year: number | null;
  month: number;
  day: number;
}

/** A wall-clock date and time; `offsetMinutes` is set when the text carried a UTC offset. */
export interface WallDateTime extends CalendarDate {
  hour: number;
  minute: number;
  second: number;
  offsetMinutes: number | null;
}

const MONTHS: Record<string, number> = {};
function months(names: string, n: number): void {
  for (const name of names.split(" ")) MONTHS[name] = n;
}
// English, Spanish, French, Portuguese, German, Italian names and abbreviations, accents removed.
months("jan january ene enero janv janvier janeiro januar gen gennaio", 1);
months("feb february febrero fev fevr fevrier fevereiro februar febbraio", 2);
months("mar march marzo mars marco marz", 3);
months("apr april abr abril avr avril aprile", 4);
months("may mayo mai maio maggio mag", 5);
months("jun june junio juin junho juni giu giugno", 6);
months("jul july julio juil juillet julho juli lug luglio", 7);
months("aug august ago agosto aout", 8);
months("sep sept september septiembre setiembre septembre setembro settembre set", 9);
months("oct october octubre octobre out outubro okt oktober ott ottobre", 10);
months("nov november noviembre novembre novembro", 11);
months("dec december dic diciembre decembre dez dezembro dezember dicembre", 12);

const WEEKDAYS = new Set(
  (
    "mon monday tue tues tuesday wed wednesday thu thur thurs thursday fri friday sat saturday sun sunday " +
    "lun lunes martes mie miercoles jue jueves vie viernes sab sabado dom domingo " +
    "lundi mardi mercredi jeudi vendredi samedi dimanche seg ter qua qui sex segunda terca quarta quinta sexta " +
    "mo di mi do fr sa so montag dienstag mittwoch donnerstag freitag samstag sonntag"
  ).split(" "),
);
const FILLERS = new Set(["de", "del", "of", "the", "le", "el", "em", "do"]);

const ISO_DATE = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ])/;
const SLASH_DATE = /^(\d{1,2})\/(\d{1,2})\/(\d{4}|\d{2})(?:$|\s)/;
const YMD_SLASH = /^(\d{4})[/.](\d{1,2})[/.](\d{1,2})(?:$|\s)/;
const DOT_DATE = /^(\d{1,2})\.(\d{1,2})\.(\d{4})(?:$|\s)/;
const CJK_DATE = /^(?:(\d{4})\s*[年년]\s*)?(\d{1,2})\s*[月월]\s*(\d{1,2})\s*[日일]?/;
const ISO_DATE_TIME =
  /^(\d{4})-(\d{2})-(\d{2})[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const TIME_PART = /(\d{1,2}):(\d{2})(?::(\d{2}))?\s*([ap]\.?\s?m\.?)?\s*(z|utc|gmt|[+-]\d{2}:?\d{2})?\s*$/i;

/**
 * Reads a date in any form the platforms write: `2025-08-01`, `2025-08-01T00:00:00`, `8/24/2014`,
 * `Thu Mar 20 2025`, `Sun, Aug 30, 2026`, `Sep 27, 2024`, `April 12`, `8 de marzo`, `3月8日`.
 * Slashed dates are month first (as US exports write them) unless the first number exceeds 12.
 * Returns null when the text is not a date.
 */
export function parseCalendarDate(raw: string): CalendarDate | null {
  const s = raw.trim();
  if (s === "") return null;
  let m = ISO_DATE.exec(s);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = SLASH_DATE.exec(s);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[2]);
    const y = m[3]?.length === 2 ? 2000 + Number(m[3]) : Number(m[3]);
    return a > 12 ? checked(y, b, a) : checked(y, a, b);
  }
  m = YMD_SLASH.exec(s);
  if (m) return checked(Number(m[1]), Number(m[2]), Number(m[3]));
  m = DOT_DATE.exec(s);
  if (m) return checked(Number(m[3]), Number(m[2]), Number(m[1]));
  m = CJK_DATE.exec(s);
  if (m) return checked(m[1] ? Number(m[1]) : null, Number(m[2]), Number(m[3]));
  return parseWordDate(s.replace(TIME_PART, ""));
}

/**
 * `raw` itself when it is exactly a valid `YYYY-MM-DD` (what most exports write), else null: the
 * common case of {@link parseCalendarDate} followed by {@link isoDate}, without a regex or a new
 * string.
 */
export function exactIsoDate(raw: string): string | null {
  if (raw.length !== 10 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45) return null;
  const year = digitsAt(raw, 0, 4);
  const month = digitsAt(raw, 5, 2);
  const day = digitsAt(raw, 8, 2);
  if (year < 0 || month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return null;
  return raw;
}

/** The number written with `count` ASCII digits at `from`, or -1. */
function digitsAt(s: string, from: number, count: number): number {
  let v = 0;
  for (let i = from; i < from + count; i++) {
    const c = s.charCodeAt(i) - 48;
    if (!(c >= 0 && c <= 9)) return -1; // NaN past the end, too
    v = v * 10 + c;
  }
  return v;
}

/** Dates with a month name: tokens in any order, weekday names and "de" ignored. */
function parseWordDate(s: string): CalendarDate | null {
  const tokens = foldAccents(s.toLowerCase())
    .replace(/[,]/g, " ")
    .split(/\s+/)
    .filter((t) => t !== "");
  const monthTokens: number[] = [];
  let day: number | null = null;
  let year: number | null = null;
  for (const raw of tokens) {
    const t = raw.replace(/\.$/, "");
    if (/^\d{4}$/.test(t)) {
      if (year !== null) return null;
      year = Number(t);
    } else if (/^\d{1,2}(?:st|nd|rd|th|er|o|º)?$/.test(t)) {
      if (day !== null) return null;
      day = Number.parseInt(t, 10);
    } else if (MONTHS[t] !== undefined) {
      monthTokens.push(MONTHS[t]);
    } else if (!WEEKDAYS.has(t) && !FILLERS.has(t)) {
      return null;
    }
  }
  if (day === null) return null;
  let month: number | undefined;
  if (monthTokens.length === 1) month = monthTokens[0];
  // "mar" is both March and Spanish/French Tuesday: with two month words, the last one names the month.
  else if (monthTokens.length === 2) month = monthTokens[1];
  if (month === undefined) return null;
  return checked(year, month, day);
}

function foldAccents(s: string): string {
  return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "");
}

function checked(year: number | null, month: number, day: number): CalendarDate | null {
  if (month < 1 || month > 12 || day < 1 || day > 31) return null;
  if (year !== null && day > daysInMonth(year, month)) return null;
  if (year === null && day > daysInMonth(2000, month)) return null;
  return { year, month, day };
}

const MONTH_DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

function daysInMonth(year: number, month: number): number {
  if (month === 2) return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0 ? 29 : 28;
  return MONTH_DAYS[month - 1] ?? 31;
}

/**
 * Reads a date and time: `2016-12-23 18:50 +0000`, `08/01/2025 14:05`, `02/14/2016 12:40:16 AM`,
 * `2025-03-05T10:00:00Z`. The date part may be any form {@link parseCalendarDate} reads.
 * Returns null when there is no recognisable date; the time is 00:00 when absent.
 */
export function parseWallDateTime(raw: string): WallDateTime | null {
  const exact = exactIsoDateTime(raw);
  if (exact !== null) return exact;
  const iso = ISO_DATE_TIME.exec(raw);
  if (iso) {
    const date = checked(Number(iso[1]), Number(iso[2]), Number(iso[3]));
    const hour = Number(iso[4]);
    const minute = Number(iso[5]);
    const second = iso[6] ? Number(iso[6]) : 0;
    if (date && hour < 24 && minute < 60 && second < 60) {
      return wallTime(date, hour, minute, second, parseOffset(iso[7]));
    }
  }
  const s = raw.trim();
  const date = parseCalendarDate(s);
  if (!date) return null;
  const rest = s.replace(/^\d{4}-\d{1,2}-\d{1,2}T?/, "");
  const t = TIME_PART.exec(rest);
  if (!t) return wallTime(date, 0, 0, 0, null);
  let hour = Number(t[1]);
  const minute = Number(t[2]);
  const second = t[3] ? Number(t[3]) : 0;
  const ampm = t[4]?.toLowerCase().replace(/[.\s]/g, "");
  if (ampm === "pm" && hour < 12) hour += 12;
  if (ampm === "am" && hour === 12) hour = 0;
  if (hour > 23 || minute > 59 || second > 59) return null;
  return wallTime(date, hour, minute, second, parseOffset(t[5]));
}

/**
 * The common shapes of an ISO date and time (`2016-12-23 18:50 +0000`, `2025-03-05T10:00:00Z`)
 * read without a regex, as {@link parseWallDateTime} reads them; null for anything else
 * (fractions of a second, lower-case `t`/`z`, tabs, impossible values), which the regex then
 * reads.
 */
export function exactIsoDateTime(raw: string): WallDateTime | null {
  const n = raw.length;
  if (n < 16 || raw.charCodeAt(4) !== 45 || raw.charCodeAt(7) !== 45 || raw.charCodeAt(13) !== 58)
    return null;
  const sep = raw.charCodeAt(10);
  if (sep !== 32 && sep !== 84) return null;
  const year = digitsAt(raw, 0, 4);
  const month = digitsAt(raw, 5, 2);
  const day = digitsAt(raw, 8, 2);
  const hour = digitsAt(raw, 11, 2);
  const minute = digitsAt(raw, 14, 2);
  if (year < 0 || month < 0 || day < 0 || hour < 0 || minute < 0) return null;
  let i = 16;
  let second = 0;
  if (i < n && raw.charCodeAt(i) === 58) {
    second = digitsAt(raw, i + 1, 2);
    if (second < 0 || i + 3 > n) return null;
    i += 3;
  }
  while (i < n && raw.charCodeAt(i) === 32) i++;
  let offsetMinutes: number | null = null;
  if (i < n) {
    const c = raw.charCodeAt(i);
    if (c === 90 && i + 1 === n) offsetMinutes = 0;
    else if ((c === 43 || c === 45) && (n - i === 5 || (n - i === 6 && raw.charCodeAt(i + 3) === 58))) {
      const hh = digitsAt(raw, i + 1, 2);
      const mm = digitsAt(raw, n - 2, 2);
      if (hh < 0 || mm < 0) return null;
      const minutes = hh * 60 + mm;
      offsetMinutes = c === 45 ? -minutes : minutes;
    } else return null;
  }
  const date = checked(year, month, day);
  if (!date || hour >= 24 || minute >= 60 || second >= 60) return null;
  return wallTime(date, hour, minute, second, offsetMinutes);
}

// Built field by field: an object spread here was the slowest step of a 200,000-post import.
function wallTime(
  date: CalendarDate,
  hour: number,
  minute: number,
  second: number,
  offsetMinutes: number | null,
): WallDateTime {
  return { year: date.year, month: date.month, day: date.day, hour, minute, second, offsetMinutes };
}

function parseOffset(raw: string | undefined): number | null {
  if (!raw) return null;
  if (raw === "+0000" || raw === "Z") return 0;
  const s = raw.toLowerCase();
  if (s === "z" || s === "utc" || s === "gmt") return 0;
  const m = /^([+-])(\d{2}):?(\d{2})$/.exec(s);
  if (!m) return null;
  const minutes = Number(m[2]) * 60 + Number(m[3]);
  return m[1] === "-" ? -minutes : minutes;
}

/** `YYYY-MM-DD` of a calendar date whose year is known. */
export function isoDate(year: number, month: number, day: number): string {
  return `${String(year).padStart(4, "0")}-${pad2(month)}-${pad2(day)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/**
 * The year of a year-less date (TikTok Studio writes `April 12`), counting back from `reference`
 * (the export date, `YYYY-MM-DD`): exports cover days up to the day they were made, so a month
 * and day later in the year than the reference belong to the year before. A 29 February goes
 * back to the last leap year.
 */
export function inferYear(month: number, day: number, reference: string): number {
  const refYear = Number(reference.slice(0, 4));
  const refMonth = Number(reference.slice(5, 7));
  const refDay = Number(reference.slice(8, 10));
  let year = month < refMonth || (month === refMonth && day <= refDay) ? refYear : refYear - 1;
  while (day > daysInMonth(year, month)) year--;
  return year;
}

/**
 * Milliseconds since the epoch for a wall time (in `year`, which fills in a year-less one) in
 * `zone`, or at its own UTC offset if it has one.
 */
export function wallToUtcMs(wall: WallDateTime, year: number, zone: string): number | null {
  if (wall.offsetMinutes !== null) {
    return (
      Date.UTC(year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) -
      wall.offsetMinutes * 60_000
    );
  }
  const dt = DateTime.fromObject(
    {
      year,
      month: wall.month,
      day: wall.day,
      hour: wall.hour,
      minute: wall.minute,
      second: wall.second,
    },
    { zone },
  );
  return dt.isValid ? dt.toMillis() : null;
}

/** X's epoch: snowflake ids count milliseconds from 2010-11-04T01:42:54.657Z in their top bits. */
const X_EPOCH = 1288834974657;
const X_SNOWFLAKE_START = Date.UTC(2010, 10, 4);

/**
 * The publish instant hidden in an X post id (`(id >> 22) + 1288834974657`). Null for ids from
 * before snowflakes (2010) or that are not numbers, and for instants after `latest`.
 */
export function snowflakeMs(id: string, latest: number): number | null {
  if (!/^\d{15,20}$/.test(id)) return null;
  const ms = Number(BigInt(id) >> 22n) + X_EPOCH;
  return ms >= X_SNOWFLAKE_START && ms <= latest ? ms : null;
}

/** The publish instant in a TikTok video id, whose top 32 bits are Unix seconds. */
export function tiktokIdMs(id: string, latest: number): number | null {
  if (!/^\d{17,20}$/.test(id)) return null;
  const ms = Number(BigInt(id) >> 32n) * 1000;
  return ms >= Date.UTC(2016, 0, 1) && ms <= latest ? ms : null;
}

/**
 * A fast converter from UTC instants to local `YYYY-MM-DD` dates in `zone`. Offsets come from
 * luxon, cached per UTC day when the offset is the same at both ends of the day (all but the
 * two days a year when clocks change, which are computed exactly), so a file of a million
 * posts costs a few thousand zone lookups, not a million.
 */
export function createLocalDater(zone: string): (ms: number) => string {
  const tz = IANAZone.create(zone);
  const dayOffset = new Map<number, number>();
  // Posts come in runs of the same day: the last date written is kept.
  let lastDay = Number.NaN;
  let lastIso = "";
  return (ms) => {
    const day = Math.floor(ms / 86_400_000);
    let offset = dayOffset.get(day);
    if (offset === undefined) {
      const start = tz.offset(day * 86_400_000);
      const end = tz.offset((day + 1) * 86_400_000 - 1);
      offset = start === end ? start : Number.NaN;
      dayOffset.set(day, offset);
    }
    if (Number.isNaN(offset)) offset = tz.offset(ms);
    const local = Math.floor((ms + offset * 60_000) / 86_400_000);
    if (local !== lastDay) {
      lastDay = local;
      lastIso = dayToIso(local);
    }
    return lastIso;
  };
}

/** Milliseconds in the years 0000 to 9999, where {@link isoInstant} writes the date itself. */
const FOUR_DIGIT_YEARS_MS = 253402300800000;

/**
 * `new Date(ms).toISOString()` (`2025-03-05T10:00:00.000Z`), written without a Date for whole
 * milliseconds from 1970 to 9999 (about five times faster, for a million posts).
 */
export function isoInstant(ms: number): string {
  if (!(ms >= 0 && ms < FOUR_DIGIT_YEARS_MS) || !Number.isInteger(ms)) return new Date(ms).toISOString();
  const day = Math.floor(ms / 86_400_000);
  let rest = ms - day * 86_400_000;
  const hour = Math.floor(rest / 3_600_000);
  rest -= hour * 3_600_000;
  const minute = Math.floor(rest / 60_000);
  rest -= minute * 60_000;
  const second = Math.floor(rest / 1000);
  const milli = rest - second * 1000;
  const ms3 = milli < 10 ? `00${milli}` : milli < 100 ? `0${milli}` : String(milli);
  return `${dayToIso(day)}T${pad2(hour)}:${pad2(minute)}:${pad2(second)}.${ms3}Z`;
}

/** `YYYY-MM-DD` of a count of days since 1970-01-01 (Howard Hinnant's civil_from_days). */
function dayToIso(days: number): string {
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
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return isoDate(year, month, day);
}

/** Today's date in `zone` at instant `now`. */
export function localToday(now: Date, zone: string): string {
  return DateTime.fromJSDate(now, { zone }).toISODate() ?? now.toISOString().slice(0, 10);
}
