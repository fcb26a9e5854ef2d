/**
 * Number formatting for people, as METRICS.md asks: percentages to one decimal, large counts as
 * 12.3K. Unavailable values (null, and NaN or infinities, which only a bug could produce) read
 * "n/a", never 0. The locale is fixed (en-US digits and grouping, ASCII minus) so every reply,
 * digest and test reads the same on every machine.
 */

const NA = "n/a";

/** Rounds half away from zero on the exact decimal value of the number, like Intl does. */
const oneDecimal = new Intl.NumberFormat("en-US", { maximumFractionDigits: 1, useGrouping: false });
const integer = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0, signDisplay: "negative" });

/** Unit suffixes for counts of 10,000 and above, smallest first. */
const UNITS: [number, string][] = [
  [1e3, "K"],
  [1e6, "M"],
  [1e9, "B"],
];

function isNumber(n: number | null): n is number {
  return n !== null && Number.isFinite(n);
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
  const magnitude = countMagnitude(Math.abs(n));
  return n < 0 && magnitude !== "0" ? `-${magnitude}` : magnitude;
}

/**
 * A percentage to one decimal: "4.5%", "12.0%", "1,234.5%". With `signed`, a positive value gets
 * "+" and a negative one "-" ("+4.5%", "-0.3%"); a value that rounds to zero is "0.0%" either way.
 * Null gives "n/a".
 */
export function formatPct(n: number | null, signed = false): string {
  if (!isNumber(n)) return NA;
  const formatter = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: 1,
    maximumFractionDigits: 1,
    signDisplay: signed ? "exceptZero" : "negative",
  });
  return `${formatter.format(n)}%`;
}

/**
 * A change in a count, always signed unless zero: "+1,234", "-56", "0", and like
 * {@link formatCount} from 10,000 on ("+12.3K"). Null gives "n/a".
 */
export function formatSigned(n: number | null): string {
  if (!isNumber(n)) return NA;
  const magnitude = countMagnitude(Math.abs(n));
  if (magnitude === "0") return "0";
  return `${n < 0 ? "-" : "+"}${magnitude}`;
}

/**
 * A plain decimal with a fixed number of digits (default 1) and grouping: "12.3", "1,234.5",
 * "0.0". Null gives "n/a".
 */
export function formatDecimal(n: number | null, digits = 1): string {
  if (!isNumber(n)) return NA;
  const formatter = new Intl.NumberFormat("en-US", {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
    signDisplay: "negative",
  });
  return formatter.format(n);
}
