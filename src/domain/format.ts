/**
 * Number formatting for people, as METRICS.md asks: percentages to one decimal, large counts as
 * 12.3K. Unavailable values (null, and NaN or infinities, which only a bug could produce) read
 * "n/a", never 0. The locale is fixed (en-US digits and grouping, ASCII minus) so every reply,
 * digest and test reads the same on every machine.
 */

const NA = "n/a";

/** Intl rounds half away from zero on the number as written (1.005 -> 1.01), as a person would. */
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, useGrouping: false });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** Unit suffixes for counts of 10,000 and above, smallest first. */
const UNITS: [number, string][] = [
  [1e3, "K"],
  [1e6, "M"],
  [1e9, "B"],
];

function isNumber(n: number | null): n is number {
  return n !== null && Number.isFinite(n);
}

/**
 * Puts the sign of `n` on its formatted magnitude: "-" when negative, "+" too when `plus`, and
 * none at all when the magnitude rounded to zero (so -0.04 is "0.0", not "-0.0").
 */
function withSign(n: number, magnitude: string, plus: boolean): string {
  if (!/[1-9]/.test(magnitude)) return magnitude;
  if (n < 0) return `-${magnitude}`;
  return plus ? `+${magnitude}` : magnitude;
}

function fixed(digits: number): Intl.NumberFormat {
  return new Intl.NumberFormat("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

/** The magnitude of a count, without its sign: "1,234", "12.3K", "12K", "1.2M". */
function countMagnitude(abs: number): string {
  if (Math.round(abs) < 10_000) return integer.format(abs);
  for (const [size, suffix] of UNITS) {
    const scaled = oneDecimal.format(abs / size);
    // 999,950 rounds to "1000K": move on to the next unit instead.
    if (Number(scaled) < 1000 || suffix === "B") return `${scaled}${suffix}`;
  }
  return integer.format(abs);
}

/**
 * A count for people: below 10,000 in full with grouping ("1,234"), then with one decimal and a
 * unit, dropping a trailing ".0" ("12.3K", "12K", "1.2M", "3B"). Negative counts keep their
 * sign ("-12.3K"). Null gives "n/a".
 */
export function formatCount(n: number | null): string {
  if (!isNumber(n)) return NA;
  return withSign(n, countMagnitude(Math.abs(n)), false);
}

/**
 * A percentage to one decimal: "4.5%", "12.0%", "1,234.5%". With `signed`, a positive value gets
 * "+" and a negative one "-" ("+4.5%", "-0.3%"); a value that rounds to zero is "0.0%" either way.
 * Null gives "n/a".
 */
export function formatPct(n: number | null, signed = false): string {
  if (!isNumber(n)) return NA;
  return `${withSign(n, fixed(1).format(Math.abs(n)), signed)}%`;
}

/**
 * A change in a count, always signed unless zero: "+1,234", "-56", "0", and like
 * {@link formatCount} from 10,000 on ("+12.3K"). Null gives "n/a".
 */
export function formatSigned(n: number | null): string {
  if (!isNumber(n)) return NA;
  return withSign(n, countMagnitude(Math.abs(n)), true);
}

/**
 * A plain decimal with a fixed number of digits (default 1) and grouping: "12.3", "1,234.5",
 * "0.0". Null gives "n/a".
 */
export function formatDecimal(n: number | null, digits = 1): string {
  if (!isNumber(n)) return NA;
  return withSign(n, fixed(digits).format(Math.abs(n)), false);
}
