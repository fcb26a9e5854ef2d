/**
 * The instants a five-field cron expression (`minute hour day-of-month month day-of-week`)
 * names in an IANA time zone, computed from any clock: the scheduler uses them to catch up runs
 * missed while the bot was down and to show the next runs, and both must follow the injected
 * clock, which node-cron's own timers cannot.
 *
 * Fields take `*`, numbers, ranges `1-5`, steps `*\/15` and `8-18/2`, and lists `1,3,5`; months
 * and weekdays also take names (`jan`, `mon`); weekday 0 and 7 are Sunday. As in cron, when both
 * day fields are restricted a day matches either. Local times are read in the zone:
 * a time skipped by a DST change (02:30 on the spring-forward night) runs at the first instant
 * after the gap, and a time that happens twice (fall-back) runs once, at its first occurrence.
 */
import { DateTime } from "luxon";

/** A parsed cron expression. Null day fields mean "any". */
export interface CronSchedule {
  expression: string;
  minutes: number[];
  hours: number[];
  daysOfMonth: number[] | null;
  months: number[] | null;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: number[] | null;
}

const MONTH_NAMES = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];
const DAY_NAMES = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"];
const DAY_LABELS = ["Sundays", "Mondays", "Tuesdays", "Wednesdays", "Thursdays", "Fridays", "Saturdays"];

/** The longest search for a next or previous slot: a Feb 29 schedule fires every four years. */
const SEARCH_DAYS = 366 * 5;

function fieldValue(text: string, names: string[] | null, offset: number, what: string): number {
  const lower = text.toLowerCase();
  if (names) {
    const i = names.indexOf(lower);
    if (i >= 0) return i + offset;
  }
  if (!/^\d+$/.test(text)) throw new Error(`cron: "${text}" is not a valid ${what}`);
  return Number(text);
}

function parseField(
  text: string,
  min: number,
  max: number,
  what: string,
  names: string[] | null = null,
  nameOffset = 0,
): number[] | null {
  if (text === "*") return null;
  const out = new Set<number>();
  for (const part of text.split(",")) {
    const [range = "", stepText] = part.split("/");
    const step = stepText === undefined ? 1 : Number(stepText);
    if (!Number.isInteger(step) || step < 1) throw new Error(`cron: bad step in "${part}" (${what})`);
    let from: number;
    let to: number;
    if (range === "*") {
      from = min;
      to = max;
    } else if (range.includes("-")) {
      const [a = "", b = ""] = range.split("-");
      from = fieldValue(a, names, nameOffset, what);
      to = fieldValue(b, names, nameOffset, what);
    } else {
      from = fieldValue(range, names, nameOffset, what);
      to = stepText === undefined ? from : max;
    }
    if (from < min || to > max || from > to)
      throw new Error(`cron: "${part}" is out of range for ${what} (${min}-${max})`);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return [...out].sort((x, y) => x - y);
}

/**
 * Parses a five-field cron expression.
 *
 * @throws Error naming the field that is wrong.
 */
export function parseCron(expression: string): CronSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 5)
    throw new Error(`cron: "${expression}" needs 5 fields (minute hour day month weekday)`);
  const [mi = "", h = "", dom = "", mon = "", dow = ""] = fields;
  const weekdays = parseField(dow, 0, 7, "day of the week", DAY_NAMES, 0);
  return {
    expression: fields.join(" "),
    minutes: parseField(mi, 0, 59, "minute") ?? range(0, 59),
    hours: parseField(h, 0, 23, "hour") ?? range(0, 23),
    daysOfMonth: parseField(dom, 1, 31, "day of the month"),
    months: parseField(mon, 1, 12, "month", MONTH_NAMES, 1),
    weekdays: weekdays ? [...new Set(weekdays.map((d) => d % 7))].sort((a, b) => a - b) : null,
  };
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

function asSchedule(cron: CronSchedule | string): CronSchedule {
  return typeof cron === "string" ? parseCron(cron) : cron;
}

function dayMatches(s: CronSchedule, day: DateTime): boolean {
  if (s.months && !s.months.includes(day.month)) return false;
  const domOk = s.daysOfMonth?.includes(day.day);
  const dowOk = s.weekdays?.includes(day.weekday % 7);
  if (s.daysOfMonth && s.weekdays) return Boolean(domOk || dowOk);
  if (s.daysOfMonth) return Boolean(domOk);
  if (s.weekdays) return Boolean(dowOk);
  return true;
}

/** The slots of one local calendar day, in order. */
function slotsOfDay(s: CronSchedule, zone: string, day: DateTime): number[] {
  if (!dayMatches(s, day)) return [];
  const out = new Set<number>();
  for (const hour of s.hours) {
    for (const minute of s.minutes) {
      let at = DateTime.fromObject(
        { year: day.year, month: day.month, day: day.day, hour, minute },
        { zone },
      );
      if (!at.isValid) continue;
      // A wall time that happens twice: take its first occurrence (luxon picks the later offset).
      for (const back of [60, 30]) {
        const earlier = at.minus({ minutes: back });
        if (earlier.day === day.day && earlier.hour === hour && earlier.minute === minute) {
          at = earlier;
          break;
        }
      }
      out.add(at.toMillis());
    }
  }
  return [...out].sort((a, b) => a - b);
}

function localDay(instant: Date, zone: string): DateTime {
  const local = DateTime.fromJSDate(instant, { zone });
  if (!local.isValid) throw new Error(`cron: unknown time zone "${zone}"`);
  return local.startOf("day");
}

/** The slots after `after` (exclusive) up to `until` (inclusive), in order. */
export function slotsBetween(cron: CronSchedule | string, zone: string, after: Date, until: Date): Date[] {
  const s = asSchedule(cron);
  const from = after.getTime();
  const to = until.getTime();
  if (to <= from) return [];
  const out: Date[] = [];
  // One day of margin on each side: a slot's local day can differ from the bounds' local days.
  let day = localDay(after, zone).minus({ days: 1 });
  const last = localDay(until, zone).plus({ days: 1 });
  while (day <= last) {
    for (const ms of slotsOfDay(s, zone, day)) if (ms > from && ms <= to) out.push(new Date(ms));
    day = day.plus({ days: 1 });
  }
  return out;
}

/** The first slot strictly after `after`; null when none within five years. */
export function nextSlot(cron: CronSchedule | string, zone: string, after: Date): Date | null {
  const s = asSchedule(cron);
  let day = localDay(after, zone).minus({ days: 1 });
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const found = slotsOfDay(s, zone, day).find((ms) => ms > after.getTime());
    if (found !== undefined) return new Date(found);
    day = day.plus({ days: 1 });
  }
  return null;
}

/** The last slot at or before `atOrBefore`; null when none within five years. */
export function previousSlot(cron: CronSchedule | string, zone: string, atOrBefore: Date): Date | null {
  const s = asSchedule(cron);
  let day = localDay(atOrBefore, zone).plus({ days: 1 });
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const slots = slotsOfDay(s, zone, day).filter((ms) => ms <= atOrBefore.getTime());
    const last = slots[slots.length - 1];
    if (last !== undefined) return new Date(last);
    day = day.minus({ days: 1 });
  }
  return null;
}

/** How many times a matching day fires: more than one means a sub-daily job. */
export function firesPerDay(cron: CronSchedule | string): number {
  const s = asSchedule(cron);
  return s.minutes.length * s.hours.length;
}

/** The schedule in words, e.g. "Mondays at 09:00", "every day at 06:00", "every 5 minutes". */
export function describeCron(cron: CronSchedule | string): string {
  const s = asSchedule(cron);
  const [minute] = s.minutes;
  const [hour] = s.hours;
  if (s.minutes.length === 1 && s.hours.length === 1 && minute !== undefined && hour !== undefined) {
    const time = `${String(hour).padStart(2, "0")}:${String(minute).padStart(2, "0")}`;
    if (s.months === null && s.daysOfMonth === null && s.weekdays === null) return `every day at ${time}`;
    if (s.months === null && s.daysOfMonth === null && s.weekdays) {
      return `${s.weekdays.map((d) => DAY_LABELS[d]).join(", ")} at ${time}`;
    }
    if (s.months === null && s.weekdays === null && s.daysOfMonth) {
      return `day ${s.daysOfMonth.join(", ")} of each month at ${time}`;
    }
  }
  const step = s.minutes[1] !== undefined && s.minutes[0] === 0 ? s.minutes[1] - s.minutes[0] : 0;
  const evenSteps = step > 0 && s.minutes.every((m, i) => m === i * step) && 60 % step === 0;
  if (evenSteps && s.hours.length === 24 && !s.daysOfMonth && !s.months && !s.weekdays) {
    return `every ${step} minutes`;
  }
  return `cron ${s.expression}`;
}
