import { IANAZone } from "luxon";

const DAY_MS = 86_400_000;
const WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** One calendar day of the demo window, shared by every mission (days are local dates). */
export interface DemoDay {
  /** `YYYY-MM-DD`. */
  date: string;
  /** ISO weekday: 1 = Monday … 7 = Sunday. */
  weekday: number;
  /** The instant `date`T00:00Z, from which a local time is built. */
  utcMidnight: number;
}

/** Parses `YYYY-MM-DD` as a real calendar date; null when it is not one. */
export function parseDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
  return formatDate(ms) === date ? ms : null;
}

/** `YYYY-MM-DD` of the UTC day holding the instant `ms`. */
export function formatDate(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}

/**
 * The `count` days ending the day before `today`, oldest first, plus `today` itself at the
 * end (the day the last figures are collected). `today` must be a valid date.
 */
export function demoDays(today: string, count: number): DemoDay[] {
  const todayMs = parseDate(today);
  if (todayMs === null) throw new Error(`not a date: ${today}`);
  const out: DemoDay[] = [];
  for (let i = count; i >= 0; i--) {
    const utcMidnight = todayMs - i * DAY_MS;
    const jsDay = new Date(utcMidnight).getUTCDay();
    out.push({ date: formatDate(utcMidnight), weekday: jsDay === 0 ? 7 : jsDay, utcMidnight });
  }
  return out;
}

/**
 * The ISO weekdays of a weekend written `sat-sun`, `fri-sat`, `fri` (a range wraps past
 * Sunday: `fri-sun` is Friday to Sunday). Null when the text is not a weekend.
 */
export function parseWeekend(spec: string): Set<number> | null {
  const parts = spec.trim().toLowerCase().split("-");
  if (parts.length < 1 || parts.length > 2) return null;
  const first = WEEKDAYS.indexOf(parts[0] as (typeof WEEKDAYS)[number]);
  const last = WEEKDAYS.indexOf((parts[1] ?? parts[0]) as (typeof WEEKDAYS)[number]);
  if (first < 0 || last < 0) return null;
  const days = new Set<number>();
  for (let d = first; ; d = (d + 1) % 7) {
    days.add(d + 1);
    if (d === last) break;
  }
  return days;
}

/**
 * A zone's UTC offset (minutes) at local noon of each day. Working-hour times of a day all
 * share it, because clocks change at night; so posts convert to UTC without a luxon call each.
 * `cache` holds the offsets per zone for one run (missions share zones).
 */
export function noonOffsets(zone: string, days: readonly DemoDay[], cache: Map<string, number[]>): number[] {
  const cached = cache.get(zone);
  if (cached) return cached;
  const iana = IANAZone.create(zone);
  if (!iana.isValid) throw new Error(`unknown time zone: ${zone}`);
  const at = (i: number): number => {
    const noonUtc = (days[i] as DemoDay).utcMidnight + 12 * 3_600_000;
    return iana.offset(noonUtc - iana.offset(noonUtc) * 60_000);
  };
  // Asking the zone is slow; clocks change a few times a year at most and never twice within
  // a week, so a week whose two ends agree has that offset throughout.
  const offsets = new Array<number>(days.length);
  if (days.length > 0) offsets[0] = at(0);
  for (let i = 0; i + 1 < days.length; ) {
    const j = Math.min(i + 7, days.length - 1);
    const start = offsets[i] as number;
    const end = at(j);
    for (let k = i + 1; k < j; k++) offsets[k] = end === start ? start : at(k);
    offsets[j] = end;
    i = j;
  }
  cache.set(zone, offsets);
  return offsets;
}
