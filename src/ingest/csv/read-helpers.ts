import { inferYear, isoDate, wallToUtcMs } from "./dates.ts";
import type { RowReader } from "./row.ts";
import type { FileContext } from "./types.ts";

/** A date with its year, as `YYYY-MM-DD`; a year-less date is an error here. */
export function fullDate(row: RowReader, key: string): string {
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

/** X exports keep HTML entities in post text (`&amp;`): turn them back into characters. */
export function decodeEntities(text: string): string {
  if (text.indexOf("&") === -1) return text;
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === "#") {
      const code =
        name[1] === "x" || name[1] === "X" ? Number.parseInt(name.slice(2), 16) : Number(name.slice(1));
      return Number.isFinite(code) && code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
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
