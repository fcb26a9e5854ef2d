/** The cell could not be read as a count; `expected` says what would have been accepted. */
export class CellError extends Error {
  override name = "CellError";
  readonly expected: string;
  readonly found: string;
  constructor(expected: string, found: string) {
    super(`expected ${expected}, found "${found}"`);
    this.expected = expected;
    this.found = found;
  }
}

const PLAIN_INT = /^-?\d+$/;
const FLOAT_ZERO = /^-?\d+\.0*$/;
const GROUPED = /^-?\d{1,3}(?:[,\u00a0\u202f ]\d{3})+(?:\.0*)?$/;
const MISSING = new Set(["", "-", "--", "\u2013", "\u2014", "n/a", "na", "null", "none"]);

/**
 * Reads a whole-number count the way exports write them: `1234`, `1,234`, `1938.0`, `-5`.
 * An empty cell, `-`, `N/A` and the like mean "not measured" and give null, never 0.
 * Anything else (text, a fraction) throws a {@link CellError}.
 */
export function parseCount(raw: string): number | null {
  const fast = plainCount(raw, 0, raw.length);
  if (fast !== -1) return fast;
  const s = raw.trim();
  if (MISSING.has(s.toLowerCase())) return null;
  if (PLAIN_INT.test(s) || FLOAT_ZERO.test(s)) return Math.trunc(Number(s)) || 0;
  if (GROUPED.test(s)) return Math.trunc(Number(s.replace(/[,\u00a0\u202f ]/g, ""))) || 0;
  throw new CellError("a whole number", raw);
}

/**
 * The value of `text[start, end)` when it is a short run of ASCII digits, optionally followed by
 * `.0…` (X writes counts as `1938.0`), or -1: the common cases of {@link parseCount}, without a
 * regex or even a string (the tokenizer reads cells in place with it).
 */
export function plainCount(text: string, start: number, end: number): number {
  const n = end - start;
  if (n <= 0 || n > 15) return -1;
  let v = 0;
  let i = start;
  for (; i < end; i++) {
    const c = text.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  if (i === end) return v;
  if (i === start || text.charCodeAt(i) !== 46) return -1;
  for (i++; i < end; i++) if (text.charCodeAt(i) !== 48) return -1;
  return v;
}
