/** The source of "now". Tests and `--as-of` inject their own. */
export interface Clock {
  now(): Date;
}

/** The real wall clock. */
export const systemClock: Clock = { now: () => new Date() };

/** A clock stopped at one instant. */
export function fixedClock(at: Date | string): Clock {
  const instant = typeof at === "string" ? new Date(at) : at;
  return { now: () => new Date(instant.getTime()) };
}
