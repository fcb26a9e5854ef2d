import { exactIsoDate, inferYear, isoDate, wallToUtcMs } from "./dates.ts";
import type { RowReader } from "./row.ts";
import type { FileContext } from "./types.ts";

/** A date with its year, as `YYYY-MM-DD`; a year-less date is an error here. */
export function fullDate(row: RowReader, key: string): string {
  const exact = exactIsoDate(row.raw(key) ?? "");
  if (exact !== null) return exact;
  const d = row.date(key);
  if (d.year === null) row.fail(key, "a date with a year");
  return isoDate(d.year, d.month, d.day);
}

/** A date whose year may be missing (TikTok): the year is inferred from the export date. */
export function dateInferringYear(row: RowReader, key: string, ctx: FileContext): string {
  const d = row.date(key);
  const year = d.year ?? inferYear(d.month, d.day, ctx.exportDate);
  return isoDate(year, d.month, d.day);
}

/**
 * A publish time as ms since epoch. A time with an offset is exact; one without is read in
 * `zone`; a year-less one takes its year from the export date.
 */
export function instant(row: RowReader, key: string, zone: string, ctx: FileContext): number {
  const wall = row.dateTime(key);
  const year = wall.year ?? inferYear(wall.month, wall.day, ctx.exportDate);
  const ms = wallToUtcMs(wall, year, zone);
  if (ms === null) row.fail(key, "a date and time");
  return ms;
}

const ENTITIES: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };

/**
 * X exports keep HTML entities in post text (`&amp;`): turn them back into characters. Named
 * (`&amp;`), decimal (`&#39;`) and hex (`&#x27;`) references are read; unknown names and
 * out-of-range code points stay as written. A scan with `indexOf` rather than a regex replace,
 * which was a tenth of a 200,000-post import.
 */
export function decodeEntities(text: string): string {
  let amp = text.indexOf("&");
  if (amp === -1) return text;
  let out = "";
  let from = 0;
  while (amp !== -1) {
    const semi = text.indexOf(";", amp + 1);
    if (semi === -1) break;
    const char = entityChar(text, amp + 1, semi);
    if (char === null) {
      amp = text.indexOf("&", amp + 1);
      continue;
    }
    out += text.slice(from, amp) + char;
    from = semi + 1;
    amp = text.indexOf("&", from);
  }
  return from === 0 ? text : out + text.slice(from);
}

/** The character named by `text[start, end)` (`amp`, `#39`, `#x27`), or null. */
function entityChar(text: string, start: number, end: number): string | null {
  if (end === start) return null;
  if (text.charCodeAt(start) !== 35) {
    for (let i = start; i < end; i++) if (!isLetter(text.charCodeAt(i))) return null;
    return ENTITIES[text.slice(start, end).toLowerCase()] ?? null;
  }
  const hex = (text.charCodeAt(start + 1) | 0x20) === 120;
  const first = start + (hex ? 2 : 1);
  if (first === end) return null;
  let code = 0;
  for (let i = first; i < end; i++) {
    const d = digitValue(text.charCodeAt(i), hex);
    if (d === -1) return null;
    code = code * (hex ? 16 : 10) + d;
  }
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : null;
}

function isLetter(c: number): boolean {
  const lower = c | 0x20;
  return lower >= 97 && lower <= 122;
}

function digitValue(c: number, hex: boolean): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (!hex) return -1;
  const lower = c | 0x20;
  return lower >= 97 && lower <= 102 ? lower - 87 : -1;
}

/** Adds two counts where either may be missing: null only when both are. */
export function sumCounts(
  a: number | null | undefined,
  b: number | null | undefined,
): number | null | undefined {
  if (a === undefined && b === undefined) return undefined;
  if (a == null && b == null) return null;
  return (a ?? 0) + (b ?? 0);
}

/** The account name in a profile or post link: `https://x.com/EmbassyX/status/1` -> `EmbassyX`. */
export function accountFromUrl(url: string | null, hosts: RegExp): string | null {
  if (!url) return null;
  const m = /^https?:\/\/(?:www\.|mobile\.|m\.)?([^/]+)\/@?([^/?#]+)/i.exec(url.trim());
  if (!m || !hosts.test(m[1] ?? "")) return null;
  const name = m[2] ?? "";
  if (name === "" || name === "i" || name === "intent") return null;
  return decodeURIComponent(name);
}
