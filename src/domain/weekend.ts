/**
 * A mission's weekend, as written in the registry: one lower-case three-letter day (`fri`,
 * `sun`) or a range of two or three consecutive days (`sat-sun`, `fri-sat`, `fri-sun`). A range
 * may wrap past Sunday (`sun-mon`).
 */

/** Day names in ISO order: index 0 is Monday (ISO weekday 1). */
export const WEEKDAY_NAMES = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"] as const;

/** Examples quoted in error messages. */
export const WEEKEND_EXAMPLES = ["sat-sun", "fri-sat", "fri", "sun", "fri-sun"] as const;

const MAX_WEEKEND_DAYS = 3;

/**
 * The ISO weekdays (1 = Monday … 7 = Sunday) of a weekend written like `sat-sun`, in order from
 * its first day; null when the text is not an accepted form. Surrounding spaces and upper case
 * are tolerated.
 */
export function parseWeekend(spec: string): number[] | null {
  const parts = spec.trim().toLowerCase().split("-");
  const indexes = parts.map((p) => WEEKDAY_NAMES.indexOf(p as (typeof WEEKDAY_NAMES)[number]));
  if (indexes.some((i) => i < 0)) return null;
  const [first, last] = indexes;
  if (first === undefined) return null;
  if (indexes.length === 1) return [first + 1];
  if (indexes.length !== 2 || last === undefined) return null;
  const span = (last - first + 7) % 7;
  if (span < 1 || span > MAX_WEEKEND_DAYS - 1) return null;
  const days: number[] = [];
  for (let i = 0; i <= span; i++) days.push(((first + i) % 7) + 1);
  return days;
}

/** The canonical spelling of a valid weekend (`Sat-Sun ` becomes `sat-sun`); null when invalid. */
export function normalizeWeekend(spec: string): string | null {
  return parseWeekend(spec) ? spec.trim().toLowerCase() : null;
}
